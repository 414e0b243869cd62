/** The parts of the client sync engine the sync screens use (shared/sync is not in shared/api). */
export {
  enrolDevice, getSyncConfig, getSyncStatus, httpTransport, listConflicts, resolveConflict, syncOnce,
  SyncProtocolError, type SyncConfig, type SyncConflict, type SyncReport, type SyncStatus,
} from '../../shared/sync';
export type { Session } from '../../shared/api';
