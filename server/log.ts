/**
 * Structured logs: one JSON object per line on stdout (errors on stderr), so a process
 * supervisor or a log shipper can parse them. Never log tokens, codes or record contents.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(minLevel: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
  return {
    log(level, msg, fields = {}) {
      if (order[level] < order[minLevel]) return;
      const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
      (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
    },
  };
}

/** Collects entries in memory (tests assert on them). */
export function memoryLogger(): Logger & { entries: { level: LogLevel; msg: string; fields: Record<string, unknown> }[] } {
  const entries: { level: LogLevel; msg: string; fields: Record<string, unknown> }[] = [];
  return { entries, log: (level, msg, fields = {}) => void entries.push({ level, msg, fields }) };
}

export const silentLogger: Logger = { log() {} };
