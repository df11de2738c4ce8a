import type { ColumnType, Generated } from 'kysely';

/** kysely table types; one interface per table, mirroring the frozen migrations. */

export interface SettingsTable {
  key: string;
  value: string; // JSON
  updated_at: string;
}

export interface DictItemsTable {
  id: Generated<number>;
  dict: string;
  value: string;
  label: string;
  sort_order: number;
  retired: number; // 0/1
  /** migration 003: the group of an item in a grouped dictionary (一院 / 五室 / 六有) */
  group_label: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OrgUnitsTable {
  id: Generated<number>;
  level: 'street' | 'unit';
  parent_id: number | null;
  code: string;
  name: string;
  full_name: string;
  kind: string;
  urban_rural_class: string | null;
  status: 'active' | 'retired';
  retired_on: string | null;
  retire_reason: string | null;
  source: 'national' | 'manual';
  name_initials: string;
  name_pinyin: string;
  sort_order: ColumnType<number, number | undefined, number>;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface UnitCodeHistoryTable {
  id: Generated<number>;
  unit_id: number;
  old_code: string;
  new_code: string;
  old_parent_id: number | null;
  new_parent_id: number | null;
  effective_on: string;
  reason: string;
  recorded_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  user_id: number | null;
  username: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'admin' | 'clerk' | 'viewer';
  password_hash: string;
  must_change_password: ColumnType<number, number | undefined, number>;
  active: ColumnType<number, number | undefined, number>;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  settings: SettingsTable;
  dict_items: DictItemsTable;
  org_units: OrgUnitsTable;
  unit_code_history: UnitCodeHistoryTable;
  audit_log: AuditLogTable;
  users: UsersTable;
}
