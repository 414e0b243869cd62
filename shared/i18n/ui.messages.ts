/** UI shell messages (English and Simplified Chinese). */
import { registerMessages } from './index';

export const en = {
  'app.name': 'Branchline',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'app.name': 'Branchline',
};

registerMessages('ui', en, zh);
