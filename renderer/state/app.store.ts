/**
 * UI state (zustand): the open session, language, theme and the current route. Business state
 * lives in the company database and is reached only through the application services in
 * shared/; this store never holds records, only what the screens need to know who and where
 * the user is, plus the notification centre's messages (UI notes, not business data).
 */
import { create } from 'zustand';
import type { Env, Session, Lang, CompanyInfo } from '../../shared/api';

export type Route =
  | { name: 'home' }
  | { name: 'list'; docType: string }
  | { name: 'form'; docType: string; id: string | null }
  | { name: 'users' }
  | { name: 'roles' }
  | { name: 'audit'; docType?: string; docId?: string }
  | { name: 'settings' }
  | { name: 'backup' }
  | { name: 'page'; page: string; params?: Record<string, string> };

/** One message of the notification centre (already translated when it was raised). */
export interface Notice {
  id: number;
  at: string;
  kind: 'success' | 'error' | 'info';
  title: string;
  message?: string;
  read: boolean;
}

export interface AppState {
  env: Env | null;
  session: Session | null;
  /** Bumped when the session's settings change in place (company name, lock date...). */
  sessionRev: number;
  /** The company chosen on the picker whose login screen is showing (no session yet). */
  loginCompany: CompanyInfo | null;
  lang: Lang;
  theme: 'light' | 'dark';
  route: Route;
  notices: Notice[];
  paletteOpen: boolean;
  /** Bumped by the native menu's "Restore": the screen on show (picker or backup page) opens a file. */
  restoreRequest: number;
  setEnv(env: Env): void;
  setSession(s: Session | null): void;
  touchSession(): void;
  setLoginCompany(c: CompanyInfo | null): void;
  setLang(l: Lang): void;
  setTheme(t: 'light' | 'dark'): void;
  navigate(r: Route): void;
  addNotice(n: Omit<Notice, 'id' | 'at' | 'read'>): void;
  markNoticesRead(id?: number): void;
  clearNotices(): void;
  setPaletteOpen(open: boolean): void;
  requestRestore(): void;
}

const savedLang = (typeof localStorage !== 'undefined' && (localStorage.getItem('branchline.lang') as Lang | null)) || (typeof navigator !== 'undefined' && navigator.language?.startsWith('zh') ? 'zh-CN' : 'en');
const savedTheme = (typeof localStorage !== 'undefined' && (localStorage.getItem('branchline.theme') as 'light' | 'dark' | null)) || 'light';

let noticeSeq = 0;
const MAX_NOTICES = 200;

export const useApp = create<AppState>((set) => ({
  env: null,
  session: null,
  sessionRev: 0,
  loginCompany: null,
  lang: savedLang === 'zh-CN' ? 'zh-CN' : 'en',
  theme: savedTheme === 'dark' ? 'dark' : 'light',
  route: { name: 'home' },
  notices: [],
  paletteOpen: false,
  restoreRequest: 0,
  setEnv: (env) => set({ env }),
  setSession: (session) => set((st) => ({ session, sessionRev: st.sessionRev + 1, route: { name: 'home' }, paletteOpen: false, loginCompany: session ? null : st.loginCompany })),
  touchSession: () => set((st) => ({ sessionRev: st.sessionRev + 1 })),
  setLoginCompany: (loginCompany) => set({ loginCompany }),
  setLang: (lang) => {
    localStorage.setItem('branchline.lang', lang);
    document.documentElement.lang = lang;
    set({ lang });
  },
  setTheme: (theme) => {
    localStorage.setItem('branchline.theme', theme);
    set({ theme });
  },
  navigate: (route) => set({ route }),
  addNotice: (n) => set((st) => ({ notices: [{ ...n, id: ++noticeSeq, at: new Date().toISOString(), read: false }, ...st.notices].slice(0, MAX_NOTICES) })),
  markNoticesRead: (id) => set((st) => ({ notices: st.notices.map((x) => (id === undefined || x.id === id ? { ...x, read: true } : x)) })),
  clearNotices: () => set({ notices: [] }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  requestRestore: () => set((st) => ({ restoreRequest: st.restoreRequest + 1 })),
}));
