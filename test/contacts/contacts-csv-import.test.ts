import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import {
  createField,
  findContact,
  getList,
  importContactsCsv,
  listContacts,
  listMemberIds,
} from '../../src/contacts/index.js';
import type { Store } from '../../src/store/index.js';
import { describeEachStore } from '../support/stores.js';
import { consentRows, countRows, freshWorkspace } from './helpers.js';

const now = Date.UTC(2026, 2, 1);

interface ImportOptions {
  consent?: string[];
  listKey?: string;
  tags?: string[];
  batchSize?: number;
  parseInWorker?: boolean;
  at?: number;
}

function importText(
  store: Store,
  workspaceId: number,
  csv: string | Buffer,
  options: ImportOptions = {},
) {
  return importContactsCsv({
    store,
    workspaceId,
    input: Readable.from([typeof csv === 'string' ? Buffer.from(csv) : csv]),
    consent: options.consent ?? ['marketing'],
    listKey: options.listKey,
    tags: options.tags,
    now: options.at ?? now,
    batchSize: options.batchSize,
    parseInWorker: options.parseInWorker ?? false,
  });
}

async function contactByEmail(store: Store, workspaceId: number, email: string) {
  return findContact(store.db, { workspaceId, reference: { email } });
}

async function workspaceWithFields(store: Store) {
  const workspace = await freshWorkspace(store);
  const fields = [
    { key: 'points', type: 'number' },
    { key: 'member', type: 'boolean' },
    { key: 'contract_end', type: 'date' },
    { key: 'last_visit', type: 'datetime' },
    { key: 'tier', type: 'select', options: ['Gold', 'Silver'] },
    { key: 'interests', type: 'multiselect', options: ['Cycling', 'Wine'] },
    { key: 'note', type: 'text' },
  ];
  for (const field of fields)
    await createField(store.db, { workspaceId: workspace.id, field, now });
  return workspace;
}

