/** Loads every module's pages (one import per module's renderer/<module>/index.ts). */
export { registerPage, findPage, allPages, type PageDef, type PageProps } from './registry';
import '../crm/index';
import '../stock/index';
import '../people/index';
import '../books/index';
import '../sync/index';
import '../system/pages';
