import { createHash, randomBytes } from 'node:crypto';
import { SiftError } from '../shared/errors.js';
import type { Executor } from '../store/index.js';

/** What is shown of a key after creation: never the key itself, only its first characters. */
export interface ApiKeySummary {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
}

export interface CreatedApiKey extends ApiKeySummary {
  /** The secret, returned once at creation; only its SHA-256 is stored. */
  key: string;
}

export interface AuthenticatedKey {
  apiKeyId: number;
  workspaceId: number;
  workspaceKey: string;
}

export const apiKeyPrefix = 'sift_';
/** `sift_` and 7 characters: enough to tell keys apart in a list, far too few to guess one. */
const shownPrefixLength = apiKeyPrefix.length + 7;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 32 random bytes as base64url: 256 bits, so a plain SHA-256 (no salt, no KDF) is safe. */
export function generateApiKey(): string {
  return `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`;
}

export async function createApiKey(
  db: Executor,
  input: { workspaceId: number; name?: string | undefined; now: number },
): Promise<CreatedApiKey> {
  const key = generateApiKey();
  const name = input.name?.trim() || 'default';
  const prefix = key.slice(0, shownPrefixLength);
  const row = await db
    .insertInto('api_keys')
    .values({
      workspace_id: input.workspaceId,
      name,
      prefix,
      key_hash: hashApiKey(key),
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), name, prefix, createdAt: input.now, key };
}

export async function listApiKeys(db: Executor, workspaceId: number): Promise<ApiKeySummary[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    prefix: row.prefix,
    createdAt: Number(row.created_at),
  }));
}

/** Revoking deletes the row: a revoked key then fails exactly like a key that never existed. */
export async function revokeApiKey(
  db: Executor,
  input: { workspaceId: number; id: number },
): Promise<void> {
  const result = await db
    .deleteFrom('api_keys')
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) {
    throw new SiftError('not_found', `API key ${input.id} does not exist`, { path: 'id' });
  }
}

/** The key's workspace, or undefined for an unknown or revoked key. */
export async function authenticateApiKey(
  db: Executor,
  key: string,
): Promise<AuthenticatedKey | undefined> {
  if (!key.startsWith(apiKeyPrefix)) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('workspaces', 'workspaces.id', 'api_keys.workspace_id')
    .select(['api_keys.id as id', 'workspaces.id as workspace_id', 'workspaces.key as key'])
    .where('api_keys.key_hash', '=', hashApiKey(key))
    .executeTakeFirst();
  if (!row) return undefined;
  return { apiKeyId: Number(row.id), workspaceId: Number(row.workspace_id), workspaceKey: row.key };
}