describeEachStore('contacts CSV import', (context) => {
  it.each([
    { description: 'in this thread', parseInWorker: false },
    { description: 'in the parsing worker', parseInWorker: true },
  ])('reads quoting, BOM, CRLF and every field type ($description)', async ({ parseInWorker }) => {
    const { store } = context();
    const workspace = await workspaceWithFields(store);
    const csv =
      '\uFEFFEmail,First_Name,City,Points,Member,Contract_End,Last_Visit,Tier,Interests,Note,Tags\r\n' +
      'ann@x.nl,Ann,"Brussel, Elsene",12.5,true,2027-01-31,2026-01-31T10:00:00+01:00,gold,wine;CYCLING,"said ""hi""\nand left",VIP; cycling\r\n' +
      'bob@x.nl,Bob,,-3,false,,,,,,\r\n';
    const summary = await importText(store, workspace.id, csv, { parseInWorker });
    expect(summary).toMatchObject({
      rows: 2,
      created: 2,
      updated: 0,
      rejectedCount: 0,
      batches: 1,
    });
    const ann = await contactByEmail(store, workspace.id, 'ann@x.nl');
    expect(ann).toMatchObject({
      first_name: 'Ann',
      city: 'Brussel, Elsene',
      source: 'import',
      created_at: now,
      custom: {
        points: 12.5,
        member: true,
        contract_end: '2027-01-31',
        last_visit: Date.UTC(2026, 0, 31, 9),
        tier: 'Gold',
        interests: ['Wine', 'Cycling'],
        note: 'said "hi"\nand left',
      },
      tags: ['cycling', 'vip'],
    });
    const bob = await contactByEmail(store, workspace.id, 'bob@x.nl');
    expect(bob?.custom).toEqual({ points: -3, member: false });
    expect(bob?.city).toBeNull();
  });

  it('reports bad rows by physical line and column, keeps good rows', async () => {
    const { store } = context();
    const workspace = await workspaceWithFields(store);
    const csv = [
      'email,phone,points,member,tier,interests,contract_end,last_visit,birthdate,country,language',
      'ok1@x.nl,,,,,,,,,,',
      '"multi\nline@x.nl",,,,,,,,,,',
      'ok2@x.nl,,1.5.2,,,,,,,,',
      'ok3@x.nl,,,yes,,,,,,,',
      'ok4@x.nl,,,,Bronze,,,,,,',
      'ok5@x.nl,,,,,Wine;Golf,,,,,',
      'ok6@x.nl,,,,,,2026-02-30,,,,',
      'ok7@x.nl,,,,,,,soon,,,',
      'ok8@x.nl,,,,,,,,28/02/1990,,',
      'ok9@x.nl,,,,,,,,,XX,',
      'ok10@x.nl,0612345678,,,,,,,,,',
      'ok11@x.nl,,,,,,,,,,english',
      ',,,,,,,,,,',
      'ok12@x.nl,,,,,,,,,,,extra',
      ',,5,,,,,,,,',
      'ok13@x.nl,06 12345678,,,,,,,,NL,nl',
    ].join('\n');
    const summary = await importText(store, workspace.id, csv);
    expect(summary.rejected.map((row) => [row.line, row.path])).toEqual([
      [3, 'email'],
      [5, 'points'],
      [6, 'member'],
      [7, 'tier'],
      [8, 'interests'],
      [9, 'contract_end'],
      [10, 'last_visit'],
      [11, 'birthdate'],
      [12, 'country'],
      [13, 'phone'],
      [14, 'language'],
      [16, undefined],
      [17, undefined],
    ]);
    expect(summary.rejected[1]?.reason).toBe(
      'points: expected a number (plain decimal such as 12.5), got "1.5.2"',
    );
    expect(summary.rejected[12]?.reason).toContain('email, phone or external_id');
    expect(summary).toMatchObject({ rows: 15, created: 2, rejectedCount: 13 });
    expect((await contactByEmail(store, workspace.id, 'ok13@x.nl'))?.phone).toBe('+31612345678');
  });

  it('updates existing contacts: non-empty cells replace, empty cells never erase, tags only added', async () => {
    const { store } = context();
    const workspace = await workspaceWithFields(store);
    await importText(
      store,
      workspace.id,
      'email,first_name,city,points,tags\nann@x.nl,Ann,Gent,10,vip\n',
    );
    const summary = await importText(
      store,
      workspace.id,
      'EMAIL,first_name,city,points,tags\nANN@x.nl,,Brugge,,Cycling\n',
      {
        at: now + 60_000,
        consent: ['marketing', 'sales_viewing'],
      },
    );
    expect(summary).toMatchObject({ created: 0, updated: 1 });
    const ann = await contactByEmail(store, workspace.id, 'ann@x.nl');
    expect(ann).toMatchObject({
      first_name: 'Ann',
      city: 'Brugge',
      custom: { points: 10 },
      tags: ['cycling', 'vip'],
      created_at: now,
      updated_at: now + 60_000,
    });
    const consent = await consentRows(store, workspace.id, ann!.id);
    expect(consent.map((row) => [row.category, row.source, Number(row.recorded_at)])).toEqual([
      ['marketing', 'import', now],
      ['marketing', 'import', now + 60_000],
      ['sales_viewing', 'import', now + 60_000],
    ]);
  });

  it('matches by external_id, then phone, and refuses identifier conflicts per row', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    await importText(
      store,
      workspace.id,
      'email,external_id,phone\na@x.nl,E1,\n,E2,+32470000001\n,,+32470000002\n',
    );
    const csv = [
      'email,external_id,phone,city',
      'new-a@x.nl,E1,,Gent',
      'new-b@x.nl,,+32 470 00 00 02,Luik',
      'new-b@x.nl,E2,,Namen',
      ',E2,+32470000003,Mons',
    ].join('\n');
    const summary = await importText(store, workspace.id, csv);
    expect(summary).toMatchObject({ created: 0, updated: 3, rejectedCount: 1 });
    expect(summary.rejected[0]).toMatchObject({ line: 4, path: 'external_id' });
    const page = await listContacts(store.db, { workspaceId: workspace.id });
    expect(
      page.contacts.map((contact) => [
        contact.email,
        contact.external_id,
        contact.phone,
        contact.city,
      ]),
    ).toEqual([
      ['new-a@x.nl', 'E1', null, 'Gent'],
      [null, 'E2', '+32470000003', 'Mons'],
      ['new-b@x.nl', null, '+32470000002', 'Luik'],
    ]);
  });

  it('lets a later row with the same email update the earlier one, across batches too', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const csv =
      'email,first_name,last_name\ndup@x.nl,Ann,\nother@x.nl,Bob,\nDUP@x.nl,,Peeters\ndup@x.nl,Anna,\n';
    const summary = await importText(store, workspace.id, csv, { batchSize: 2 });
    expect(summary).toMatchObject({ rows: 4, created: 2, updated: 2, batches: 2 });
    expect(await contactByEmail(store, workspace.id, 'dup@x.nl')).toMatchObject({
      first_name: 'Anna',
      last_name: 'Peeters',
    });
    expect(await countRows(store, 'contacts', workspace.id)).toBe(2);
  });

  it('refuses unknown and read-only columns before writing anything', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const attempt = importText(store, workspace.id, 'email,loyalty,Shoe_Size\na@x.nl,1,42\n', {
      listKey: 'fresh',
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_input',
      path: 'header',
      message: expect.stringContaining(
        'unknown columns "loyalty", "shoe_size": create custom fields first (sift field create loyalty',
      ),
    });
    await expect(
      importText(store, workspace.id, 'email,created_at\na@x.nl,x\n'),
    ).rejects.toMatchObject({
      message: expect.stringContaining('set by Sift'),
    });
    await expect(importText(store, workspace.id, 'first_name\nAnn\n')).rejects.toMatchObject({
      message: expect.stringContaining('no identifier column'),
    });
    await expect(importText(store, workspace.id, '')).rejects.toMatchObject({
      message: expect.stringContaining('empty'),
    });
    expect(await countRows(store, 'contacts', workspace.id)).toBe(0);
    expect(await getList(store.db, { workspaceId: workspace.id, key: 'fresh' })).toBeUndefined();
  });

  it('refuses the file when consent is missing or unknown', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    await expect(
      importText(store, workspace.id, 'email\na@x.nl\n', { consent: [] }),
    ).rejects.toMatchObject({ path: 'consent' });
    await expect(
      importText(store, workspace.id, 'email\na@x.nl\n', { consent: ['newsletter'] }),
    ).rejects.toMatchObject({
      message: 'Unknown consent category: newsletter',
    });
    expect(await countRows(store, 'contacts', workspace.id)).toBe(0);
  });

  it('folds tags, adds --tags, and --list creates the list (source imported)', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const summary = await importText(
      store,
      workspace.id,
      'email,tags\na@x.nl, VIP ;Cycling\nb@x.nl,\n',
      {
        listKey: 'spring-fair',
        tags: ['Fair 2026'],
      },
    );
    expect(summary.created).toBe(2);
    expect((await contactByEmail(store, workspace.id, 'a@x.nl'))?.tags).toEqual([
      'cycling',
      'fair 2026',
      'vip',
    ]);
    expect((await contactByEmail(store, workspace.id, 'b@x.nl'))?.tags).toEqual(['fair 2026']);
    const list = await getList(store.db, { workspaceId: workspace.id, key: 'spring-fair' });
    expect(list).toMatchObject({ source: 'imported', members: 2 });
    await importText(store, workspace.id, 'email\nc@x.nl\n', { listKey: 'owners' });
    const owners = await listMemberIds(store.db, { workspaceId: workspace.id, listKey: 'owners' });
    expect(owners).toHaveLength(1);
    expect((await getList(store.db, { workspaceId: workspace.id, key: 'owners' }))?.source).toBe(
      'owners',
    );
  });

  it('stops at a CSV syntax error, keeping the rows before it', async () => {
    const { store } = context();
    const workspace = await freshWorkspace(store);
    const summary = await importText(
      store,
      workspace.id,
      'email,city\na@x.nl,Gent\nb@x.nl,"Gent"x\nc@x.nl,Luik\n',
    );
    expect(summary.created).toBe(1);
    expect(summary.rejected).toEqual([
      { line: 3, reason: expect.stringContaining('malformed CSV') },
    ]);
  });
});
