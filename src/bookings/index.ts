export { bookingItems, readBookingHeader } from './booking-csv.js';
export {
  bookingConsentCategory,
  defaultBookingBatchSize,
  type ImportBookingsInput,
  importBookings,
  writeBookingBatch,
} from './booking-import.js';
export {
  type BookingColumn,
  type BookingInput,
  type BookingProblem,
  BookingRow,
  bookingColumns,
  type ParseBookingResult,
  parseBookingRow,
  parseConfirmedAt,
  type ReservationStatus,
  requiredBookingColumns,
  reservationStatuses,
} from './booking-row.js';
export {
  type MergeBookingInput,
  mergeBooking,
  type Reservation,
  type ReservationChange,
  type ReservationFields,
} from './reservation-merge.js';
export {
  countReservations,
  findReservation,
  findReservationsByBookingIds,
  listContactReservations,
  saveReservations,
} from './reservation-repository.js';
