import type { Migration } from './types';

/** FROZEN: never edit a migration that has shipped; add a new one instead. */
export const m001Initial: Migration = {
  version: 1,
  name: '组织架构、设置、字典与操作日志',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE dict_items (
  id INTEGER PRIMARY KEY,
  dict TEXT NOT NULL,
  value TEXT NOT NULL CHECK (length(value) > 0),
  label TEXT NOT NULL CHECK (length(trim(label)) > 0),
  sort_order INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  UNIQUE (dict, value)
) STRICT;

-- Seed of the 单位类别 dictionary (DOMAIN.md §0); labels are editable later, keys are stable.
INSERT INTO dict_items (dict, value, label, sort_order) VALUES
  ('unit_kind', 'village', '行政村', 1),
  ('unit_kind', 'converted', '村改居社区', 2),
  ('unit_kind', 'urban', '城市社区', 3);

CREATE TABLE org_units (
  id INTEGER PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('street', 'unit')),
  parent_id INTEGER REFERENCES org_units(id) ON DELETE RESTRICT,
  code TEXT NOT NULL,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
  kind TEXT NOT NULL,
  urban_rural_class TEXT CHECK (urban_rural_class IS NULL OR urban_rural_class IN ('111','112','121','122','123','210','220')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  retired_on TEXT,
  retire_reason TEXT,
  source TEXT NOT NULL CHECK (source IN ('national', 'manual')),
  name_initials TEXT NOT NULL DEFAULT '',
  name_pinyin TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (code NOT GLOB '*[^0-9]*'),
  CHECK (
    (level = 'street' AND parent_id IS NULL AND length(code) = 9) OR
    (level = 'unit' AND parent_id IS NOT NULL AND length(code) = 12)
  ),
  CHECK ((status = 'retired') = (retired_on IS NOT NULL))
) STRICT;

-- A code identifies one unit in the register; a retired unit frees its code (the national
-- list reuses codes), and old codes live on in unit_code_history.
CREATE UNIQUE INDEX org_units_active_code ON org_units(code) WHERE status = 'active';
CREATE INDEX org_units_parent ON org_units(parent_id);

-- A unit sits directly under a street, and its code under the street's code.
CREATE TRIGGER org_units_parent_is_street_ins BEFORE INSERT ON org_units
WHEN NEW.level = 'unit' AND (SELECT level FROM org_units WHERE id = NEW.parent_id) IS NOT 'street'
BEGIN SELECT RAISE(ABORT, 'unit parent must be a street'); END;
CREATE TRIGGER org_units_parent_is_street_upd BEFORE UPDATE OF parent_id, level ON org_units
WHEN NEW.level = 'unit' AND (SELECT level FROM org_units WHERE id = NEW.parent_id) IS NOT 'street'
BEGIN SELECT RAISE(ABORT, 'unit parent must be a street'); END;
CREATE TRIGGER org_units_code_under_street_ins BEFORE INSERT ON org_units
WHEN NEW.level = 'unit' AND substr(NEW.code, 1, 9) IS NOT (SELECT code FROM org_units WHERE id = NEW.parent_id)
BEGIN SELECT RAISE(ABORT, 'unit code must sit under its street code'); END;
CREATE TRIGGER org_units_code_under_street_upd BEFORE UPDATE OF code, parent_id ON org_units
WHEN NEW.level = 'unit' AND substr(NEW.code, 1, 9) IS NOT (SELECT code FROM org_units WHERE id = NEW.parent_id)
BEGIN SELECT RAISE(ABORT, 'unit code must sit under its street code'); END;
-- A street's code can change only while no unit sits under it.
CREATE TRIGGER org_units_street_code_frozen BEFORE UPDATE OF code ON org_units
WHEN NEW.level = 'street' AND NEW.code <> OLD.code AND EXISTS (SELECT 1 FROM org_units WHERE parent_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'street with units cannot change code'); END;

CREATE TABLE unit_code_history (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  old_code TEXT NOT NULL,
  new_code TEXT NOT NULL CHECK (new_code <> old_code),
  old_parent_id INTEGER REFERENCES org_units(id),
  new_parent_id INTEGER REFERENCES org_units(id),
  effective_on TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX unit_code_history_unit ON unit_code_history(unit_id);
CREATE INDEX unit_code_history_old_code ON unit_code_history(old_code);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before_json TEXT,
  after_json TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
-- The log is append-only, also below the application.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`,
};
