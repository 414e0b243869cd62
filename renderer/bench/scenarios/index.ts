/** Every module's benchmark scenarios; add an import per module. */
import './kernel.bench';
