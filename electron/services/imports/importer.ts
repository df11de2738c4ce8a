import type { RowStatus } from '../../../shared/api/imports';
import type { ColumnMapping } from '../../../shared/domain/parse/mapping';
import type { RecordDefinition } from '../../../shared/domain/parse/definition';
import type { DictionaryOption } from '../../../shared/domain/parse/dictionary';
import type { ImportProblem, ParsedRecord } from '../../../shared/domain/parse/records';
import type { Db, ServiceContext } from '../context';

/**
 * What a record type adds to the one import engine: its definition (columns, labels, synonyms),
 * the dictionaries its dictionary columns need, and the two steps only it knows — planning
 * (which existing record each row is, what would change, what is wrong) and applying a plan
 * inside the engine's transaction. Reading, header detection, mapping, remembering mappings,
 * the preview, the backup, the audit summary and the rejected-rows workbook are the engine's.
 */

export interface RowPlan<P> {
  row: number;
  status: RowStatus;
  /** the record as the clerk knows it ('大观园街道 纬一路社区'), or null */
  target: string | null;
  problems: ImportProblem[];
  notes: string[];
  /** what apply() needs; null for rejected and unchanged rows */
  payload: P | null;
}

export interface FileCheck {
  /** reasons nothing can be imported yet */
  blockers: string[];
  notes: string[];
}

/**
 * P: what a planned row carries to apply(); O: the options the wizard passed, as parsed by the
 * options schema the module declares for the kind (shared/api/<module>/module.ts).
 */
export interface Importer<P, O> {
  /** the record type, a key of the module's importKinds */
  kind: string;
  /** the same definition as the module's shared declaration (checked when the modules are assembled) */
  definition: RecordDefinition;
  /** what a change meanwhile may have touched, for '预览之后数据已有变化（可能有人刚修改了…）' */
  changedData: string;
  /** suggested file name of the template, without extension */
  templateTitle: string;
  /** lines for the template's 填写说明 sheet */
  templateNotes: readonly string[];
  dictionaries(db: Db): Promise<Record<string, readonly DictionaryOption[]>>;
  /**
   * whole-file checks on the mapping and options (e.g. a 年度 must be chosen for yearly columns);
   * `db` is what to read (the transaction at commit: a read through ctx.db there would wait on it)
   */
  checkFile(ctx: ServiceContext, mapping: ColumnMapping, options: O, db: Db): Promise<FileCheck>;
  /** one plan per record, in order; reads the database (inside the transaction at commit) */
  plan(db: Db, ctx: ServiceContext, records: readonly ParsedRecord[], mapping: ColumnMapping, options: O): Promise<RowPlan<P>[]>;
  /** writes the create/update plans (with their audit rows) inside the engine's transaction */
  apply(trx: Db, ctx: ServiceContext, plans: ReadonlyArray<RowPlan<P>>, options: O): Promise<void>;
}

