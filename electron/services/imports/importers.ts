import type { ImportKind } from '../../../shared/api/imports';
import { disbursementImporter } from '../funds/disbursement-import';
import { villageImporter } from '../villages/village-import';
import type { Importer } from './importer';

/** Every record type the wizard can import, by kind. */
const IMPORTERS: Record<ImportKind, Importer<unknown>> = {
  villages: villageImporter as Importer<unknown>,
  disbursements: disbursementImporter as Importer<unknown>,
};

export function importerFor(kind: ImportKind): Importer<unknown> {
  return IMPORTERS[kind];
}
