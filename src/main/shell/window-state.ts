/**
 * Where the window opens: the saved bounds when they still fit the current displays, otherwise a
 * default size centred by the OS. Displays change (a monitor unplugged, a resolution changed), so
 * a window saved on a screen that is gone must not open off-screen. Electron-free; the Electron
 * glue (electron/app-shell.ts) passes in `screen.getAllDisplays()` and electron-store.
 */
import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowPlacement {
  /** Absent: let the OS centre the window. */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_SIZE = { width: 960, height: 720 } as const;
export const MIN_SIZE = { width: 480, height: 420 } as const;
/** How much of the window (from its top-left, where the title bar is) must be on a display to grab it. */
const GRAB_AREA = { width: 120, height: 40 } as const;

const savedSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(MIN_SIZE.width).max(100_000),
  height: z.number().int().min(MIN_SIZE.height).max(100_000),
  maximized: z.boolean().default(false),
});

export type SavedWindowState = z.infer<typeof savedSchema>;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/** `saved` is whatever the store returned: anything malformed means the default placement. */
export function placeWindow(saved: unknown, workAreas: ReadonlyArray<Rect>): WindowPlacement {
  const parsed = savedSchema.safeParse(saved);
  const fallback: WindowPlacement = { ...DEFAULT_SIZE, maximized: false };
  if (!parsed.success || workAreas.length === 0) return fallback;
  const state = parsed.data;
  const titleBar: Rect = { x: state.x, y: state.y, width: GRAB_AREA.width, height: GRAB_AREA.height };
  const home = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= GRAB_AREA.width && o.height >= GRAB_AREA.height;
  });
  // Off every display: keep the size (shrunk to fit the largest screen) but let the OS place it.
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
  if (!home) {
    return {
      width: Math.max(MIN_SIZE.width, Math.min(state.width, largest.width)),
      height: Math.max(MIN_SIZE.height, Math.min(state.height, largest.height)),
      maximized: state.maximized,
    };
  }
  const width = Math.max(MIN_SIZE.width, Math.min(state.width, home.width));
  const height = Math.max(MIN_SIZE.height, Math.min(state.height, home.height));
  // Pull the window back inside the display it belongs to, so its far edges are reachable too.
  const x = Math.min(Math.max(state.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(state.y, home.y), home.y + home.height - height);
  return { x, y, width, height, maximized: state.maximized };
}

/** What to store when the window closes: its normal (un-maximized) bounds and whether it was maximized. */
export function windowStateToSave(normalBounds: Rect, maximized: boolean): SavedWindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.max(MIN_SIZE.width, Math.round(normalBounds.width)),
    height: Math.max(MIN_SIZE.height, Math.round(normalBounds.height)),
    maximized,
  };
}
