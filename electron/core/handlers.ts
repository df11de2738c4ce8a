/**
 * The service function behind each contract method, derived from the modules (electron/modules.ts);
 * nothing is listed here. The type makes the map complete.
 */
export { handlers } from '../modules';
export type { HandlersOf as Handlers } from './module';
