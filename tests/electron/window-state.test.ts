import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  MIN_WINDOW_HEIGHT,
  MIN_WINDOW_WIDTH,
  clampWindowState,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  trackWindowState,
  windowStatePath,
  type WindowState,
  type WindowStateFs,
} from '../../electron/window-state';

// A laptop (primary, with a 40px task bar) and an external monitor to its LEFT (negative x).
const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const external = { x: -2560, y: 0, width: 2560, height: 1400 };
const s = (x: number | undefined, y: number | undefined, width: number, height: number, maximized = false): WindowState =>
  x === undefined ? { width, height, maximized } : { x, y, width, height, maximized };

describe('clampWindowState', () => {
  it.each<[string, WindowState, readonly (typeof laptop)[], WindowState]>([
    ['keeps a window that is fully visible', s(100, 80, 1280, 800), [laptop], s(100, 80, 1280, 800)],
    ['keeps a window on a monitor left of the primary', s(-2400, 100, 1600, 1000, true), [laptop, external], s(-2400, 100, 1600, 1000, true)],
    ['centres on the primary when its monitor was unplugged', s(-2400, 100, 1600, 1000, true), [laptop], s(160, 20, 1600, 1000, true)],
    ['centres a window saved far off every screen', s(9000, 9000, 1280, 800), [laptop], s(320, 120, 1280, 800)],
    ['pulls a half-off-screen window back in', s(1500, 600, 1280, 800), [laptop], s(640, 240, 1280, 800)],
    ['pulls a window above the top edge down (title bar reachable)', s(200, -300, 1280, 800), [laptop], s(200, 0, 1280, 800)],
    ['shrinks a window larger than the screen', s(0, 0, 3000, 2000), [laptop], s(0, 0, 1920, 1040)],
    ['grows a window below the minimum size', s(10, 10, 200, 100), [laptop], s(10, 10, MIN_WINDOW_WIDTH, MIN_WINDOW_HEIGHT)],
    ['centres a state without a position (first run)', s(undefined, undefined, 1280, 800), [laptop], s(320, 120, 1280, 800)],
    ['treats a sliver of overlap as off-screen', s(1900, 1030, 1280, 800), [laptop], s(320, 120, 1280, 800)],
  ])('%s', (_name, state, displays, expected) => {
    expect(clampWindowState(state, displays, laptop)).toEqual(expected);
  });

  it('picks the display the window overlaps most', () => {
    // Straddles the boundary, mostly on the external monitor.
    const r = clampWindowState(s(-1000, 100, 1200, 800), [laptop, external], laptop);
    expect(r).toEqual(s(-1200, 100, 1200, 800));
  });

  it('fits a tiny display even below our minimum size', () => {
    const tiny = { x: 0, y: 0, width: 640, height: 480 };
    expect(clampWindowState(s(0, 0, 1280, 800), [tiny], tiny)).toEqual(s(0, 0, 640, 480));
  });
});

describe('parseWindowState', () => {
  it.each([null, 'x', 42, {}, { width: 'big', height: 10 }, { width: -5, height: 10 }, { width: NaN, height: 1 }, { width: Infinity, height: 1 }])(
    'rejects %j',
    (raw) => expect(parseWindowState(raw)).toBeNull(),
  );
  it('keeps valid fields, rounds, drops a half position and non-boolean maximized', () => {
    expect(parseWindowState({ x: 10.4, y: 20.6, width: 1000.2, height: 700, maximized: true })).toEqual(s(10, 21, 1000, 700, true));
    expect(parseWindowState({ x: 10, width: 1000, height: 700, maximized: 'yes' })).toEqual(s(undefined, undefined, 1000, 700, false));
  });
});

describe('load/save', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const realFs: WindowStateFs = {
    readFile: (f) => fs.readFileSync(f, 'utf8'),
    writeFile: (f, d) => fs.writeFileSync(f, d),
    rename: (a, b) => fs.renameSync(a, b),
    mkdir: (d) => fs.mkdirSync(d, { recursive: true }),
  };
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-ws-'));
    dirs.push(d);
    return d;
  };

  it('round-trips through a real file under userData (creating the folder)', () => {
    const file = windowStatePath(path.join(tmp(), 'Branchline'));
    saveWindowState(realFs, file, s(5, 6, 1100, 750, true));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']); // no temp file left
    expect(loadWindowState(realFs, file)).toEqual(s(5, 6, 1100, 750, true));
  });

  it('falls back to defaults for a missing or corrupt file', () => {
    const dir = tmp();
    expect(loadWindowState(realFs, path.join(dir, 'nope.json'))).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"width": 10');
    expect(loadWindowState(realFs, path.join(dir, 'bad.json'))).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('writes to a temp file and renames it (a crash cannot leave a torn file)', () => {
    const ops: string[] = [];
    const memFs: WindowStateFs = {
      readFile: () => '',
      writeFile: (f) => void ops.push(`write ${path.basename(f)}`),
      rename: (a, b) => void ops.push(`rename ${path.basename(a)} -> ${path.basename(b)}`),
      mkdir: () => void ops.push('mkdir'),
    };
    saveWindowState(memFs, '/u/window-state.json', DEFAULT_WINDOW_STATE);
    expect(ops).toEqual(['mkdir', 'write window-state.json.tmp', 'rename window-state.json.tmp -> window-state.json']);
  });

  it('reports but survives a failed save', () => {
    const onError = vi.fn();
    const failing: WindowStateFs = { ...realFs, mkdir: () => { throw new Error('EACCES'); } };
    expect(() => saveWindowState(failing, '/root/x.json', DEFAULT_WINDOW_STATE, onError)).not.toThrow();
    expect(onError).toHaveBeenCalled();
  });
});

describe('trackWindowState', () => {
  it('saves normal bounds, debounced while moving, and immediately on close', () => {
    vi.useFakeTimers();
    try {
      const listeners = new Map<string, () => void>();
      let bounds = { x: 0, y: 0, width: 1000, height: 700 };
      const win = {
        getNormalBounds: () => bounds,
        isMaximized: () => true,
        isDestroyed: () => false,
        on: (e: string, l: () => void) => listeners.set(e, l),
      };
      const save = vi.fn();
      trackWindowState(win as never, save, 500);
      listeners.get('move')!();
      bounds = { ...bounds, x: 50 };
      listeners.get('resize')!();
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(500);
      expect(save).toHaveBeenCalledTimes(1);
      expect(save).toHaveBeenLastCalledWith({ x: 50, y: 0, width: 1000, height: 700, maximized: true });
      listeners.get('move')!();
      listeners.get('close')!();
      expect(save).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(1000);
      expect(save).toHaveBeenCalledTimes(2); // the pending debounce was flushed, not repeated
    } finally {
      vi.useRealTimers();
    }
  });
});
