import { createRoute, z } from '@hono/zod-openapi';
import { isValidTimeZone } from '../../shared/time.js';
import type { Workspace as WorkspaceRecord } from '../../workspaces/index.js';
import type { ApiApp } from '../api-env.js';
import { errorResponses, isoInstant, jsonBody, jsonContent } from '../openapi.js';
import { updateWorkspace } from '../workspace-settings.js';

export const Workspace = z
  .object({
    key: z.string(),
    name: z.string(),
    time_zone: z.string().openapi({ example: 'Europe/Amsterdam' }),
    created_at: z.string(),
  })
  .openapi('Workspace');
export type Workspace = z.infer<typeof Workspace>;

export const WorkspaceUpdate = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    time_zone: z
      .string()
      .refine(isValidTimeZone, { message: 'Expected an IANA time zone such as "Europe/Amsterdam"' })
      .optional(),
  })
  .strict()
  .openapi('WorkspaceUpdate');
export type WorkspaceUpdate = z.infer<typeof WorkspaceUpdate>;

export function toWorkspaceJson(workspace: WorkspaceRecord): Workspace {
  return {
    key: workspace.key,
    name: workspace.name,
    time_zone: workspace.timeZone,
    created_at: isoInstant(workspace.createdAt),
  };
}

const getWorkspaceRoute = createRoute({
  method: 'get',
  path: '/v1/workspace',
  tags: ['workspace'],
  summary: "The API key's workspace",
  responses: { 200: jsonContent(Workspace, 'The workspace'), ...errorResponses() },
});

const updateWorkspaceRoute = createRoute({
  method: 'patch',
  path: '/v1/workspace',
  tags: ['workspace'],
  summary: 'Rename the workspace or change its time zone',
  request: { body: jsonBody(WorkspaceUpdate) },
  responses: { 200: jsonContent(Workspace, 'The updated workspace'), ...errorResponses(400) },
});

export function registerWorkspaceRoutes(app: ApiApp): void {
  app.openapi(getWorkspaceRoute, (c) => c.json(toWorkspaceJson(c.var.workspace), 200));
  app.openapi(updateWorkspaceRoute, async (c) => {
    const body = c.req.valid('json');
    const updated = await updateWorkspace(c.var.store.db, {
      workspace: c.var.workspace,
      changes: { name: body.name, timeZone: body.time_zone },
    });
    return c.json(toWorkspaceJson(updated), 200);
  });
}
