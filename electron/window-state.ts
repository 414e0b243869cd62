/**
 * Remembered window bounds and maximized state.
 *
 * Role: load/save `window-state.json` under app.getPath('userData') and make saved bounds safe
 * to reuse. Saved bounds can point at a monitor that is no longer attached, or be larger than
 * the current screen; `clampWindowState` turns them into bounds that are fully visible on the
 * display they overlap most (or centred on the primary display when they overlap none).
 *
 * Invariants: a corrupt or missing file never stops the app from starting (defaults are used);
 * the file is written atomically (temp file + rename) so a crash mid-write cannot corrupt it.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import * as path from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WINDOW_WIDTH = 800;
export const MIN_WINDOW_HEIGHT = 560;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/** At least this much of the window must be on a display for its saved position to be kept. */
const MIN_VISIBLE_PX = 64;

/** Accept only a well-formed state; anything else (hand-edited, truncated) means "use defaults". */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!finite(r.width) || !finite(r.height) || r.width <= 0 || r.height <= 0) return null;
  const state: WindowState = {
    width: Math.round(r.width),
    height: Math.round(r.height),
    maximized: r.maximized === true,
  };
  if (finite(r.x) && finite(r.y)) {
    state.x = Math.round(r.x);
    state.y = Math.round(r.y);
  }
  return state;
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w >= MIN_VISIBLE_PX && h >= MIN_VISIBLE_PX ? w * h : 0;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

/**
 * Make `state` fit the current displays.
 * @param workAreas work areas (screen minus task bars) of all displays
 * @param primary   work area of the primary display (used when nothing overlaps)
 */
export function clampWindowState(state: WindowState, workAreas: readonly Rectangle[], primary: Rectangle): WindowState {
  let target: Rectangle | null = null;
  if (state.x !== undefined && state.y !== undefined) {
    const rect = { x: state.x, y: state.y, width: state.width, height: state.height };
    let best = 0;
    for (const area of workAreas) {
      const a = overlapArea(rect, area);
      if (a > best) {
        best = a;
        target = area;
      }
    }
  }
  const area = target ?? primary;
  // Never larger than the display, never smaller than our minimum (unless the display is).
  const width = clamp(state.width, Math.min(MIN_WINDOW_WIDTH, area.width), area.width);
  const height = clamp(state.height, Math.min(MIN_WINDOW_HEIGHT, area.height), area.height);
  let x: number;
  let y: number;
  if (target && state.x !== undefined && state.y !== undefined) {
    // Keep the user's position, pulled in just enough to be fully visible.
    x = clamp(state.x, area.x, area.x + area.width - width);
    y = clamp(state.y, area.y, area.y + area.height - height);
  } else {
    x = area.x + Math.round((area.width - width) / 2);
    y = area.y + Math.round((area.height - height) / 2);
  }
  return { x, y, width, height, maximized: state.maximized };
}

export interface WindowStateFs {
  readFile(file: string): string;
  writeFile(file: string, data: string): void;
  rename(from: string, to: string): void;
  mkdir(dir: string): void;
}

export function windowStatePath(userDataDir: string): string {
  return path.join(userDataDir, WINDOW_STATE_FILE);
}

/** Read the saved state; missing or corrupt file -> defaults (never throws). */
export function loadWindowState(fs: WindowStateFs, file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(fs.readFile(file))) ?? { ...DEFAULT_WINDOW_STATE };
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Write atomically; failures are reported to `onError` and otherwise ignored (cosmetic data). */
export function saveWindowState(
  fs: WindowStateFs,
  file: string,
  state: WindowState,
  onError: (e: unknown) => void = () => {},
): void {
  try {
    fs.mkdir(path.dirname(file));
    const tmp = `${file}.tmp`;
    fs.writeFile(tmp, JSON.stringify(state, null, 2));
    fs.rename(tmp, file);
  } catch (e) {
    onError(e);
  }
}

/** The state to remember for a window: its normal (un-maximized) bounds plus the maximized flag. */
export function captureWindowState(win: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowState {
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
}

/**
 * Save the window's state while it lives (debounced on move/resize) and once more on close.
 * Returns a function that flushes and detaches (for tests; main relies on 'close').
 */
export function trackWindowState(
  win: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'isDestroyed' | 'on'>,
  save: (state: WindowState) => void,
  debounceMs = 500,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!win.isDestroyed()) save(captureWindowState(win));
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
    win.on(event as 'resize', schedule);
  }
  win.on('close', flush);
  return flush;
}
