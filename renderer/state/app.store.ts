/**
 * UI state (zustand): the open session, language, theme and the current route. Business state
 * lives in the company database and is reached only through the application services in
 * shared/; this store never holds records, only what the screens need to know who and where
 * the user is.
 */
import { create } from 'zustand';
import type { Env, Session, Lang } from '../../shared/api';

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

export interface AppState {
  env: Env | null;
  session: Session | null;
  lang: Lang;
  theme: 'light' | 'dark';
  route: Route;
  setEnv(env: Env): void;
  setSession(s: Session | null): void;
  setLang(l: Lang): void;
  setTheme(t: 'light' | 'dark'): void;
  navigate(r: Route): void;
}

const savedLang = (typeof localStorage !== 'undefined' && (localStorage.getItem('branchline.lang') as Lang | null)) || (typeof navigator !== 'undefined' && navigator.language?.startsWith('zh') ? 'zh-CN' : 'en');
const savedTheme = (typeof localStorage !== 'undefined' && (localStorage.getItem('branchline.theme') as 'light' | 'dark' | null)) || 'light';

export const useApp = create<AppState>((set) => ({
  env: null,
  session: null,
  lang: savedLang === 'zh-CN' ? 'zh-CN' : 'en',
  theme: savedTheme,
  route: { name: 'home' },
  setEnv: (env) => set({ env }),
  setSession: (session) => set({ session, route: { name: 'home' } }),
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
}));
