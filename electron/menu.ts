/**
 * The native application menu: File / Edit / View / Help, in English or Simplified Chinese.
 *
 * Role: build the menu template as plain data. App actions are not performed here: each item
 * sends one `MenuCommand` (from the shared IPC contract) to the renderer, which owns navigation,
 * backups, theme and language. Only editing/zoom/window roles are handled natively.
 *
 * The label language follows the OS locale at start-up (app.getLocale()); the in-app language
 * switch is separate and does not rebuild the native menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc/contract';

export type MenuLocale = 'en' | 'zh-CN';

const LABELS = {
  en: {
    file: '&File',
    home: 'Home',
    settings: 'Settings…',
    backup: 'Back Up…',
    restore: 'Restore from Backup…',
    print: 'Print to PDF…',
    logout: 'Log Out',
    quit: 'Quit Branchline',
    edit: '&Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    search: 'Search…',
    view: '&View',
    toggleTheme: 'Toggle Dark Theme',
    language: 'Language',
    reload: 'Reload',
    devTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Toggle Full Screen',
    help: '&Help',
    about: 'About Branchline',
  },
  'zh-CN': {
    file: '文件(&F)',
    home: '主页',
    settings: '设置…',
    backup: '备份…',
    restore: '从备份恢复…',
    print: '打印为 PDF…',
    logout: '退出登录',
    quit: '退出 Branchline',
    edit: '编辑(&E)',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    search: '搜索…',
    view: '视图(&V)',
    toggleTheme: '切换深色主题',
    language: '语言',
    reload: '重新加载',
    devTools: '切换开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '切换全屏',
    help: '帮助(&H)',
    about: '关于 Branchline',
  },
} as const satisfies Record<MenuLocale, Record<string, string>>;

export type MenuLabels = Readonly<Record<keyof (typeof LABELS)['en'], string>>;

/** 'zh', 'zh-CN', 'zh-Hans-CN', 'zh_SG' -> Simplified Chinese; everything else -> English. */
export function pickMenuLocale(appLocale: string): MenuLocale {
  const l = appLocale.toLowerCase().replace('_', '-');
  if (l === 'zh' || l.startsWith('zh-cn') || l.startsWith('zh-sg') || l.startsWith('zh-hans')) return 'zh-CN';
  return 'en';
}

export function menuLabels(locale: MenuLocale): MenuLabels {
  return LABELS[locale];
}

export interface MenuOptions {
  locale: MenuLocale;
  /** process.platform; macOS gets the conventional app menu first. */
  platform: string;
  /** Development build: adds Reload and Developer Tools. */
  dev: boolean;
  /** Deliver a command to the renderer (main sends it on `menu:command`). */
  send: (cmd: MenuCommand) => void;
  /** Show the About box (main knows the versions). */
  showAbout: () => void;
}

export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[opts.locale];
  const cmd = (command: MenuCommand) => () => opts.send(command);
  const isMac = opts.platform === 'darwin';

  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { label: t.home, accelerator: 'CmdOrCtrl+Shift+H', click: cmd('nav:home') },
      { label: t.settings, accelerator: 'CmdOrCtrl+,', click: cmd('nav:settings') },
      { type: 'separator' },
      { label: t.backup, click: cmd('app:backup') },
      { label: t.restore, click: cmd('app:restore') },
      { type: 'separator' },
      { label: t.print, accelerator: 'CmdOrCtrl+P', click: cmd('app:print') },
      { type: 'separator' },
      { label: t.logout, click: cmd('app:logout') },
      ...(isMac ? [] : [{ type: 'separator' } as const, { label: t.quit, role: 'quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { label: t.undo, role: 'undo' },
      { label: t.redo, role: 'redo' },
      { type: 'separator' },
      { label: t.cut, role: 'cut' },
      { label: t.copy, role: 'copy' },
      { label: t.paste, role: 'paste' },
      { label: t.selectAll, role: 'selectAll' },
      { type: 'separator' },
      { label: t.search, accelerator: 'CmdOrCtrl+K', click: cmd('app:search') },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      { label: t.toggleTheme, click: cmd('theme:toggle') },
      {
        label: t.language,
        submenu: [
          // Language names are shown in their own language, whatever the menu locale.
          { label: 'English', click: cmd('lang:en') },
          { label: '简体中文', click: cmd('lang:zh-CN') },
        ],
      },
      { type: 'separator' },
      ...(opts.dev
        ? [
            { label: t.reload, role: 'reload' } as const,
            { label: t.devTools, role: 'toggleDevTools' } as const,
            { type: 'separator' } as const,
          ]
        : []),
      { label: t.resetZoom, role: 'resetZoom' },
      { label: t.zoomIn, role: 'zoomIn' },
      { label: t.zoomOut, role: 'zoomOut' },
      { type: 'separator' },
      { label: t.fullScreen, role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: [{ label: t.about, click: () => opts.showAbout() }],
  };

  const template: MenuItemConstructorOptions[] = [file, edit, view, help];
  if (isMac) template.unshift({ role: 'appMenu' });
  return template;
}
