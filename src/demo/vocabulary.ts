/** Word lists for the demo data: a hotel group in the Benelux that also runs a web shop. */
export const firstNames = [
  'Emma',
  'Daan',
  'Sophie',
  'Lucas',
  'Julia',
  'Sem',
  'Zoë',
  'Noah',
  'Mila',
  'Liam',
  'Anna',
  'Finn',
  'Lotte',
  'Jesse',
  'Sara',
  'Milan',
  'Élodie',
  'Thomas',
  'Charlotte',
  'Jonas',
  'Léa',
  'Maximilian',
  'Hannah',
  'Lukas',
  'Olivia',
  'Jack',
  'Isla',
  'Oliver',
  'Amélie',
  'Søren',
] as const;

export const lastNames = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'Peeters',
  'Janssens',
  'Maes',
  'Dubois',
  'Lambert',
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Martin',
  'Bernard',
  'Smith',
  'Jones',
  'Ødegaard',
  'García',
  'Van Dijk',
  'Mulder',
] as const;

export const countries = [
  {
    country: 'NL',
    language: 'nl',
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Den Haag', 'Zandvoort'],
    weight: 45,
  },
  { country: 'BE', language: 'nl-BE', cities: ['Antwerpen', 'Gent', 'Brugge'], weight: 12 },
  { country: 'BE', language: 'fr-BE', cities: ['Bruxelles', 'Liège', 'Namur'], weight: 8 },
  {
    country: 'DE',
    language: 'de',
    cities: ['Köln', 'Düsseldorf', 'Berlin', 'München'],
    weight: 18,
  },
  { country: 'FR', language: 'fr', cities: ['Paris', 'Lille', 'Lyon'], weight: 7 },
  { country: 'GB', language: 'en', cities: ['London', 'Manchester'], weight: 6 },
  { country: 'ES', language: 'es', cities: ['Madrid', 'Barcelona'], weight: 4 },
] as const;

export const departments = [
  {
    department: 'Accessories',
    products: ['TRUCK', 'BELL', 'BOTTLE', 'LIGHTS', 'LOCK'],
    price: [9, 60],
  },
  { department: 'Apparel', products: ['JERSEY', 'JACKET', 'GLOVES', 'CAP'], price: [20, 180] },
  { department: 'Bikes', products: ['ROADSTER', 'GRAVEL', 'E-CITY'], price: [600, 3200] },
  { department: 'Wellness', products: ['SPA-DAY', 'MASSAGE', 'SAUNA'], price: [35, 240] },
] as const;

export const classifications = ['new', 'sale', 'outlet'] as const;

export const campaigns = [
  'spring-newsletter',
  'summer-sale',
  'autumn-offers',
  'winter-deals',
  'loyalty-update',
] as const;

export const campaignLinks = [
  'https://shop.example.com/sale',
  'https://hotels.example.com/offers',
  'https://shop.example.com/new',
  'https://hotels.example.com/spa',
] as const;

export const properties = [
  { property: 'Hotel Amsterdam Centraal', roomTypes: ['standard', 'deluxe', 'suite'] },
  { property: 'Beach Resort Zandvoort', roomTypes: ['sea-view', 'garden', 'family'] },
  { property: 'Ardennes Lodge', roomTypes: ['chalet', 'lodge-room'] },
] as const;

export const bookingChannels = ['direct', 'booking.com', 'expedia', 'phone'] as const;

export const interests = ['cycling', 'wellness', 'golf', 'food', 'family'] as const;

export const loyaltyTiers = ['bronze', 'silver', 'gold'] as const;
