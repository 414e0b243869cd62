import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS, type MenuCommand } from '../../shared/ipc/contract';
import { buildMenuTemplate, pickMenuLocale, type MenuLocale } from '../../electron/menu';

function build(locale: MenuLocale, over: { platform?: string; dev?: boolean } = {}) {
  const send = vi.fn<(cmd: MenuCommand) => void>();
  const showAbout = vi.fn();
  const template = buildMenuTemplate({ locale, platform: over.platform ?? 'linux', dev: over.dev ?? false, send, showAbout });
  return { template, send, showAbout };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions) {
  (item.click as () => void)();
}

describe('pickMenuLocale', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-TW', 'en'], // Traditional Chinese is not Simplified; English until we ship zh-TW
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['', 'en'],
  ])('%j -> %s', (appLocale, expected) => expect(pickMenuLocale(appLocale)).toBe(expected));
});

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Help in English and Simplified Chinese', () => {
    expect(build('en').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(build('zh-CN').template.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
  });

  it.each(['en', 'zh-CN'] as const)('reaches every menu command exactly once (%s)', (locale) => {
    const { template, send } = build(locale);
    const clickable = items(template).filter((i) => i.click);
    for (const item of clickable) click(item);
    const sent = send.mock.calls.map((c) => c[0]);
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('localises the labels of the same commands', () => {
    const labelOf = (locale: MenuLocale, cmd: MenuCommand) => {
      const { template, send } = build(locale);
      return items(template).find((i) => {
        if (!i.click) return false;
        send.mockClear();
        click(i);
        return send.mock.calls[0]?.[0] === cmd;
      })?.label;
    };
    expect(labelOf('en', 'app:backup')).toBe('Back Up…');
    expect(labelOf('zh-CN', 'app:backup')).toBe('备份…');
    expect(labelOf('zh-CN', 'app:print')).toBe('打印为 PDF…');
  });

  it('uses native roles for editing, so copy/paste work in every text field', () => {
    const roles = items(build('zh-CN').template).map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']));
  });

  it('offers Reload and DevTools only in development', () => {
    const roles = (dev: boolean) => items(build('en', { dev }).template).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('on macOS puts the app menu first and Quit there (not in File)', () => {
    const { template } = build('en', { platform: 'darwin' });
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(items([template[1]]).map((i) => i.role)).not.toContain('quit');
  });

  it('Help > About shows the About box', () => {
    const { template, showAbout, send } = build('en');
    const about = items(template).find((i) => i.label === 'About Branchline')!;
    click(about);
    expect(showAbout).toHaveBeenCalledTimes(1);
    expect(send).not.toHaveBeenCalled();
  });
});
