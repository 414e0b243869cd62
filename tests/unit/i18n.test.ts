/**
 * Every UI string goes through i18n with English and Simplified Chinese complete: both
 * catalogs have the same keys, every declared document type / field / option has a label, and
 * every error code the code base can throw has a message.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import '../../shared/modules';
import { catalog, messageAreas } from '../../shared/i18n';
import { allDocTypes, allModules, fieldLabelKey } from '../../shared/api';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

describe('message catalogs', () => {
  it('English and Chinese have exactly the same keys in every area, and no empty message', () => {
    for (const a of messageAreas()) {
      expect(Object.keys(a.zh).sort(), a.area).toEqual(Object.keys(a.en).sort());
      for (const [k, v] of [...Object.entries(a.en), ...Object.entries(a.zh)]) expect(v.trim(), `${a.area}:${k}`).not.toBe('');
    }
  });

  it('every document type, field, select option and module has a label in both languages', () => {
    const missing: string[] = [];
    for (const lang of ['en', 'zh-CN'] as const) {
      const c = catalog(lang);
      for (const m of allModules()) if (!c[`module.${m.id}`]) missing.push(`${lang} module.${m.id}`);
      for (const d of allDocTypes()) {
        if (!c[`doctype.${d.name}`]) missing.push(`${lang} doctype.${d.name}`);
        const walk = (fields: readonly { name: string; type: string; label?: string; options?: readonly string[]; fields?: readonly unknown[]; hidden?: boolean }[], prefix = '') => {
          for (const f of fields) {
            if (f.hidden) continue;
            const key = f.label ?? `field.${d.name}.${prefix}${f.name}`;
            if (!c[key] && !c[fieldLabelKey(d, f as never)]) missing.push(`${lang} ${key}`);
            for (const o of f.options ?? []) if (!c[`option.${o}`]) missing.push(`${lang} option.${o}`);
            if (f.fields) walk(f.fields as never, `${prefix}${f.name}.`);
          }
        };
        walk(d.fields as never);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every error code thrown in shared/ has a message in both languages', () => {
    const codes = new Set<string>();
    for (const f of files('shared')) for (const m of readFileSync(f, 'utf8').matchAll(/['"`]((?:error|sync)\.[a-z0-9_]+)['"`]/g)) codes.add(m[1]);
    // meta-table keys of the sync engine share the prefix but are storage keys, not messages
    const storageKeys = new Set(['sync.config', 'sync.cursor', 'sync.status']);
    const missing = [...codes].filter((k) => !storageKeys.has(k) && (!catalog('en')[k] || !catalog('zh-CN')[k]));
    expect(missing).toEqual([]);
  });
});
