import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, placeWindow, windowStateToSave } from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('placeWindow', () => {
  it('restores saved bounds that are on a display', () => {
    expect(placeWindow({ x: 100, y: 80, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('restores onto a second display and keeps the maximized flag', () => {
    expect(placeWindow({ x: 2000, y: 100, width: 1200, height: 900, maximized: true }, [laptop, rightMonitor])).toEqual({
      x: 2000,
      y: 100,
      width: 1200,
      height: 900,
      maximized: true,
    });
  });

  it('drops the position when the display it was on is gone, keeping a size that fits', () => {
    expect(placeWindow({ x: 2000, y: 100, width: 2400, height: 1300, maximized: false }, [laptop])).toEqual({
      width: 1440,
      height: 875,
      maximized: false,
    });
  });

  it('treats a window whose title bar is only a sliver on screen as off-screen', () => {
    expect(placeWindow({ x: 1400, y: 100, width: 800, height: 600 }, [laptop])).toEqual({ width: 800, height: 600, maximized: false });
    expect(placeWindow({ x: 100, y: -30, width: 800, height: 600 }, [laptop])).toEqual({ width: 800, height: 600, maximized: false });
  });

  it('treats a window above or below a display that is not at the top of the desktop as off-screen', () => {
    const lowerMonitor = { x: 0, y: 1000, width: 1920, height: 1040 };
    expect(placeWindow({ x: 100, y: 100, width: 800, height: 600 }, [lowerMonitor])).toEqual({ width: 800, height: 600, maximized: false });
    expect(placeWindow({ x: 100, y: 2030, width: 800, height: 600 }, [lowerMonitor])).toEqual({ width: 800, height: 600, maximized: false });
    expect(placeWindow({ x: 100, y: 1100, width: 800, height: 600 }, [lowerMonitor])).toEqual({ x: 100, y: 1100, width: 800, height: 600, maximized: false });
  });

  it('shrinks a window off every display to the largest display, whichever order the displays come in', () => {
    const saved = { x: 10_000, y: 10_000, width: 3000, height: 2000 };
    const onTheMonitor = { width: rightMonitor.width, height: rightMonitor.height, maximized: false };
    expect(placeWindow(saved, [laptop, rightMonitor])).toEqual(onTheMonitor);
    expect(placeWindow(saved, [rightMonitor, laptop])).toEqual(onTheMonitor);
    expect(placeWindow(saved, [laptop, rightMonitor, { x: -1440, y: 0, width: 1440, height: 900 }])).toEqual(onTheMonitor);
  });

  it('of two displays as large, shrinks an off-screen window to the first listed', () => {
    const portrait = { x: 0, y: 0, width: 1000, height: 2000 };
    const landscape = { x: 1000, y: 0, width: 2000, height: 1000 };
    const saved = { x: 10_000, y: 10_000, width: 1500, height: 1500 };
    expect(placeWindow(saved, [portrait, landscape])).toEqual({ width: 1000, height: 1500, maximized: false });
    expect(placeWindow(saved, [landscape, portrait])).toEqual({ width: 1500, height: 1000, maximized: false });
  });

  it('pulls a window that hangs over the edge back inside its display and shrinks it to fit', () => {
    expect(placeWindow({ x: 1000, y: 500, width: 900, height: 700 }, [laptop])).toEqual({
      x: 540,
      y: 175,
      width: 900,
      height: 700,
      maximized: false,
    });
    expect(placeWindow({ x: 10, y: 10, width: 3000, height: 2000 }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
  });

  it('falls back to the default for missing, malformed or too-small saved state', () => {
    const fallback = { ...DEFAULT_SIZE, maximized: false };
    for (const saved of [undefined, null, 'x', {}, { x: 1, y: 1, width: '800', height: 600 }, { x: 1.5, y: 1, width: 800, height: 600 }, { x: 1, y: 1, width: 10, height: 600 }]) {
      expect(placeWindow(saved, [laptop])).toEqual(fallback);
    }
    expect(placeWindow({ x: 1, y: 1, width: 800, height: 600 }, [])).toEqual(fallback);
  });
});

describe('windowStateToSave', () => {
  it('rounds and enforces the minimum size', () => {
    expect(windowStateToSave({ x: 10.4, y: 20.6, width: 100, height: 900.2 }, true)).toEqual({
      x: 10,
      y: 21,
      width: MIN_SIZE.width,
      height: 900,
      maximized: true,
    });
  });

  it('round-trips through placeWindow', () => {
    const saved = windowStateToSave({ x: 200, y: 150, width: 1024, height: 600 }, false);
    expect(placeWindow(JSON.parse(JSON.stringify(saved)), [laptop])).toEqual({ x: 200, y: 150, width: 1024, height: 600, maximized: false });
  });
});
