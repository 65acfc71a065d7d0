import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DesktopAuthApi } from '../../shared/contract';
import { App } from './App';
import './styles.css';

/** Starts the UI on a bridge; shared by the Electron renderer and the web preview. */
export function mountApp(container: HTMLElement | null, api: DesktopAuthApi | undefined): void {
  if (container === null) throw new Error('The page has no #root element.');
  if (api === undefined) {
    container.textContent = 'The sign-in bridge is missing: open this page inside the app.';
    return;
  }
  createRoot(container).render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
}
