export {
  type CreateWorkspaceInput,
  createWorkspace,
  defaultConsentCategories,
  defaultWorkspaceKey,
  findWorkspace,
  listWorkspaces,
  ownersListKey,
  resolveWorkspace,
  type Workspace,
} from './workspace-repository.js';
