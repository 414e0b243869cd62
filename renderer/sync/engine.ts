/** The parts of the client sync engine the sync screens use (shared/sync is not in shared/api). */
export {
  enrolDevice, getSyncConfig, getSyncStatus, httpTransport, listConflicts, resolveConflict, syncOnce,
  SyncProtocolError, checkJoinCode, conflictResolvers, joinCompany, type JoinCheck, type SyncConfig, type SyncConflict, type SyncProgress, type SyncReport, type SyncStatus,
} from '../../shared/sync';
export type { Session } from '../../shared/api';
