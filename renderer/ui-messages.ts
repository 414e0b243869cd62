/** Imports every UI message catalog so they are registered before first render. */
import '../shared/i18n/ui.messages';
import '../shared/i18n/doc.messages';
import '../shared/i18n/books-ui.messages';
import '../shared/i18n/sync-ui.messages';
