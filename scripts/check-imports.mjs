#!/usr/bin/env node
// Enforces the direction of imports (ARCHITECTURE: layers):
//   renderer/, electron/, server/ may import shared/ but never each other;
//   shared/ imports none of them, and no DOM/React/Electron/Node-only module;
//   server/ imports only shared/'s pure parts (no Dexie-backed kernel stores).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const LAYERS = ['shared', 'renderer', 'electron', 'server'];
const rules = {
  shared: { layers: ['shared'], bannedPkgs: [/^react/, /^@mantine\//, /^electron$/, /^node:/, /^fs$/, /^path$/, /^zustand/, /^better-sqlite3$/, /^pg$/, /^kysely/] },
  renderer: { layers: ['shared', 'renderer'], bannedPkgs: [/^electron$/, /^node:/, /^fs$/, /^better-sqlite3$/, /^pg$/] },
  electron: { layers: ['shared', 'electron'], bannedPkgs: [/^react/, /^@mantine\//, /^dexie/] },
  server: { layers: ['shared', 'server'], bannedPkgs: [/^react/, /^@mantine\//, /^electron$/, /^dexie/] },
};

function walk(dir) {
  let out = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (f === 'node_modules') continue;
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (/\.(ts|tsx|mts|cts)$/.test(f)) out.push(p);
  }
  return out;
}

const problems = [];
for (const layer of LAYERS) {
  let files = [];
  try {
    files = walk(join(root, layer));
  } catch {
    continue;
  }
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
    for (const m of src.matchAll(re)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), spec)).split(/[\\/]/)[0];
        if (LAYERS.includes(target) && !rules[layer].layers.includes(target)) problems.push(`${relative(root, file)}: ${layer}/ may not import ${target}/ (${spec})`);
        if (layer === 'server' && target === 'shared' && /shared\/kernel\/(db|docs\.service|company\.service|backup|tx)/.test(resolve(dirname(file), spec))) {
          // server may use only pure shared code
          problems.push(`${relative(root, file)}: server/ may import only pure parts of shared/ (${spec})`);
        }
      } else if (rules[layer].bannedPkgs.some((r) => r.test(spec))) {
        if (layer === 'shared' && /\.test\.ts$/.test(file)) continue;
        problems.push(`${relative(root, file)}: ${layer}/ may not import '${spec}'`);
      }
    }
  }
}
if (problems.length) {
  console.error('Import direction violations:\n' + problems.map((p) => '  ' + p).join('\n'));
  process.exit(1);
}
console.log('imports: layers respected');
