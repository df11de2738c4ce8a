import type { Migration } from './types';

/**
 * FROZEN: never edit a migration that has shipped; add a new one instead.
 *
 * 附件 (electron/services/attachments/). A file is stored once per content, as
 * <dataDir>/attachments/<first 2 hex of its SHA-256>/<SHA-256> (and its thumbnail beside it as
 * <SHA-256>.thumb.jpg), described by one attachment_blobs row; each record it is attached to has
 * an attachments row pointing at it. The reference count is the database's to keep:
 *  - a row of `attachments` points at an existing blob (foreign key, checked at COMMIT so the
 *    attachment can be written first), and never moves to another blob, owner or author;
 *  - a blob row is only written for a file already referenced in the same transaction, and is
 *    deleted together with its last reference (attachments_release_blob): no blob row without a
 *    reference, no reference without a blob row, whatever writes the database;
 *  - a blob row never changes and is never replaced (its content is its name);
 *  - a 村（社区） (owner 'org_unit', the platform's) exists while it holds attachments, and one
 *    with attachments cannot be deleted. Modules that add owners add their own guards.
 * The files follow the rows: written and flushed before the row is committed, removed after the
 * row's deletion is committed; what a crash leaves in between (a file without a row) is swept.
 */
export const m009Attachments: Migration = {
  version: 9,
  name: '附件：按内容存放、引用计数的文件',
  sql: `
CREATE TABLE attachment_blobs (
  sha256 TEXT NOT NULL PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'application/pdf')),
  width INTEGER CHECK (width > 0),
  height INTEGER CHECK (height > 0),
  thumb_bytes INTEGER CHECK (thumb_bytes > 0),
  created_at TEXT NOT NULL,
  CHECK (CASE WHEN mime = 'application/pdf' THEN width IS NULL AND height IS NULL AND thumb_bytes IS NULL
              ELSE width IS NOT NULL AND height IS NOT NULL END)
) STRICT;

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  blob_sha256 TEXT NOT NULL REFERENCES attachment_blobs(sha256) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
  owner_entity TEXT NOT NULL CHECK (length(owner_entity) BETWEEN 1 AND 40 AND owner_entity NOT GLOB '*[^a-z0-9_]*'),
  owner_id INTEGER NOT NULL CHECK (owner_id > 0),
  file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_owner ON attachments(owner_entity, owner_id);
CREATE INDEX attachments_blob ON attachments(blob_sha256);

CREATE TRIGGER attachment_blobs_referenced BEFORE INSERT ON attachment_blobs
WHEN NOT EXISTS (SELECT 1 FROM attachments WHERE blob_sha256 = NEW.sha256)
BEGIN SELECT RAISE(ABORT, 'attachment: a stored file without a reference'); END;
CREATE TRIGGER attachment_blobs_no_replace BEFORE INSERT ON attachment_blobs
WHEN EXISTS (SELECT 1 FROM attachment_blobs WHERE sha256 = NEW.sha256)
BEGIN SELECT RAISE(ABORT, 'attachment: a stored file is not replaced'); END;
CREATE TRIGGER attachment_blobs_fixed BEFORE UPDATE ON attachment_blobs
BEGIN SELECT RAISE(ABORT, 'attachment: a stored file never changes'); END;

CREATE TRIGGER attachments_release_blob AFTER DELETE ON attachments
WHEN NOT EXISTS (SELECT 1 FROM attachments WHERE blob_sha256 = OLD.blob_sha256)
BEGIN DELETE FROM attachment_blobs WHERE sha256 = OLD.blob_sha256; END;
CREATE TRIGGER attachments_fixed BEFORE UPDATE OF id, blob_sha256, owner_entity, owner_id, created_at, created_by ON attachments
WHEN NEW.id IS NOT OLD.id OR NEW.blob_sha256 IS NOT OLD.blob_sha256 OR NEW.owner_entity IS NOT OLD.owner_entity
  OR NEW.owner_id IS NOT OLD.owner_id OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'attachment: only its file name changes'); END;

CREATE TRIGGER attachments_org_unit_exists BEFORE INSERT ON attachments
WHEN NEW.owner_entity = 'org_unit' AND NOT EXISTS (SELECT 1 FROM org_units WHERE id = NEW.owner_id)
BEGIN SELECT RAISE(ABORT, 'attachment: its record does not exist'); END;
CREATE TRIGGER org_units_keep_attachments BEFORE DELETE ON org_units
WHEN EXISTS (SELECT 1 FROM attachments WHERE owner_entity = 'org_unit' AND owner_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'unit has attachments'); END;
`,
};
