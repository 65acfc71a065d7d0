/**
 * The home screen's demo resource: the signed-in user's tasks from the app's API
 * (`GET ${OKTA_API_URL}/api/tasks`; the emulator's demo API serves one), read through
 * authorizedFetch and checked with zod before any of it reaches the renderer.
 */
import { z } from 'zod';
import type { ApiTasksView } from '../../shared/contract';
import { apiFailure, failureOfStatus } from './api-errors';
import type { AuthorizedFetch } from './authorized-fetch';

export const TASKS_PATH = '/api/tasks';
/** Bounds on what is shown: an API answering more is cut, not trusted to be small. */
const MAX_TASKS = 50;
const MAX_TEXT = 200;

const tasksSchema = z.object({
  owner: z.string().max(MAX_TEXT),
  tasks: z
    .array(z.object({ id: z.string().min(1).max(MAX_TEXT), title: z.string().max(MAX_TEXT), done: z.boolean() }))
    .transform((tasks) => tasks.slice(0, MAX_TASKS)),
});

export async function loadTasks(authorizedFetch: AuthorizedFetch): Promise<ApiTasksView> {
  const answer = await authorizedFetch(TASKS_PATH, { headers: { Accept: 'application/json' } });
  if (!answer.ok) return 'signedOut' in answer ? { status: 'signed-out' } : { status: 'failed', ...answer.failure };
  const { response } = answer;
  if (!response.ok) return { status: 'failed', ...failureOfStatus(response) };
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    return { status: 'failed', ...apiFailure('idp-error') };
  }
  const parsed = tasksSchema.safeParse(body);
  if (!parsed.success) return { status: 'failed', ...apiFailure('idp-error') };
  return { status: 'loaded', owner: parsed.data.owner, tasks: parsed.data.tasks };
}
