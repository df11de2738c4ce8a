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
  /** electron/db/audit-chain.ts; written by writeAudit */
  chain_hash: string | null;
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

/** migration 004: 村情档案, one current profile per unit (units of measure in the column names; see 004_village_files.ts) */
export interface VillageProfilesTable {
  unit_id: number;
  households: number | null;
  resident_population: number | null;
  floating_population: number | null;
  /** 村域面积, whole 平方米 */
  area_m2: number | null;
  /** hundredths of 亩 */
  arable_land_mu_x100: number | null;
  forest_land_mu_x100: number | null;
  /** party_org_type dictionary */
  party_org_type: string | null;
  member_total: number | null;
  member_female: number | null;
  member_under35: number | null;
  member_over70: number | null;
  /** tenths of a year */
  member_avg_age_x10: number | null;
  member_outflow: number | null;
  member_inflow: number | null;
  secretary_name: string | null;
  secretary_gender: 'male' | 'female' | null;
  /** YYYY-MM */
  secretary_birth_month: string | null;
  /** education_level dictionary */
  secretary_education: string | null;
  /** 任现职时间, YYYY-MM */
  secretary_since_month: string | null;
  secretary_phone: string | null;
  secretary_is_director: ColumnType<number, number | undefined, number>;
  director_name: string | null;
  director_phone: string | null;
  supervisor_name: string | null;
  supervisor_phone: string | null;
  committee_count: number | null;
  graduate_official: string | null;
  party_assistant: string | null;
  coop_led: ColumnType<number, number | undefined, number>;
  coop_name: string | null;
  /** hundredths of 平方米 */
  venue_area_m2_x100: number | null;
  venue_meets_standard: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** migration 004: 村情档案 yearly figures, one row per unit and year */
export interface VillageYearsTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  collective_income_fen: number | null;
  collective_assets_fen: number | null;
  liabilities_fen: number | null;
  /** star_rating dictionary */
  star_rating: string | null;
  /** fortress_index dictionary */
  fortress_index: string | null;
  weak_org: ColumnType<number, number | undefined, number>;
  households: number | null;
  resident_population: number | null;
  floating_population: number | null;
  member_total: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** migration 004: 第一书记, current (ended_on NULL, at most one per unit) and past */
export interface VillageFirstSecretariesTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  dispatching_unit: string | null;
  started_on: string;
  ended_on: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** 005: the column mapping a clerk chose, per record type and header layout. */
export interface ImportMappingsTable {
  definition_key: string;
  fingerprint: string;
  /** JSON array: the field of each column, null = ignored */
  fields_json: string;
  /** JSON array: the header texts, for the record */
  headers_json: string;
  updated_at: string;
  updated_by: string;
}

/** 006: 经费项目 (money in 分) */
export interface FundProgrammesTable {
  id: Generated<number>;
  year: number;
  name: string;
  category: string;
  source_level: string;
  budget_fen: number;
  document_no: string | null;
  standard_text: string | null;
  standard_fen: number | null;
  recipient_kind: string;
  due_on: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** 006: 分配 — a unit (街道 or 村/社区) or a person, never both */
export interface FundAllocationsTable {
  id: Generated<number>;
  programme_id: number;
  unit_id: number | null;
  person_name: string | null;
  amount_fen: number;
  due_on: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** 006: 拨付 — pending → approved → paid; a reversal is negative and points at its row */
export interface FundDisbursementsTable {
  id: Generated<number>;
  allocation_id: number;
  paid_on: string;
  amount_fen: number;
  voucher_no: string | null;
  handler: string | null;
  approver: string | null;
  note: string | null;
  status: 'pending' | 'approved' | 'paid';
  reverses_id: number | null;
  created_at: string;
  created_by: string;
  approved_at: string | null;
  approved_by: string | null;
  posted_at: string | null;
  posted_by: string | null;
}

/** 009: 附件 — one row per distinct file content, named by its SHA-256 (electron/services/attachments/) */
export interface AttachmentBlobsTable {
  sha256: string;
  bytes: number;
  mime: 'image/jpeg' | 'image/png' | 'application/pdf';
  /** pixels, images only */
  width: number | null;
  height: number | null;
  /** size of <sha256>.thumb.jpg; null = no thumbnail (PDF, or an image too large to decode) */
  thumb_bytes: number | null;
  created_at: string;
}

/** 009: 附件 — a file attached to one record (owner_entity, owner_id); only file_name ever changes */
export interface AttachmentsTable {
  id: Generated<number>;
  blob_sha256: string;
  owner_entity: string;
  owner_id: number;
  file_name: string;
  created_at: string;
  /** the actor's display name */
  created_by: string;
}

export interface Database {
  settings: SettingsTable;
  dict_items: DictItemsTable;
  org_units: OrgUnitsTable;
  unit_code_history: UnitCodeHistoryTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  village_profiles: VillageProfilesTable;
  village_years: VillageYearsTable;
  village_first_secretaries: VillageFirstSecretariesTable;
  import_mappings: ImportMappingsTable;
  fund_programmes: FundProgrammesTable;
  fund_allocations: FundAllocationsTable;
  fund_disbursements: FundDisbursementsTable;
  attachment_blobs: AttachmentBlobsTable;
  attachments: AttachmentsTable;
}
