import { mergeDeclarations, type PrintFormDef } from './module';
import { API_MODULES } from './modules';

/** Every printable form of every module (their module.ts `printForms`), by the name print.record takes. */
export const PRINT_FORMS: Readonly<Record<string, PrintFormDef>> = mergeDeclarations(API_MODULES, (m) => m.printForms, 'print form');
