import type { Migration } from './types';

/**
 * FROZEN: never edit a migration that has shipped; add a new one instead.
 *
 * The import wizard remembers how a clerk mapped the columns of a header layout: per record
 * type (definition_key, e.g. 'villages') and layout fingerprint (shared/domain/parse/mapping.ts
 * headerFingerprint), the field of each column as a JSON array (null = column ignored). The next
 * file with the same header layout is mapped the same way.
 */
export const m005ImportMappings: Migration = {
  version: 5,
  name: '导入向导：按表头格式记住的列对应关系',
  sql: `
CREATE TABLE import_mappings (
  definition_key TEXT NOT NULL CHECK (length(definition_key) BETWEEN 1 AND 60),
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) BETWEEN 1 AND 80),
  fields_json TEXT NOT NULL CHECK (json_valid(fields_json) AND json_type(fields_json) = 'array'),
  headers_json TEXT NOT NULL CHECK (json_valid(headers_json) AND json_type(headers_json) = 'array'),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (definition_key, fingerprint)
) STRICT;
`,
};
