/**
 * Who may call the bridge: only the main frame of our window, showing our own origin (app:// in
 * a packaged app, the dev server in development). Kept free of Electron so it is tested in Node.
 */

export interface SenderInfo {
  /** The URL of the frame that sent the IPC message, or undefined if the frame is gone. */
  readonly frameUrl: string | undefined;
  /** Whether that frame is the window's top-level frame (not an iframe). */
  readonly isMainFrame: boolean;
}

export function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  // Custom standard schemes (app://bundle) report origin "null" in WHATWG URL; build it ourselves.
  return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
}

export function isAllowedSender(sender: SenderInfo, allowedOrigin: string): boolean {
  if (!sender.isMainFrame || !sender.frameUrl) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== undefined && origin === originOf(allowedOrigin);
}
