/**
 * Sync status for the screens (zustand) and the automatic sync loop.
 *
 * The engine's state of record lives in the company's meta table ('sync.config',
 * 'sync.status'); this store is a view of it plus what only the UI knows (online, a sync in
 * flight, open inbox entries). `runSync` is single-flight: the header badge's timer, the
 * "online" event and the "Sync now" button all share one running round, and a round never
 * blocks the screens (it is plain async work; each Dexie transaction is short).
 */
import { create } from 'zustand';
import {
  getSyncConfig, getSyncStatus, httpTransport, listConflicts, syncOnce,
  type Session, type SyncConfig, type SyncProgress, type SyncReport, type SyncStatus,
} from './engine';

export const AUTO_SYNC_MS = 3 * 60_000;
/** First automatic round after login (lets the first screen settle). */
export const FIRST_SYNC_MS = 5_000;

export type BadgeState = 'not_enrolled' | 'offline' | 'syncing' | 'attention' | 'error' | 'synced' | 'never';

export interface SyncUiState {
  /** Company id the state below belongs to (a stale answer for another session is ignored). */
  companyId: string | null;
  loaded: boolean;
  config: SyncConfig | null;
  status: SyncStatus | null;
  running: boolean;
  online: boolean;
  openConflicts: number;
  /** Outbox rows still to be sent (rows HQ refused wait in the inbox instead, not counted). */
  waiting: number;
  lastReport: SyncReport | null;
  /** Progress of the running round (null when idle or before the first batch/page). */
  progress: SyncProgress | null;
  /** When the running phase (push / pull) reported its first progress, and how far it was then. */
  phaseStart: { phase: SyncProgress['phase']; at: number; done: number } | null;
}

/**
 * Seconds left in a phase at its average pace since the phase's first report; null while
 * there is too little to go on (under 2 s or no rows since). A first download of a large scope
 * takes minutes, and "about 4 min left" is what a person waiting wants to know.
 */
export function etaSeconds(p: SyncProgress, start: { phase: SyncProgress['phase']; at: number; done: number } | null, now: number): number | null {
  if (!start || start.phase !== p.phase || p.total <= p.done) return null;
  const secs = (now - start.at) / 1000;
  const rows = p.done - start.done;
  if (secs < 2 || rows <= 0) return null;
  return Math.ceil(((p.total - p.done) * secs) / rows);
}

export const useSync = create<SyncUiState>(() => ({
  companyId: null,
  loaded: false,
  config: null,
  status: null,
  running: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  openConflicts: 0,
  waiting: 0,
  lastReport: null,
  progress: null,
  phaseStart: null,
}));

export function badgeState(s: SyncUiState): BadgeState {
  if (!s.config) return 'not_enrolled';
  if (s.running) return 'syncing';
  if (!s.online) return 'offline';
  if (s.openConflicts > 0) return 'attention';
  if (s.status?.state === 'error') return 'error';
  if (s.status?.lastSyncAt) return 'synced';
  return 'never';
}

/** Reload config, status and the open-conflict count from the company database. */
export async function refreshSync(session: Session): Promise<void> {
  const companyId = session.company.id;
  const [config, status, open, waiting] = await Promise.all([
    getSyncConfig(session),
    getSyncStatus(session),
    listConflicts(session, { limit: 1000 }),
    session.db.outbox.filter((r) => !(r as { rejectedCode?: string }).rejectedCode).count(),
  ]);
  if (current !== session && current !== null) return;
  useSync.setState({ companyId, loaded: true, config: config ?? null, status, openConflicts: open.length, waiting });
}

let inFlight: Promise<SyncReport> | null = null;
let current: Session | null = null;

/**
 * One sync round with the HTTP transport (single flight: a second call joins the running one).
 * Errors are recorded in 'sync.status' by the engine and rethrown to the caller.
 */
export function runSync(session: Session): Promise<SyncReport> {
  if (inFlight) return inFlight;
  useSync.setState({ running: true, progress: null, phaseStart: null });
  const round = (async () => {
    try {
      const cfg = await getSyncConfig(session);
      const transport = httpTransport(cfg?.serverUrl ?? '');
      const onProgress = (progress: SyncProgress) =>
        useSync.setState((st) => ({ progress, phaseStart: st.phaseStart?.phase === progress.phase ? st.phaseStart : { phase: progress.phase, at: Date.now(), done: progress.done } }));
      const report = await syncOnce(session, transport, { onProgress });
      useSync.setState({ lastReport: report });
      return report;
    } finally {
      inFlight = null;
      useSync.setState({ running: false, progress: null, phaseStart: null });
      await refreshSync(session).catch(() => undefined);
    }
  })();
  inFlight = round;
  return round;
}

/**
 * Start the automatic loop for an open session: a first round shortly after login, then every
 * AUTO_SYNC_MS while enrolled and online, and one as soon as the connection comes back.
 * Returns the stop function (logout, company switch).
 */
export function startAutoSync(session: Session): () => void {
  current = session;
  useSync.setState({ companyId: session.company.id, loaded: false, config: null, status: null, openConflicts: 0, waiting: 0, lastReport: null, online: navigator.onLine });
  let stopped = false;
  const tick = async () => {
    if (stopped || !navigator.onLine) return;
    const cfg = await getSyncConfig(session).catch(() => undefined);
    if (stopped || !cfg) return;
    // failures are shown by the badge from 'sync.status'; the loop just tries again later
    await runSync(session).catch(() => undefined);
  };
  const onOnline = () => {
    useSync.setState({ online: true });
    void tick();
  };
  const onOffline = () => useSync.setState({ online: false });
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  void refreshSync(session).catch(() => undefined);
  const first = window.setTimeout(() => void tick(), FIRST_SYNC_MS);
  const every = window.setInterval(() => void tick(), AUTO_SYNC_MS);
  return () => {
    stopped = true;
    if (current === session) current = null;
    window.clearTimeout(first);
    window.clearInterval(every);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  };
}
