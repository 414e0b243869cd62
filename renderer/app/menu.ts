/**
 * Native menu commands (Electron; web mode has no menu) wired to the same actions the screens
 * use. Registered once; every handler reads the store at the moment the command arrives.
 */
import { useEffect } from 'react';
import type { MenuCommand } from '../../shared/ipc/contract';
import { platform } from '../platform';
import { translate, errorMessage } from '../../shared/api';
import { useApp } from '../state/app.store';
import { logoutNow, saveBackupNow, switchLang, toggleTheme } from './actions';
import { notify } from './notify';

export function handleMenu(cmd: MenuCommand): void {
  const st = useApp.getState();
  const s = st.session;
  switch (cmd) {
    case 'nav:home':
      if (s) st.navigate({ name: 'home' });
      break;
    case 'nav:settings':
      if (s?.can('Settings', 'admin')) st.navigate({ name: 'settings' });
      break;
    case 'app:search':
      if (s) st.setPaletteOpen(true);
      break;
    case 'app:backup':
      if (s?.can('Backup', 'export')) void saveBackupNow();
      break;
    case 'app:restore':
      if (s && s.can('Backup', 'export')) st.navigate({ name: 'backup' });
      // the backup page (or the company picker) starts the file dialog when it sees the request
      st.requestRestore();
      break;
    case 'app:print':
      platform.printToPdf({ suggestedName: `${s?.settings.name ?? 'Branchline'}.pdf` }).then(
        (r) => r.saved && notify('success', translate(st.lang, 'print.saved')),
        (e) => notify('error', translate(st.lang, 'print.failed'), errorMessage(st.lang, e)),
      );
      break;
    case 'theme:toggle':
      toggleTheme();
      break;
    case 'lang:en':
      switchLang('en');
      break;
    case 'lang:zh-CN':
      switchLang('zh-CN');
      break;
    case 'app:logout':
      if (s) logoutNow();
      break;
  }
}

export function useMenuCommands(): void {
  useEffect(() => platform.onMenu(handleMenu), []);
}
