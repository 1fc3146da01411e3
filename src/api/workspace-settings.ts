import { SiftError } from '../shared/errors.js';
import { isValidTimeZone } from '../shared/time.js';
import type { Executor } from '../store/index.js';
import { findWorkspace, type Workspace } from '../workspaces/index.js';

export interface WorkspaceChanges {
  name?: string | undefined;
  timeZone?: string | undefined;
}

/**
 * Renames a workspace or changes its time zone. The key never changes: it names the
 * workspace in `--workspace` and scripts.
 */
export async function updateWorkspace(
  db: Executor,
  input: { workspace: Workspace; changes: WorkspaceChanges },
): Promise<Workspace> {
  const { name, timeZone } = input.changes;
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw new SiftError('invalid_input', `Unknown time zone "${timeZone}"`, { path: 'time_zone' });
  }
  const values = {
    ...(name === undefined ? {} : { name }),
    ...(timeZone === undefined ? {} : { time_zone: timeZone }),
  };
  if (Object.keys(values).length > 0) {
    await db.updateTable('workspaces').set(values).where('id', '=', input.workspace.id).execute();
  }
  const updated = await findWorkspace(db, input.workspace.key);
  if (!updated) throw new SiftError('not_found', `Workspace "${input.workspace.key}" is gone`);
  return updated;
}
