/** Every module's benchmark scenarios; add an import per module. */
import './kernel.bench';
import './stock.bench';
import './people.bench';
import './crm.bench';
import './books.bench';
import './sync.bench';
