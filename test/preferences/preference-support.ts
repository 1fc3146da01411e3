import { grantConsent } from '../../src/consent/index.js';
import { setTagPublic, upsertContact } from '../../src/contacts/index.js';
import type { Store } from '../../src/store/index.js';
import type { Workspace } from '../../src/workspaces/index.js';
import { testNow } from '../api/api-test-kit.js';

/**
 * A contact as the preference center tests need one: marketing and owner consent given by an
 * operator import, the owner's service category, one interest carried and one not.
 */
export async function createPreferenceContact(
  store: Store,
  workspace: Workspace,
  input: { email: string; language?: string },
): Promise<number> {
  const { id } = await upsertContact(store.db, {
    workspaceId: workspace.id,
    now: testNow,
    source: 'import',
    consent: ['marketing', 'owners_marketing', 'owners_service'],
    contact: {
      email: input.email,
      first_name: 'Ann',
      ...(input.language === undefined ? {} : { language: input.language }),
      tags: ['Cycling'],
    },
  });
  await setTagPublic(store.db, {
    workspaceId: workspace.id,
    tag: 'cycling',
    public: true,
    now: testNow,
  });
  await setTagPublic(store.db, {
    workspaceId: workspace.id,
    tag: 'golf',
    label: 'Golf',
    public: true,
    now: testNow,
  });
  await setTagPublic(store.db, {
    workspaceId: workspace.id,
    tag: 'vip',
    public: false,
    now: testNow,
  });
  // Granted by the contact once, so that `sales_viewing` starts ticked too.
  await grantConsent(store.db, {
    workspace,
    contactId: id,
    target: { category: 'sales_viewing' },
    actor: 'contact',
    source: 'preference_center',
    recordedAt: testNow,
  });
  return id;
}
