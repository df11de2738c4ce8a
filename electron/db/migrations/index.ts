import type { Migration } from './types';
import { m001Initial } from './001_initial';

/** The static, ordered list of migrations. Append only. */
export const MIGRATIONS: readonly Migration[] = [m001Initial];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
