/** The demo API's per-user resource: a short task list, keyed by the access token's `sub` (the login). */
export interface Task {
  id: string;
  title: string;
  done: boolean;
}

export type TaskLists = Readonly<Record<string, ReadonlyArray<Task>>>;

export const DEMO_TASKS: TaskLists = {
  'alice@example.com': [
    { id: 'task-1', title: 'Review the quarterly report', done: false },
    { id: 'task-2', title: 'Book the team offsite', done: true },
    { id: 'task-3', title: 'Renew the conference badge', done: false },
  ],
};

/** Anyone without a list of their own gets this one, so every demo account sees the panel work. */
export const DEFAULT_TASKS: ReadonlyArray<Task> = [{ id: 'task-1', title: 'Set up your account', done: false }];

export function tasksOf(lists: TaskLists, subject: string): ReadonlyArray<Task> {
  return Object.hasOwn(lists, subject) ? lists[subject]! : DEFAULT_TASKS;
}
