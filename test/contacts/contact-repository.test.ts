import { expect, it } from 'vitest';
import {
  addContactTags,
  addListMembers,
  createContact,
  createField,
  createList,
  deleteContact,
  findContact,
  findContactIds,
  getContact,
  listContacts,
  listFields,
  listLists,
  listMemberIds,
  listsOfContact,
  listTags,
  removeContactTags,
  removeListMembers,
  replaceListMembers,
  setTagPublic,
  updateContact,
  upsertContact,
  upsertContacts,
} from '../../src/contacts/index.js';
import { describeEachStore } from '../support/stores.js';
import { consentRows, countRows, freshWorkspace } from './helpers.js';

const now = Date.UTC(2026, 2, 1);
const base = { now, source: 'api' as const, consent: ['marketing'] };

describeEachStore('contact repository', (context) => {
  it('upserts: creates with source and consent, then updates without erasing', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    await createField(store.db, {
      workspaceId: workspace.id,
      field: { key: 'points', type: 'number' },
      now,
    });
    const first = await upsertContact(store.db, {
      ...base,
      workspaceId: workspace.id,
      contact: {
        email: ' Ann@X.nl ',
        first_name: 'Ann',
        city: 'Gent',
        custom: { points: 10 },
        tags: [' VIP'],
      },
    });
    expect(first.created).toBe(true);
    const second = await upsertContact(store.db, {
      ...base,
      now: now + 1000,
      source: 'booking',
      consent: ['booking_marketing'],
      workspaceId: workspace.id,
      contact: {
        email: 'ann@x.nl',
        first_name: '',
        city: 'Brugge',
        phone: '+32470123456',
        tags: ['cycling'],
      },
    });
    expect(second).toEqual({ id: first.id, created: false });
    const contact = await getContact(store.db, { workspaceId: workspace.id, id: first.id });
    expect(contact).toMatchObject({
      email: 'ann@x.nl',
      first_name: 'Ann',
      city: 'Brugge',
      phone: '+32470123456',
      source: 'api',
      custom: { points: 10 },
      tags: ['cycling', 'vip'],
      created_at: now,
      updated_at: now + 1000,
    });
    const consent = await consentRows(store, workspace.id, first.id);
    expect(consent.map((row) => [row.category, row.action, row.actor, row.source])).toEqual([
      ['marketing', 'grant', 'operator', 'api'],
      ['booking_marketing', 'grant', 'operator', 'booking'],
    ]);
  });

  it('stores folded key twins for segment comparisons', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    await createField(store.db, {
      workspaceId: workspace.id,
      field: { key: 'tier', type: 'select', options: ['Gold'] },
      now,
    });
    const { id } = await upsertContact(store.db, {
      ...base,
      workspaceId: workspace.id,
      contact: {
        external_id: ' AB-1 ',
        city: ' ÉTAMPES',
        language: 'fr-be',
        country: 'fr',
        custom: { tier: 'gold' },
      },
    });
    const row = await store.db
      .selectFrom('contacts')
      .select([
        'external_id',
        'external_id_key',
        'city',
        'city_key',
        'language',
        'language_key',
        'country',
        'country_key',
        'custom',
        'custom_key',
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect({ ...row, custom: undefined, custom_key: undefined }).toMatchObject({
      external_id: 'AB-1',
      external_id_key: 'ab-1',
      city: 'ÉTAMPES',
      city_key: 'étampes',
      language: 'fr-BE',
      language_key: 'fr-be',
      country: 'FR',
      country_key: 'fr',
    });
    const custom = typeof row.custom === 'string' ? JSON.parse(row.custom) : row.custom;
    const customKey =
      typeof row.custom_key === 'string' ? JSON.parse(row.custom_key) : row.custom_key;
    expect([custom, customKey]).toEqual([{ tier: 'Gold' }, { tier: 'gold' }]);
  });

  it.each([
    {
      description: 'a new contact without consent',
      contact: { email: 'n@x.nl' },
      consent: [],
      code: 'validation_failed',
      path: 'consent',
      message: 'missing consent',
    },
    {
      description: 'an unknown consent category',
      contact: { email: 'n@x.nl' },
      consent: ['newsletter'],
      code: 'invalid_input',
      path: 'consent',
      message: 'newsletter',
    },
    {
      description: 'no identifier',
      contact: { first_name: 'Ann' },
      consent: ['marketing'],
      code: 'validation_failed',
      path: undefined,
      message: 'email, phone or external_id',
    },
    {
      description: 'a bad email',
      contact: { email: 'nope' },
      consent: ['marketing'],
      code: 'validation_failed',
      path: 'email',
      message: 'not an email address',
    },
    {
      description: 'an unknown custom field',
      contact: { email: 'n@x.nl', custom: { x: 1 } },
      consent: ['marketing'],
      code: 'validation_failed',
      path: 'custom.x',
      message: 'Unknown custom field',
    },
  ])('upsertContact refuses $description', async ({ contact, consent, code, path, message }) => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const attempt = upsertContact(store.db, {
      ...base,
      consent,
      workspaceId: workspace.id,
      contact,
    });
    await expect(attempt).rejects.toMatchObject({
      code,
      path,
      message: expect.stringContaining(message),
    });
    expect(await countRows(store, 'contacts', workspace.id)).toBe(0);
  });

  it('reports uniqueness conflicts as row problems in a batch, not as a crash', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    await upsertContacts(store.db, {
      ...base,
      workspaceId: workspace.id,
      contacts: [{ email: 'a@x.nl' }, { external_id: 'E2' }],
    });
    const results = await upsertContacts(store.db, {
      ...base,
      workspaceId: workspace.id,
      contacts: [{ email: 'a@x.nl', external_id: 'E2' }, { email: 'c@x.nl' }, { email: 'bad' }],
    });
    expect(results[0]).toMatchObject({
      ok: false,
      problems: [{ code: 'conflict', path: 'external_id' }],
    });
    expect(results[1]).toMatchObject({ ok: true, created: true });
    expect(results[2]).toMatchObject({ ok: false, problems: [{ path: 'email' }] });
    await expect(
      upsertContact(store.db, {
        ...base,
        workspaceId: workspace.id,
        contact: { email: 'a@x.nl', external_id: 'E2' },
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('creates (conflict when taken), updates partially and clears with null', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const ann = await createContact(store.db, {
      ...base,
      workspaceId: workspace.id,
      contact: { email: 'ann@x.nl', city: 'Gent', gender: 'f' },
    });
    const bob = await createContact(store.db, {
      ...base,
      workspaceId: workspace.id,
      contact: { email: 'bob@x.nl' },
    });
    await expect(
      createContact(store.db, {
        ...base,
        workspaceId: workspace.id,
        contact: { email: 'ANN@x.nl' },
      }),
    ).rejects.toMatchObject({ code: 'conflict', path: 'email' });
    const updated = await updateContact(store.db, {
      workspaceId: workspace.id,
      id: ann.id,
      changes: { city: 'Brugge', gender: null, tags: ['Gold'] },
      now: now + 5,
    });
    expect(updated).toMatchObject({
      email: 'ann@x.nl',
      city: 'Brugge',
      gender: null,
      tags: ['gold'],
      updated_at: now + 5,
    });
    await expect(
      updateContact(store.db, {
        workspaceId: workspace.id,
        id: bob.id,
        changes: { email: 'ann@x.nl' },
        now,
      }),
    ).rejects.toMatchObject({ code: 'conflict', path: 'email' });
    await expect(
      updateContact(store.db, {
        workspaceId: workspace.id,
        id: bob.id,
        changes: { email: null },
        now,
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      updateContact(store.db, { workspaceId: workspace.id, id: 999_999, changes: {}, now }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('finds contacts by reference, in batch, and only in their workspace', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const other = await freshWorkspace(store);
    const [a, b] = await upsertContacts(store.db, {
      ...base,
      workspaceId: workspace.id,
      contacts: [{ email: 'a@x.nl', external_id: 'E1' }, { phone: '+32470123456' }],
    });
    await upsertContacts(store.db, {
      ...base,
      workspaceId: other.id,
      contacts: [{ email: 'z@x.nl' }],
    });
    const idA = a?.ok ? a.id : -1;
    const idB = b?.ok ? b.id : -1;
    const ids = await findContactIds(store.db, workspace.id, [
      { email: ' A@X.NL' },
      { external_id: 'E1' },
      { phone: '0032 470 12 34 56' },
      { id: idB },
      { email: 'z@x.nl' },
      { phone: 'nonsense' },
      { id: 123_456_789 },
    ]);
    expect(ids).toEqual([idA, idA, idB, idB, undefined, undefined, undefined]);
    expect(
      (await findContact(store.db, { workspaceId: workspace.id, reference: { external_id: 'E1' } }))
        ?.email,
    ).toBe('a@x.nl');
  });

  it('lists contacts by id with a cursor', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    await upsertContacts(store.db, {
      ...base,
      workspaceId: workspace.id,
      contacts: Array.from({ length: 5 }, (_, index) => ({ email: `c${index}@x.nl` })),
    });
    const first = await listContacts(store.db, { workspaceId: workspace.id, limit: 2 });
    const second = await listContacts(store.db, {
      workspaceId: workspace.id,
      limit: 2,
      after: first.next!,
    });
    const third = await listContacts(store.db, {
      workspaceId: workspace.id,
      limit: 2,
      after: second.next!,
    });
    const emails = [...first.contacts, ...second.contacts, ...third.contacts].map(
      (contact) => contact.email,
    );
    expect(emails).toEqual(['c0@x.nl', 'c1@x.nl', 'c2@x.nl', 'c3@x.nl', 'c4@x.nl']);
    expect(third.next).toBeNull();
    const ids = [...first.contacts, ...second.contacts].map((contact) => contact.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('deletes a contact with its tags, lists, events, reservations and consent', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const { id } = await upsertContact(store.db, {
      ...base,
      workspaceId: workspace.id,
      contact: { email: 'gone@x.nl', tags: ['vip'] },
    });
    const kept = await upsertContact(store.db, {
      ...base,
      workspaceId: workspace.id,
      contact: { email: 'kept@x.nl', tags: ['vip'] },
    });
    await addListMembers(store.db, {
      workspaceId: workspace.id,
      listKey: 'owners',
      contactIds: [id, kept.id],
      now,
    });
    for (const contactId of [id, kept.id]) {
      await store.db
        .insertInto('events')
        .values({
          workspace_id: workspace.id,
          contact_id: contactId,
          type: 'purchase',
          occurred_at: now,
          properties: '{}',
          property_text: '{}',
          property_number: '{}',
          client_id: null,
          received_at: now,
        })
        .execute();
      await store.db
        .insertInto('reservations')
        .values({
          workspace_id: workspace.id,
          booking_id: `B${contactId}`,
          contact_id: contactId,
          property: null,
          property_key: null,
          room_type: null,
          room_type_key: null,
          arrival: null,
          departure: null,
          status: 'confirmed',
          confirmed_at: now,
          channel: null,
          channel_key: null,
          guests: null,
          amount: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await deleteContact(store.db, { workspaceId: workspace.id, id });
    for (const table of [
      'contacts',
      'consent_log',
      'contact_tags',
      'list_members',
      'events',
      'reservations',
    ] as const) {
      expect([table, await countRows(store, table, workspace.id)]).toEqual([table, 1]);
    }
    await expect(getContact(store.db, { workspaceId: workspace.id, id })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(deleteContact(store.db, { workspaceId: workspace.id, id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('manages tags: folded, counted, public interests, removable', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const a = await upsertContact(store.db, {
      ...base,
      workspaceId: workspace.id,
      contact: { email: 'a@x.nl' },
    });
    const b = await upsertContact(store.db, {
      ...base,
      workspaceId: workspace.id,
      contact: { email: 'b@x.nl' },
    });
    await addContactTags(store.db, {
      workspaceId: workspace.id,
      contactId: a.id,
      tags: [' VIP', 'Cycling'],
      now,
    });
    await addContactTags(store.db, {
      workspaceId: workspace.id,
      contactId: b.id,
      tags: ['vip'],
      now,
    });
    await removeContactTags(store.db, {
      workspaceId: workspace.id,
      contactId: a.id,
      tags: ['CYCLING'],
    });
    const interest = await setTagPublic(store.db, {
      workspaceId: workspace.id,
      tag: 'Hiking',
      public: true,
      now,
    });
    expect(interest).toMatchObject({ tag: 'hiking', label: 'Hiking', public: true, contacts: 0 });
    const tags = await listTags(store.db, workspace.id);
    expect(tags.map((tag) => [tag.tag, tag.label, tag.public, tag.contacts])).toEqual([
      ['cycling', 'Cycling', false, 0],
      ['hiking', 'Hiking', true, 0],
      ['vip', 'VIP', false, 2],
    ]);
    await expect(
      addContactTags(store.db, { workspaceId: workspace.id, contactId: 999_999, tags: ['x'], now }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('manages lists: built-in owners, members, wholesale replacement', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const results = await upsertContacts(store.db, {
      ...base,
      workspaceId: workspace.id,
      contacts: ['a', 'b', 'c', 'd'].map((name) => ({ email: `${name}@x.nl` })),
    });
    const [a, b, c, d] = results.map((result) => (result.ok ? result.id : -1)) as [
      number,
      number,
      number,
      number,
    ];
    await createList(store.db, {
      workspaceId: workspace.id,
      list: { key: 'crm', name: 'CRM', source: 'sync' },
      now,
    });
    await expect(
      createList(store.db, { workspaceId: workspace.id, list: { key: 'crm' }, now }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      createList(store.db, { workspaceId: workspace.id, list: { key: 'Bad Key' }, now }),
    ).rejects.toMatchObject({ code: 'invalid_input', path: 'key' });
    await addListMembers(store.db, {
      workspaceId: workspace.id,
      listKey: 'crm',
      contactIds: [a, b, c],
      now,
    });
    const replaced = await replaceListMembers(store.db, {
      workspaceId: workspace.id,
      listKey: 'crm',
      contactIds: [b, c, d],
      now,
    });
    expect(replaced).toEqual({ added: 1, removed: 1 });
    expect(await listMemberIds(store.db, { workspaceId: workspace.id, listKey: 'crm' })).toEqual([
      b,
      c,
      d,
    ]);
    await removeListMembers(store.db, {
      workspaceId: workspace.id,
      listKey: 'crm',
      contactIds: [c],
    });
    await addListMembers(store.db, {
      workspaceId: workspace.id,
      listKey: 'owners',
      contactIds: [b],
      now,
    });
    const lists = await listLists(store.db, workspace.id);
    expect(lists.map((list) => [list.key, list.source, list.members])).toEqual([
      ['crm', 'sync', 2],
      ['owners', 'owners', 1],
    ]);
    expect(
      (await listsOfContact(store.db, { workspaceId: workspace.id, contactId: b })).map(
        (list) => list.key,
      ),
    ).toEqual(['crm', 'owners']);
    await expect(
      addListMembers(store.db, {
        workspaceId: workspace.id,
        listKey: 'crm',
        contactIds: [999_999],
        now,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('creates custom fields with checked keys, types and options', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const field = await createField(store.db, {
      workspaceId: workspace.id,
      field: { key: 'tier', type: 'select', options: ['Gold', 'Silver'], label: 'Tier' },
      now,
    });
    expect(field).toEqual({
      key: 'tier',
      label: 'Tier',
      type: 'select',
      options: ['Gold', 'Silver'],
      createdAt: now,
    });
    const refused = [
      { key: 'email', type: 'text' },
      { key: 'Tier2', type: 'text' },
      { key: 'tier', type: 'text' },
      { key: 'level', type: 'select' },
      { key: 'level', type: 'multiselect', options: ['a;b'] },
      { key: 'level', type: 'select', options: ['A', 'a'] },
      { key: 'level', type: 'number', options: ['1'] },
      { key: 'level', type: 'colour' },
    ];
    for (const input of refused) {
      await expect(
        createField(store.db, { workspaceId: workspace.id, field: input, now }),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/invalid_input|conflict/),
      });
    }
    expect((await listFields(store.db, workspace.id)).map((row) => row.key)).toEqual(['tier']);
  });
});
