import type { Migration } from './types';

/**
 * FROZEN: never edit a migration that has shipped; add a new one instead.
 *
 * 村情档案 (DOMAIN.md §1): one current profile per village/community, one row per unit and
 * year for the yearly figures, and the history of 第一书记. Units of measure are part of the
 * column names where they are not obvious:
 *   *_fen            money, integer 分
 *   area_m2          村域面积, whole 平方米 (shown as 平方公里)
 *   *_mu_x100        land, hundredths of 亩 (123.45 亩 = 12345)
 *   venue_area_m2_x100  活动场所面积, hundredths of 平方米
 *   member_avg_age_x10  党员平均年龄, tenths of a year (56.3 岁 = 563)
 *   *_month          YYYY-MM; *_on: YYYY-MM-DD
 * Unknown figures are NULL; flags are 0/1.
 *
 * The party_org_type seed is written out literally (a migration must not import code that can
 * change); tests/unit/dictionaries-seed.test.ts checks it equals shared/domain/dictionaries.ts.
 */
export const m004VillageFiles: Migration = {
  version: 4,
  name: '村情档案：村（社区）基本情况、年度数据、第一书记',
  sql: `
INSERT INTO dict_items (dict, value, label, sort_order, group_label) VALUES
  ('party_org_type', 'committee', '党委', 1, NULL),
  ('party_org_type', 'general_branch', '党总支', 2, NULL),
  ('party_org_type', 'branch', '党支部', 3, NULL);

CREATE TABLE village_profiles (
  unit_id INTEGER PRIMARY KEY REFERENCES org_units(id) ON DELETE RESTRICT,
  households INTEGER CHECK (households IS NULL OR households >= 0),
  resident_population INTEGER CHECK (resident_population IS NULL OR resident_population >= 0),
  floating_population INTEGER CHECK (floating_population IS NULL OR floating_population >= 0),
  area_m2 INTEGER CHECK (area_m2 IS NULL OR area_m2 >= 0),
  arable_land_mu_x100 INTEGER CHECK (arable_land_mu_x100 IS NULL OR arable_land_mu_x100 >= 0),
  forest_land_mu_x100 INTEGER CHECK (forest_land_mu_x100 IS NULL OR forest_land_mu_x100 >= 0),
  party_org_type TEXT,
  member_total INTEGER CHECK (member_total IS NULL OR member_total >= 0),
  member_female INTEGER CHECK (member_female IS NULL OR member_female >= 0),
  member_under35 INTEGER CHECK (member_under35 IS NULL OR member_under35 >= 0),
  member_over70 INTEGER CHECK (member_over70 IS NULL OR member_over70 >= 0),
  member_avg_age_x10 INTEGER CHECK (member_avg_age_x10 IS NULL OR member_avg_age_x10 BETWEEN 180 AND 1000),
  member_outflow INTEGER CHECK (member_outflow IS NULL OR member_outflow >= 0),
  member_inflow INTEGER CHECK (member_inflow IS NULL OR member_inflow >= 0),
  secretary_name TEXT CHECK (secretary_name IS NULL OR length(trim(secretary_name)) > 0),
  secretary_gender TEXT CHECK (secretary_gender IS NULL OR secretary_gender IN ('male', 'female')),
  secretary_birth_month TEXT CHECK (secretary_birth_month IS NULL OR (secretary_birth_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND substr(secretary_birth_month, 6, 2) BETWEEN '01' AND '12')),
  secretary_education TEXT,
  secretary_since_month TEXT CHECK (secretary_since_month IS NULL OR (secretary_since_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND substr(secretary_since_month, 6, 2) BETWEEN '01' AND '12')),
  secretary_phone TEXT,
  secretary_is_director INTEGER NOT NULL DEFAULT 0 CHECK (secretary_is_director IN (0, 1)),
  director_name TEXT CHECK (director_name IS NULL OR length(trim(director_name)) > 0),
  director_phone TEXT,
  supervisor_name TEXT CHECK (supervisor_name IS NULL OR length(trim(supervisor_name)) > 0),
  supervisor_phone TEXT,
  committee_count INTEGER CHECK (committee_count IS NULL OR committee_count >= 0),
  graduate_official TEXT,
  party_assistant TEXT,
  coop_led INTEGER NOT NULL DEFAULT 0 CHECK (coop_led IN (0, 1)),
  coop_name TEXT,
  venue_area_m2_x100 INTEGER CHECK (venue_area_m2_x100 IS NULL OR venue_area_m2_x100 >= 0),
  venue_meets_standard INTEGER CHECK (venue_meets_standard IS NULL OR venue_meets_standard IN (0, 1)),
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- parts of the membership never exceed it
  CHECK (member_total IS NULL OR member_female IS NULL OR member_female <= member_total),
  CHECK (member_total IS NULL OR member_under35 IS NULL OR member_under35 <= member_total),
  CHECK (member_total IS NULL OR member_over70 IS NULL OR member_over70 <= member_total),
  CHECK (member_total IS NULL OR member_under35 IS NULL OR member_over70 IS NULL OR member_under35 + member_over70 <= member_total),
  CHECK (member_total IS NULL OR member_outflow IS NULL OR member_outflow <= member_total),
  CHECK (member_total IS NOT 0 OR member_avg_age_x10 IS NULL),
  CHECK (secretary_birth_month IS NULL OR secretary_since_month IS NULL OR secretary_since_month > secretary_birth_month),
  -- 书记主任“一肩挑”: the director is the secretary
  CHECK (secretary_is_director = 0 OR director_name IS NULL OR director_name = secretary_name),
  CHECK (coop_led = 1 OR coop_name IS NULL)
) STRICT;

CREATE TABLE village_years (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  collective_income_fen INTEGER CHECK (collective_income_fen IS NULL OR collective_income_fen BETWEEN -1000000000000 AND 1000000000000),
  collective_assets_fen INTEGER CHECK (collective_assets_fen IS NULL OR collective_assets_fen BETWEEN 0 AND 1000000000000),
  liabilities_fen INTEGER CHECK (liabilities_fen IS NULL OR liabilities_fen BETWEEN 0 AND 1000000000000),
  star_rating TEXT,
  fortress_index TEXT,
  weak_org INTEGER NOT NULL DEFAULT 0 CHECK (weak_org IN (0, 1)),
  households INTEGER CHECK (households IS NULL OR households >= 0),
  resident_population INTEGER CHECK (resident_population IS NULL OR resident_population >= 0),
  floating_population INTEGER CHECK (floating_population IS NULL OR floating_population >= 0),
  member_total INTEGER CHECK (member_total IS NULL OR member_total >= 0),
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (unit_id, year)
) STRICT;
CREATE INDEX village_years_year ON village_years(year);

CREATE TABLE village_first_secretaries (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  dispatching_unit TEXT CHECK (dispatching_unit IS NULL OR length(trim(dispatching_unit)) > 0),
  started_on TEXT NOT NULL CHECK (started_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  ended_on TEXT CHECK (ended_on IS NULL OR (ended_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND ended_on >= started_on)),
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX village_first_secretaries_unit ON village_first_secretaries(unit_id);
-- One current 第一书记 per unit; past ones stay as history.
CREATE UNIQUE INDEX village_first_secretaries_current ON village_first_secretaries(unit_id) WHERE ended_on IS NULL;

-- Village files belong to villages/communities, never to a street, and never move to another unit.
CREATE TRIGGER village_profiles_unit_level BEFORE INSERT ON village_profiles
WHEN (SELECT level FROM org_units WHERE id = NEW.unit_id) IS NOT 'unit'
BEGIN SELECT RAISE(ABORT, 'village file must belong to a unit'); END;
CREATE TRIGGER village_profiles_unit_frozen BEFORE UPDATE OF unit_id ON village_profiles
WHEN NEW.unit_id IS NOT OLD.unit_id
BEGIN SELECT RAISE(ABORT, 'village file never changes unit'); END;
CREATE TRIGGER village_years_unit_level BEFORE INSERT ON village_years
WHEN (SELECT level FROM org_units WHERE id = NEW.unit_id) IS NOT 'unit'
BEGIN SELECT RAISE(ABORT, 'village file must belong to a unit'); END;
-- A yearly row is that unit's figures for that year: it never becomes another year's.
CREATE TRIGGER village_years_key_frozen BEFORE UPDATE OF unit_id, year ON village_years
WHEN NEW.unit_id IS NOT OLD.unit_id OR NEW.year IS NOT OLD.year
BEGIN SELECT RAISE(ABORT, 'yearly row never changes unit or year'); END;
CREATE TRIGGER village_first_secretaries_unit_level BEFORE INSERT ON village_first_secretaries
WHEN (SELECT level FROM org_units WHERE id = NEW.unit_id) IS NOT 'unit'
BEGIN SELECT RAISE(ABORT, 'village file must belong to a unit'); END;
CREATE TRIGGER village_first_secretaries_unit_frozen BEFORE UPDATE OF unit_id ON village_first_secretaries
WHEN NEW.unit_id IS NOT OLD.unit_id
BEGIN SELECT RAISE(ABORT, 'village file never changes unit'); END;

-- Terms of 第一书记 of one unit do not overlap (a handover day may end one and start the next).
CREATE TRIGGER village_first_secretaries_no_overlap_ins BEFORE INSERT ON village_first_secretaries
WHEN EXISTS (
  SELECT 1 FROM village_first_secretaries o WHERE o.unit_id = NEW.unit_id
    AND o.started_on < coalesce(NEW.ended_on, '9999-12-31') AND NEW.started_on < coalesce(o.ended_on, '9999-12-31'))
BEGIN SELECT RAISE(ABORT, 'first secretary terms overlap'); END;
CREATE TRIGGER village_first_secretaries_no_overlap_upd BEFORE UPDATE OF started_on, ended_on ON village_first_secretaries
WHEN EXISTS (
  SELECT 1 FROM village_first_secretaries o WHERE o.unit_id = NEW.unit_id AND o.id <> NEW.id
    AND o.started_on < coalesce(NEW.ended_on, '9999-12-31') AND NEW.started_on < coalesce(o.ended_on, '9999-12-31'))
BEGIN SELECT RAISE(ABORT, 'first secretary terms overlap'); END;

-- Dictionary values held here exist in their dictionary (the service also refuses retired ones for new values).
CREATE TRIGGER village_profiles_dict_ins BEFORE INSERT ON village_profiles
WHEN (NEW.party_org_type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dict_items WHERE dict = 'party_org_type' AND value = NEW.party_org_type))
  OR (NEW.secretary_education IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dict_items WHERE dict = 'education_level' AND value = NEW.secretary_education))
BEGIN SELECT RAISE(ABORT, 'value not in dictionary'); END;
CREATE TRIGGER village_profiles_dict_upd BEFORE UPDATE OF party_org_type, secretary_education ON village_profiles
WHEN (NEW.party_org_type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dict_items WHERE dict = 'party_org_type' AND value = NEW.party_org_type))
  OR (NEW.secretary_education IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dict_items WHERE dict = 'education_level' AND value = NEW.secretary_education))
BEGIN SELECT RAISE(ABORT, 'value not in dictionary'); END;
CREATE TRIGGER village_years_dict_ins BEFORE INSERT ON village_years
WHEN (NEW.star_rating IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dict_items WHERE dict = 'star_rating' AND value = NEW.star_rating))
  OR (NEW.fortress_index IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dict_items WHERE dict = 'fortress_index' AND value = NEW.fortress_index))
BEGIN SELECT RAISE(ABORT, 'value not in dictionary'); END;
CREATE TRIGGER village_years_dict_upd BEFORE UPDATE OF star_rating, fortress_index ON village_years
WHEN (NEW.star_rating IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dict_items WHERE dict = 'star_rating' AND value = NEW.star_rating))
  OR (NEW.fortress_index IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dict_items WHERE dict = 'fortress_index' AND value = NEW.fortress_index))
BEGIN SELECT RAISE(ABORT, 'value not in dictionary'); END;

-- A dictionary value held by a village file cannot be deleted, only retired (the service says so first).
CREATE TRIGGER dict_items_village_values_in_use BEFORE DELETE ON dict_items
WHEN (OLD.dict = 'star_rating' AND EXISTS (SELECT 1 FROM village_years WHERE star_rating = OLD.value))
  OR (OLD.dict = 'fortress_index' AND EXISTS (SELECT 1 FROM village_years WHERE fortress_index = OLD.value))
  OR (OLD.dict = 'party_org_type' AND EXISTS (SELECT 1 FROM village_profiles WHERE party_org_type = OLD.value))
  OR (OLD.dict = 'education_level' AND EXISTS (SELECT 1 FROM village_profiles WHERE secretary_education = OLD.value))
BEGIN SELECT RAISE(ABORT, 'dictionary value in use'); END;
`,
};
