import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SiftError } from '../shared/errors.js';
import { isValidTimeZone } from '../shared/time.js';
import type { Database, Executor } from '../store/index.js';

export interface Workspace {
  id: number;
  key: string;
  name: string;
  timeZone: string;
  /** Signs preference-center links; never leaves the server. */
  secret: string;
  createdAt: number;
}

export const defaultWorkspaceKey = 'default';

/** Consent categories every new workspace starts with (SPEC §3). */
export const defaultConsentCategories = [
  { key: 'marketing', label: 'Marketing messages', kind: 'marketing', timeBound: false },
  {
    key: 'booking_marketing',
    label: 'Marketing related to booking',
    kind: 'marketing',
    timeBound: true,
  },
  {
    key: 'sales_viewing',
    label: 'Sales: viewing information',
    kind: 'marketing',
    timeBound: false,
  },
  {
    key: 'sales_real_estate',
    label: 'Sales: real estate updates',
    kind: 'marketing',
    timeBound: false,
  },
  {
    key: 'owners_marketing',
    label: 'Owners: marketing messages',
    kind: 'marketing',
    timeBound: false,
  },
  { key: 'owners_service', label: 'Owners: service messages', kind: 'service', timeBound: false },
] as const;

export const ownersListKey = 'owners';

interface WorkspaceRow {
  id: number;
  key: string;
  name: string;
  time_zone: string;
  secret: string;
  created_at: number;
}

function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: Number(row.id),
    key: row.key,
    name: row.name,
    timeZone: row.time_zone,
    secret: row.secret,
    createdAt: Number(row.created_at),
  };
}

export async function findWorkspace(db: Executor, key: string): Promise<Workspace | undefined> {
  const row = await db
    .selectFrom('workspaces')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? toWorkspace(row) : undefined;
}

export async function listWorkspaces(db: Executor): Promise<Workspace[]> {
  const rows = await db.selectFrom('workspaces').selectAll().orderBy('id').execute();
  return rows.map(toWorkspace);
}

export interface CreateWorkspaceInput {
  key: string;
  name?: string;
  timeZone?: string;
  now: number;
}

/** Creates a workspace with the default consent categories and the built-in Owners list; run it in a transaction. */
export async function createWorkspace(
  db: Executor,
  input: CreateWorkspaceInput,
): Promise<Workspace> {
  const timeZone = input.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw new SiftError('invalid_input', `Unknown time zone "${timeZone}"`, { path: 'timeZone' });
  }
  if (await findWorkspace(db, input.key)) {
    throw new SiftError('conflict', `Workspace "${input.key}" already exists`, { path: 'key' });
  }
  const last = await db
    .selectFrom('workspaces')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const id = Number(last?.id ?? 0) + 1;
  const row: WorkspaceRow = {
    id,
    key: input.key,
    name: input.name ?? input.key,
    time_zone: timeZone,
    secret: randomBytes(32).toString('hex'),
    created_at: input.now,
  };
  await db.insertInto('workspaces').values(row).execute();
  await db
    .insertInto('consent_categories')
    .values(
      defaultConsentCategories.map((category) => ({
        workspace_id: id,
        key: category.key,
        label: category.label,
        kind: category.kind,
        time_bound: category.timeBound ? 1 : 0,
        created_at: input.now,
      })),
    )
    .execute();
  await db
    .insertInto('lists')
    .values({
      workspace_id: id,
      key: ownersListKey,
      name: 'Owners',
      source: 'owners',
      created_at: input.now,
    })
    .execute();
  return toWorkspace(row);
}

/** The workspace named by `--workspace`; the default one is created on first use. */
export async function resolveWorkspace(
  db: Kysely<Database>,
  key: string | undefined,
  now: number,
): Promise<Workspace> {
  const wanted = key ?? defaultWorkspaceKey;
  const found = await findWorkspace(db, wanted);
  if (found) return found;
  if (wanted !== defaultWorkspaceKey) {
    throw new SiftError('not_found', `Workspace "${wanted}" does not exist`, { path: 'workspace' });
  }
  try {
    return await db
      .transaction()
      .execute((transaction) =>
        createWorkspace(transaction, { key: defaultWorkspaceKey, name: 'Default workspace', now }),
      );
  } catch (error) {
    // Two processes starting at once: the other one created it.
    const raced = await findWorkspace(db, wanted);
    if (raced) return raced;
    throw error;
  }
}
