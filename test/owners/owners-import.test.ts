import '../../src/api/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readConsentLog, readContactConsent, unsubscribeContact } from '../../src/consent/index.js';
import { findContact, getList, listMemberIds, upsertContact } from '../../src/contacts/index.js';
import type { Store } from '../../src/store/index.js';
import type { Workspace } from '../../src/workspaces/index.js';
import { call, createTenant, testApp, testNow } from '../api/api-test-kit.js';
import { runSift } from '../contacts/cli-support.js';
import { describeEachStore } from '../support/stores.js';

async function owner(store: Store, workspace: Workspace, email: string) {
  const contact = await findContact(store.db, { workspaceId: workspace.id, reference: { email } });
  expect(contact).toBeDefined();
  const consent = await readContactConsent(store.db, {
    workspaceId: workspace.id,
    timeZone: workspace.timeZone,
    contactId: contact!.id,
    now: testNow + 60_000,
  });
  const states = Object.fromEntries(
    Object.entries(consent.decisions).map(([key, decision]) => [key, decision.state]),
  );
  return { contact: contact!, states, log: consent.log };
}

describeEachStore('owners import', (context) => {
  it('imports owners from the CLI: Owners list, both owner categories, source owner', async () => {
    const { store, url } = context();
    const tenant = await createTenant(store);
    const workspace = tenant.workspace;
    // Already a contact: keeps its source, gains the owner consent and the list.
    await upsertContact(store.db, {
      workspaceId: workspace.id,
      now: testNow - 1000,
      source: 'import',
      consent: ['marketing'],
      contact: { email: 'known@x.nl' },
    });
    const directory = mkdtempSync(join(tmpdir(), 'sift-owners-'));
    const file = join(directory, 'owners.csv');
    writeFileSync(file, 'email,first_name\nnew@x.nl,Nina\nknown@x.nl,Karl\nnot-an-email,Bad\n');
    const result = await runSift([
      'import',
      'owners',
      file,
      '--db',
      url,
      '--workspace',
      workspace.key,
      '--now',
      new Date(testNow).toISOString(),
      '--json',
    ]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ created: 1, updated: 1, rejectedCount: 1 });

    const created = await owner(store, workspace, 'new@x.nl');
    expect(created.contact.source).toBe('owner');
    expect(created.contact.created_at).toBe(testNow);
    expect(created.states).toMatchObject({
      owners_marketing: 'valid',
      owners_service: 'valid',
      marketing: 'never_given',
    });
    expect(
      created.log.map((entry) => [entry.category, entry.actor, entry.source, entry.recordedAt]),
    ).toEqual([
      ['owners_marketing', 'operator', 'owner', testNow],
      ['owners_service', 'operator', 'owner', testNow],
    ]);
    const known = await owner(store, workspace, 'known@x.nl');
    expect(known.contact.source).toBe('import');
    expect(known.states).toMatchObject({ marketing: 'valid', owners_service: 'valid' });

    const members = await listMemberIds(store.db, { workspaceId: workspace.id, listKey: 'owners' });
    expect(members).toEqual([known.contact.id, created.contact.id].sort((a, b) => a - b));
    const list = await getList(store.db, { workspaceId: workspace.id, key: 'owners' });
    expect(list?.source).toBe('owners');
  });

  it('imports owners over the API, with extra consent; a contact who opted out stays out', async () => {
    const { store } = context();
    const tenant = await createTenant(store);
    const workspace = tenant.workspace;
    const { id } = await upsertContact(store.db, {
      workspaceId: workspace.id,
      now: testNow - 1000,
      source: 'api',
      consent: ['owners_marketing'],
      contact: { email: 'out@x.nl' },
    });
    await unsubscribeContact(store.db, { workspace, contactId: id, recordedAt: testNow - 500 });
    const response = await call(testApp(store), 'POST', '/v1/owners/import?consent=marketing', {
      key: tenant.key,
      headers: { 'Content-Type': 'text/csv' },
      body: 'email\nout@x.nl\nfresh@x.nl\n',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 2, created: 1, updated: 1, rejected_count: 0 });
    const fresh = await owner(store, workspace, 'fresh@x.nl');
    expect(fresh.contact.source).toBe('owner');
    expect(fresh.states).toMatchObject({
      marketing: 'valid',
      owners_marketing: 'valid',
      owners_service: 'valid',
    });
    // The contact's own unsubscribe stands against the owners import (SPEC §3 rule 3); the
    // service category was never withdrawn, so it is granted.
    const out = await owner(store, workspace, 'out@x.nl');
    expect(out.states).toMatchObject({
      marketing: 'withdrawn',
      owners_marketing: 'withdrawn',
      owners_service: 'valid',
    });
    const log = await readConsentLog(store.db, { workspaceId: workspace.id, contactId: id });
    expect(log.filter((entry) => entry.source === 'owner')).toHaveLength(3);
    const rejected = await call(testApp(store), 'POST', '/v1/owners/import', {
      key: tenant.key,
      headers: { 'Content-Type': 'text/csv' },
      body: 'email\nbroken\n',
    });
    expect(rejected.status).toBe(422);
    expect(rejected.body.summary.rejected[0].line).toBe(2);
  });
});
