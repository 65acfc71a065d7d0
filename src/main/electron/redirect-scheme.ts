/**
 * The private-use redirect of a packaged build: registers the app as the OS handler of its
 * scheme and hands every URL the OS opens it with to `onRedirect`. How each OS delivers it
 * (Electron 45 docs, app.md):
 * - macOS: the `open-url` event ("Emitted when the user wants to open a URL with the
 *   application … You should call event.preventDefault() if you want to handle this event"),
 *   which must be listened to before `ready` to catch the URL that launched the app; the scheme is
 *   also declared in Info.plist by electron-builder's `protocols`.
 * - Windows and Linux: the OS starts a second instance with the URL in its argv; the
 *   single-instance lock sends it to this one as `second-instance` (argv).
 * `app.setAsDefaultProtocolClient(protocol)` returns whether the registration worked; it is only
 * asked in a packaged app (in development it would register the bare Electron binary).
 */
import { app } from 'electron';

export function registerRedirectScheme(scheme: string, onRedirect: (url: string) => void): boolean {
  const ours = (value: unknown): value is string => typeof value === 'string' && value.toLowerCase().startsWith(`${scheme}:`);
  app.on('open-url', (event: { preventDefault(): void }, url: string) => {
    if (!ours(url)) return;
    event.preventDefault();
    onRedirect(url);
  });
  app.on('second-instance', (_event: unknown, argv: unknown) => {
    const url = Array.isArray(argv) ? argv.find(ours) : undefined;
    if (url) onRedirect(url);
  });
  return app.isPackaged ? app.setAsDefaultProtocolClient(scheme) : false;
}
