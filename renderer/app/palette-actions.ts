/**
 * What the command palette can do besides opening documents: go to each readable list, create
 * a new document (when allowed), open the system pages, toggle theme, switch language, log out.
 * Labels are translated when the palette renders, so they follow the language switch.
 */
import { allDocTypes, type Session } from '../../shared/api';
import type { Route } from '../state/app.store';
import { systemLinks } from './Sidebar';
import { logoutNow, saveBackupNow, switchLang, toggleTheme } from './actions';

export interface PaletteAction {
  id: string;
  label: string;
  group: string;
  run(): void;
}

export function paletteActions(s: Session, t: (k: string, p?: Record<string, unknown>) => string, navigate: (r: Route) => void): PaletteAction[] {
  const out: PaletteAction[] = [{ id: 'home', label: t('nav.home'), group: t('search.group_go'), run: () => navigate({ name: 'home' }) }];
  for (const d of allDocTypes()) {
    if (!s.can(d.name, 'read')) continue;
    out.push({ id: `list-${d.name}`, label: t('search.go_list', { docType: d.name }), group: t('search.group_go'), run: () => navigate({ name: 'list', docType: d.name }) });
    if (s.can(d.name, 'create')) out.push({ id: `new-${d.name}`, label: t('search.new_doc', { docType: d.name }), group: t('search.group_new'), run: () => navigate({ name: 'form', docType: d.name, id: null }) });
  }
  for (const l of systemLinks(s)) out.push({ id: `sys-${l.key}`, label: t(`nav.${l.key}`), group: t('search.group_go'), run: () => navigate({ name: l.key }) });
  if (s.can('Backup', 'export')) out.push({ id: 'backup-save', label: t('backup.save'), group: t('search.group_cmd'), run: () => void saveBackupNow() });
  out.push(
    { id: 'theme', label: t('theme.toggle'), group: t('search.group_cmd'), run: toggleTheme },
    { id: 'lang-en', label: t('search.lang', { lang: t('lang.en') }), group: t('search.group_cmd'), run: () => switchLang('en') },
    { id: 'lang-zh-CN', label: t('search.lang', { lang: t('lang.zh-CN') }), group: t('search.group_cmd'), run: () => switchLang('zh-CN') },
    { id: 'logout', label: t('user.logout'), group: t('search.group_cmd'), run: () => logoutNow() },
  );
  return out;
}

/** Case-insensitive match of every word of the query somewhere in the label. */
export function matchAction(a: PaletteAction, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const label = a.label.toLowerCase();
  return words.every((w) => label.includes(w) || a.id.toLowerCase().includes(w));
}
