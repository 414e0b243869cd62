/**
 * Bundle the Electron shell with esbuild:
 *   electron/main.ts    -> dist-electron/main.cjs     (package.json "main")
 *   electron/preload.ts -> dist-electron/preload.cjs  (sandboxed preload: may only require
 *                                                      'electron', so shared/ is inlined)
 * CommonJS because package.json is "type": "module" and Electron's preload sandbox loads CJS.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.env.NODE_ENV === 'production';

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 ships Node 22.
  target: 'node22',
  external: ['electron'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs' }),
]);
