import type { z } from 'zod';
import { IMPORT_KINDS } from '../../../shared/api/import-kinds';
import { zodErrorToApiError } from '../../../shared/api/zod-errors';
import type { AppServices } from '../context';
import { DomainError } from '../errors';
import type { Importer } from './importer';

/**
 * The record types the wizard can import are the modules' (their importKinds and importers,
 * assembled in electron/modules.ts): nothing is listed here.
 */

/** The importer of a kind, or a Chinese refusal for a kind no module declares. */
export function importerFor(ctx: Pick<AppServices, 'modules'>, kind: string): Importer<unknown, unknown> {
  const importer = Object.hasOwn(ctx.modules.importers, kind) ? ctx.modules.importers[kind] : undefined;
  if (!importer) throw new DomainError('VALIDATION', '不支持导入这类数据');
  return importer;
}

/** What a kind is called ('村情档案'), for messages and the log. */
export const importLabelOf = (kind: string): string => IMPORT_KINDS[kind]?.label ?? kind;

/** The wizard's options, parsed by the schema the kind's module declares (its Chinese messages). */
export function parseImportOptions(kind: string, options: unknown): unknown {
  const schema = IMPORT_KINDS[kind]?.options as z.ZodType | undefined;
  if (!schema) throw new DomainError('VALIDATION', '不支持导入这类数据');
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const error = zodErrorToApiError(parsed.error);
    throw new DomainError('VALIDATION', error.message, error.fields);
  }
  return parsed.data;
}
