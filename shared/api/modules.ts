import { fundsModule } from './funds/module';
import { platformModule } from './platform';
import { villagesModule } from './villages/module';

/**
 * The modules of the app, in order (the platform first). The contract, the audit log's words,
 * the printable forms and the importable record types are all derived from this list; the main
 * process (electron/modules.ts) and the renderer (renderer/src/app/modules.ts) keep their own
 * lists of the same modules. Adding a module adds one line here.
 */
export const API_MODULES = [platformModule, villagesModule, fundsModule] as const;
