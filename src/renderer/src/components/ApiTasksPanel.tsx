import { useCallback, useEffect, useState } from 'react';
import type { ApiTasksView, BridgeResult } from '../../../shared/contract';
import { useText } from '../i18n/useText';

type PanelState = { readonly kind: 'loading' } | { readonly kind: 'shown'; readonly result: BridgeResult<ApiTasksView> };

/**
 * The signed-in user's tasks from the app's own API, which main reads with the session's access
 * token (the renderer only ever sees the tasks). Nothing is drawn when no API is configured or
 * the session ended on the way (main then shows the sign-in screen).
 */
export function ApiTasksPanel() {
  const { t, show } = useText();
  const [state, setState] = useState<PanelState>({ kind: 'loading' });
  const load = useCallback(async (isLive: () => boolean) => {
    setState({ kind: 'loading' });
    const result = await window.desktopAuth.getTasks();
    if (isLive()) setState({ kind: 'shown', result });
  }, []);
  useEffect(() => {
    let live = true;
    void load(() => live);
    return () => {
      live = false;
    };
  }, [load]);

  const view = state.kind === 'shown' && state.result.ok ? state.result.value : undefined;
  if (view?.status === 'not-configured' || view?.status === 'signed-out') return null;
  return (
    <section className="api-panel" aria-labelledby="api-panel-title" aria-busy={state.kind === 'loading'}>
      <div className="api-panel__header">
        <h2 id="api-panel-title" className="card__subtitle">
          {t('api.tasks.title')}
        </h2>
        <button
          type="button"
          className="button--link"
          aria-label={t('api.tasks.reloadName')}
          disabled={state.kind === 'loading'}
          onClick={() => void load(() => true)}
        >
          {t('api.tasks.reload')}
        </button>
      </div>
      <p className="api-panel__source">{t('api.tasks.source')}</p>
      {state.kind === 'loading' ? (
        <p role="status" className="api-panel__status">
          {t('api.tasks.loading')}
        </p>
      ) : view?.status === 'loaded' ? (
        <TaskList tasks={view.tasks} />
      ) : (
        <div role="alert" className="messages api-panel__failure">
          <p className="message message--warning">
            {/* As in Messages: the level for screen readers; on screen the warning's colour and mark say it. */}
            <strong className="visually-hidden">{t('message.level.warning')} </strong>
            {/* A refused bridge call (busy, wrong state) has no failure of the API's own: the generic one. */}
            {view?.status === 'failed' ? show(view.message) : t('api.failure.internal')}{' '}
            <button type="button" className="button--link" onClick={() => void load(() => true)}>
              {t('api.tasks.tryAgain')}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}

function TaskList({ tasks }: { tasks: Extract<ApiTasksView, { status: 'loaded' }>['tasks'] }) {
  const { t } = useText();
  if (tasks.length === 0) return <p className="api-panel__status">{t('api.tasks.none')}</p>;
  return (
    <ul className="tasks">
      {tasks.map((task) => (
        <li key={task.id} className={task.done ? 'tasks__item tasks__item--done' : 'tasks__item'}>
          <bdi className="tasks__title">{task.title}</bdi>
          <span className="tasks__state">{t(task.done ? 'api.tasks.done' : 'api.tasks.toDo')}</span>
        </li>
      ))}
    </ul>
  );
}
