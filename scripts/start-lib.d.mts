/** Types for scripts/start-lib.mjs (plain JS so `node scripts/start.mjs` runs without a build). */
export declare const DEFAULT_WEB_PORT: number;
export declare const DEFAULT_PROBE_TIMEOUT_MS: number;

export type ProbeResult = { ok: true; path: string } | { ok: false; reason: string };
export type LaunchDecision =
  | { mode: 'electron'; electronPath: string }
  | { mode: 'web'; requested: boolean; reason: string; port: number }
  | { mode: 'probe' };

export declare function parsePort(value: string | number | undefined | null, fallback?: number): number;
export declare function wantsWebMode(env: Record<string, string | undefined>): boolean;
export declare function probeTimeoutMs(env: Record<string, string | undefined>): number;
export declare function decideLaunch(input: {
  env: Record<string, string | undefined>;
  argv?: string[];
  probe?: ProbeResult;
}): LaunchDecision;
export declare const PATH_MARKER: string;
export declare function webModeNotice(decision: { requested: boolean; reason: string }): string;
export declare function webModeUrlLine(port: number): string;
export declare function interpretProbe(
  run: { code: number | null; timedOut: boolean; stdout: string; stderr: string; error?: Error },
  exists?: (p: string) => boolean,
): ProbeResult;
export declare function probeElectron(opts?: { cwd?: string; timeoutMs?: number; nodePath?: string }): Promise<ProbeResult>;
