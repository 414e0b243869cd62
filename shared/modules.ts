/**
 * Loads every module so that its document types, tables, company hooks and messages are
 * registered before a company database is opened. Import this once at each entry point
 * (renderer main, Node API scripts, tests). Order matters only for sidebar order ties.
 */
import './i18n/kernel.messages';
import './masters/masters.messages';
import './masters/index';
import './books/books.messages';
import './books/index';
import './crm/index';
import './stock/index';
import './people/index';
import './sync/sync.messages';
import './sync/index';
import './books/gl.sync';
import './stock/stock.sync';
import './i18n/attachments.messages';
import './i18n/integrity.messages';
import './kernel/attachments.service';
