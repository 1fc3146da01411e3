import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { upsertContact } from '../../src/contacts/index.js';
import {
  readWorkspacePreferenceTexts,
  verifyPreferenceToken,
} from '../../src/preferences/index.js';
import { resolveWorkspace } from '../../src/workspaces/index.js';
import { runSift } from '../contacts/cli-support.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('sift preference', (context) => {
  it("prints a contact's signed link and sets the workspace's texts", async () => {
    const { store, url } = context();
    const workspace = await resolveWorkspace(store.db, undefined, Date.now());
    const { id } = await upsertContact(store.db, {
      workspaceId: workspace.id,
      now: Date.now(),
      source: 'api',
      consent: ['marketing'],
      contact: { email: 'linked@example.com' },
    });
    const link = await runSift([
      'preference',
      'link',
      '--contact',
      'Linked@Example.com',
      '--base-url',
      'https://mail.example.com',
      '--db',
      url,
    ]);
    expect(link.stderr).toBe('');
    const printed = link.stdout.trim();
    expect(printed).toMatch(/^https:\/\/mail\.example\.com\/p\/[^/]+$/);
    const token = printed.split('/p/')[1]!;
    expect(verifyPreferenceToken(token, workspace)).toEqual({
      workspaceKey: workspace.key,
      contactId: id,
    });
    const unknown = await runSift([
      'preference',
      'link',
      '--contact',
      'nobody@example.com',
      '--db',
      url,
    ]);
    expect(unknown.code).toBe(66);

    const file = join(mkdtempSync(join(tmpdir(), 'sift-texts-')), 'fr.json');
    writeFileSync(
      file,
      JSON.stringify({ save: 'Enregistrer', categories: { marketing: 'Infolettre' } }),
    );
    const set = await runSift(['preference', 'texts', 'set', 'fr-BE', file, '--db', url]);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const texts = await readWorkspacePreferenceTexts(store.db, workspace.id);
    expect(texts.get('fr-be')).toEqual({
      save: 'Enregistrer',
      categories: { marketing: 'Infolettre' },
    });
  });
});
