import type { DisbursementImportOptions } from '../../../shared/api/funds/module';
import type { z } from 'zod';
import { DisburseInput, DISBURSEMENT_STATUS_LABELS } from '../../../shared/api/funds/records';
import { DISBURSEMENT_IMPORT, programmeLabel } from '../../../shared/api/funds/import-definition';
import { compactName, streetNameKey } from '../../../shared/domain/text';
import type { ColumnMapping } from '../../../shared/domain/parse/mapping';
import type { ImportedValue, ImportProblem, ParsedRecord } from '../../../shared/domain/parse/index';
import type { Db } from '../context';
import type { FileCheck, Importer, RowPlan } from '../imports/importer';
import type { OrgUnitRecord } from '../units/unit-row';
import { insertDisbursement } from './disbursements';
import { translateFundError, yuan, type AllocationRecord, type DisbursementRecord, type ProgrammeRecord } from './fund-rules';
import { recipientRule, unitMisfit, type RecipientRule } from './recipients';


/** What the wizard passed, as the module's schema parsed it. */
type Options = z.output<typeof DisbursementImportOptions>;
/**
 * 经费拨付记录 through the import engine: a disbursement list (from the finance office or a
 * street) paid from the one 经费项目 chosen in the wizard. A row is matched to that programme's
 * allocation of its recipient — a unit by 区划代码 (also a former code), else 街道 + 单位名称,
 * else a name unique in the district (or unique among the programme's recipients); a person by
 * 受款人. Each accepted row becomes one disbursement, 待审核, and the usual flow approves and
 * posts it. Rows are taken in file order: for each allocation, what is left = allocation − Σ its
 * registered disbursements (every status, reversals negative, as the database counts) − the
 * earlier accepted rows of this file − this row; the preview shows it on every row, and a row
 * that would leave less than nothing is rejected (and takes nothing from the rows after it).
 * A row equal to a registered disbursement (same allocation, date, amount, 凭证号) is 无变化,
 * so the same file imported twice writes nothing the second time; one equal to an earlier row
 * of the file is rejected as a likely duplicate.
 */

/** A row to write: what funds.disburse would take for it. */
export type DisbursementPlan = z.output<typeof DisburseInput>;

/** The form's own schema, so a row is held to the same rules (date, amount > 0, lengths). */
const DisburseFields = DisburseInput.omit({ allocationId: true });

const compact = compactName;
const streetKey = streetNameKey;
/** 凭证号 as compared for duplicates: 'jz-15 ' and 'JZ-15' are the same voucher */
const voucherKey = (text: string | null) => (text === null ? '' : compact(text).toUpperCase());
const duplicateKey = (allocationId: number, paidOn: string, amountFen: number, voucherNo: string | null) => `${allocationId}|${paidOn}|${amountFen}|${voucherKey(voucherNo)}`;

/** The programme the wizard chose, or why there is none. */
async function chosenProgramme(db: Db, options: Options): Promise<{ programme: ProgrammeRecord; problem: null } | { programme: null; problem: string }> {
  if (options.programmeId === null) return { programme: null, problem: '请选择经费项目' };
  const programme = await db.selectFrom('fund_programmes').selectAll().where('id', '=', options.programmeId).executeTakeFirst();
  return programme ? { programme, problem: null } : { programme: null, problem: '所选经费项目不存在或已被删除，请重新选择' };
}

interface Register {
  programme: ProgrammeRecord;
  label: string;
  rule: RecipientRule;
  streets: OrgUnitRecord[];
  unitById: Map<number, OrgUnitRecord>;
  /** current codes (an active unit before a retired one with the same code), then former codes */
  unitByCode: Map<string, OrgUnitRecord>;
  villagesByName: Map<string, OrgUnitRecord[]>;
  allocationByUnit: Map<number, AllocationRecord>;
  allocationsByPerson: Map<string, AllocationRecord[]>;
  /** Σ registered disbursements per allocation: every status, reversals negative */
  registered: Map<number, number>;
  /** the programme's ordinary disbursements by duplicateKey (the first of equal ones) */
  existing: Map<string, DisbursementRecord>;
}

async function loadRegister(db: Db, programme: ProgrammeRecord): Promise<Register> {
  // 'active' sorts before 'retired'
  const units = await db.selectFrom('org_units').selectAll().orderBy('status').orderBy('code').execute();
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitByCode = new Map<string, OrgUnitRecord>();
  for (const u of units) if (!unitByCode.has(u.code)) unitByCode.set(u.code, u);
  for (const h of await db.selectFrom('unit_code_history').select(['unit_id', 'old_code']).orderBy('id').execute()) {
    const unit = unitById.get(h.unit_id);
    if (unit && !unitByCode.has(h.old_code)) unitByCode.set(h.old_code, unit);
  }
  const villagesByName = new Map<string, OrgUnitRecord[]>();
  for (const u of units.filter((x) => x.level === 'unit')) {
    for (const name of new Set([compact(u.name), compact(u.full_name)])) villagesByName.set(name, [...(villagesByName.get(name) ?? []), u]);
  }
  const allocations = await db.selectFrom('fund_allocations').selectAll().where('programme_id', '=', programme.id).execute();
  const allocationsByPerson = new Map<string, AllocationRecord[]>();
  for (const a of allocations.filter((x) => x.person_name !== null)) {
    const key = compact(a.person_name!);
    allocationsByPerson.set(key, [...(allocationsByPerson.get(key) ?? []), a]);
  }
  const rows = await db
    .selectFrom('fund_disbursements as d')
    .innerJoin('fund_allocations as a', 'a.id', 'd.allocation_id')
    .selectAll('d')
    .where('a.programme_id', '=', programme.id)
    .orderBy('d.id')
    .execute();
  const registered = new Map<number, number>();
  const existing = new Map<string, DisbursementRecord>();
  for (const r of rows) {
    registered.set(r.allocation_id, (registered.get(r.allocation_id) ?? 0) + r.amount_fen);
    const key = duplicateKey(r.allocation_id, r.paid_on, r.amount_fen, r.voucher_no);
    if (r.reverses_id === null && !existing.has(key)) existing.set(key, r);
  }
  return {
    programme,
    label: programmeLabel(programme),
    rule: await recipientRule(db, programme.recipient_kind),
    streets: units.filter((u) => u.level === 'street'),
    unitById,
    unitByCode,
    villagesByName,
    allocationByUnit: new Map(allocations.filter((a) => a.unit_id !== null).map((a) => [a.unit_id!, a])),
    allocationsByPerson,
    registered,
    existing,
  };
}

interface Who {
  allocation: AllocationRecord | null;
  /** the recipient as the clerk knows it ('大观园街道 纬一路社区', '张三') */
  target: string | null;
  problem: { field: string | null; message: string } | null;
  notes: string[];
}

const text = (v: ImportedValue | undefined) => (typeof v === 'string' ? v : null);

/** The person a row names, and their allocation in the programme. */
function identifyPerson(reg: Register, values: Record<string, ImportedValue>): Who {
  const name = text(values.personName);
  if (name === null) return { allocation: null, target: null, problem: { field: 'personName', message: `“${reg.label}”拨付给个人，请填写受款人姓名` }, notes: [] };
  const found = reg.allocationsByPerson.get(compact(name)) ?? [];
  if (found.length === 1) return { allocation: found[0]!, target: name, problem: null, notes: [] };
  const message =
    found.length === 0
      ? `受款人“${name}”在“${reg.label}”中没有分配，请先分配`
      : `“${reg.label}”中有 ${found.length} 个名为“${name}”的受款人，无法区分，请在经费项目中逐条登记`;
  return { allocation: null, target: name, problem: { field: 'personName', message }, notes: [] };
}

/** The unit a row names (by code, 街道 + 名称, or a unique name), and its allocation in the programme. */
function identifyUnit(reg: Register, values: Record<string, ImportedValue>): Who {
  const code = text(values.code);
  const name = text(values.unitName);
  const streetName = text(values.streetName);
  const notes: string[] = [];
  const fail = (field: string | null, message: string, target: string | null = name): Who => ({ allocation: null, target, problem: { field, message }, notes });
  const streetOf = (u: OrgUnitRecord) => (u.parent_id === null ? undefined : reg.unitById.get(u.parent_id));
  const namedStreets = streetName === null ? null : reg.streets.filter((s) => streetKey(s.name) === streetKey(streetName) || streetKey(s.full_name) === streetKey(streetName));
  if (namedStreets && namedStreets.length === 0) return fail('streetName', `本区没有名为“${streetName}”的街道（镇）`, streetName);

  let unit: OrgUnitRecord;
  if (code !== null) {
    const found = reg.unitByCode.get(code);
    if (!found) return fail('code', `区划代码 ${code} 不是本区的街道（镇）或村（社区），请核对`);
    if (found.code !== code) notes.push(`区划代码 ${code} 已变更为 ${found.code}（${found.name}）`);
    if (name !== null && compact(name) !== compact(found.name) && compact(name) !== compact(found.full_name) && streetKey(name) !== streetKey(found.name)) {
      notes.push(`表中名称“${name}”与系统中的“${found.name}”不同，按区划代码对应`);
    }
    const street = found.level === 'street' ? found : streetOf(found);
    if (namedStreets && street && !namedStreets.includes(street)) return fail('code', `区划代码 ${code} 是${street.name}的“${found.name}”，与表中街道“${streetName}”不符`);
    unit = found;
  } else {
    let candidates: OrgUnitRecord[];
    if (name !== null) {
      const villages = (reg.villagesByName.get(compact(name)) ?? []).filter((u) => !namedStreets || namedStreets.some((s) => s.id === u.parent_id));
      const streets = reg.streets.filter((s) => (streetKey(s.name) === streetKey(name) || streetKey(s.full_name) === streetKey(name)) && (!namedStreets || namedStreets.includes(s)));
      candidates = [...villages, ...streets];
    } else if (namedStreets && reg.rule.kind !== 'village' && reg.rule.kind !== 'community') {
      // a street list: the 街道 column names the recipient
      candidates = namedStreets;
    } else {
      return fail('unitName', '请填写单位名称或区划代码');
    }
    // among namesakes, the one this programme pays is meant
    if (candidates.length > 1) {
      const allocated = candidates.filter((u) => reg.allocationByUnit.has(u.id));
      if (allocated.length === 1) candidates = allocated;
    }
    if (candidates.length === 0) return fail('unitName', `${streetName ?? '本区'}没有“${name}”，请核对名称或填写区划代码`);
    if (candidates.length > 1) return fail('unitName', `本区有 ${candidates.length} 个“${name ?? streetName}”，请填写街道（镇）或区划代码`);
    unit = candidates[0]!;
  }

  const street = unit.level === 'street' ? undefined : streetOf(unit);
  const target = street ? `${street.name} ${unit.name}` : unit.name;
  const allocation = reg.allocationByUnit.get(unit.id) ?? null;
  if (allocation) return { allocation, target, problem: null, notes };
  const misfit = unitMisfit(reg.rule, unit, { existing: true });
  const message = misfit
    ? `${target}在“${reg.label}”中没有分配（本项目的拨付对象是“${reg.rule.kindLabel}”），请核对`
    : `${target}在“${reg.label}”中没有分配，请先分配`;
  return fail(code !== null ? 'code' : 'unitName', message, target);
}

/** What the file has taken so far, in file order. */
interface Running {
  /** Σ accepted rows per allocation */
  spent: Map<number, number>;
  /** duplicateKey → the row that took it (accepted or 无变化) */
  seen: Map<string, number>;
}

function planRecord(reg: Register, record: ParsedRecord, mapping: ColumnMapping, running: Running): RowPlan<DisbursementPlan> {
  const columnOf = new Map(mapping.columns.filter((c) => c.field).map((c) => [c.field!, c]));
  const problems: ImportProblem[] = [...record.problems];
  const problem = (field: string | null, message: string) => {
    const col = field ? columnOf.get(field) : undefined;
    problems.push({ row: record.row, column: col?.index ?? null, field, header: col?.header ?? null, message });
  };
  // the form's rules; a cell the parser already refused is not reported twice
  const reported = new Set(record.problems.map((p) => p.field));
  const v = record.values;
  const checked = DisburseFields.safeParse({
    paidOn: text(v.paidOn) ?? undefined,
    amountFen: typeof v.amountFen === 'number' ? v.amountFen : undefined,
    voucherNo: text(v.voucherNo),
    handler: text(v.handler),
    approver: text(v.approver),
    note: text(v.note),
  });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (reported.has(field)) continue;
      reported.add(field);
      problem(field || null, issue.message);
    }
  }
  const who = reg.rule.kind === 'person' ? identifyPerson(reg, v) : identifyUnit(reg, v);
  if (who.problem) problem(who.problem.field, who.problem.message);
  const notes = [...who.notes];
  const rejected = (): RowPlan<DisbursementPlan> => ({ row: record.row, status: 'rejected', target: who.target, problems, notes, payload: null });
  if (problems.length > 0 || !checked.success || !who.allocation) return rejected();

  const allocation = who.allocation;
  const values = checked.data;
  const key = duplicateKey(allocation.id, values.paidOn, values.amountFen, values.voucherNo);
  const earlier = running.seen.get(key);
  if (earlier !== undefined) {
    problem(null, `与第 ${earlier} 行的拨付对象、日期、金额、凭证号都相同，疑似重复，未导入；如确是两笔拨付，请分别填写凭证号`);
    return rejected();
  }
  const same = reg.existing.get(key);
  if (same) {
    running.seen.set(key, record.row);
    const voucher = same.voucher_no ? `，凭证号 ${same.voucher_no}` : '';
    notes.push(`系统中已有相同的拨付记录（${same.paid_on}，${yuan(same.amount_fen)}${voucher}，${DISBURSEMENT_STATUS_LABELS[same.status]}），视为已导入，不再登记`);
    return { row: record.row, status: 'unchanged', target: who.target, problems, notes, payload: null };
  }

  const registered = reg.registered.get(allocation.id) ?? 0;
  const before = running.spent.get(allocation.id) ?? 0;
  const left = allocation.amount_fen - registered - before - values.amountFen;
  if (left < 0) {
    const earlierRows = before !== 0 ? `，本表前面各行 ${yuan(before)}` : '';
    problem('amountFen', `超出分配：分配 ${yuan(allocation.amount_fen)}，已登记 ${yuan(registered)}${earlierRows}，本行 ${yuan(values.amountFen)}，超出 ${yuan(-left)}`);
    return rejected();
  }
  running.spent.set(allocation.id, before + values.amountFen);
  running.seen.set(key, record.row);
  notes.push(`拨付后该分配尚余 ${yuan(left)}`);
  return { row: record.row, status: 'create', target: who.target, problems, notes, payload: { ...values, allocationId: allocation.id } };
}

export const disbursementImporter: Importer<DisbursementPlan, Options> = {
  kind: 'disbursements',
  definition: DISBURSEMENT_IMPORT,
  changedData: '经费分配或拨付记录',
  templateTitle: '经费拨付记录导入模板',
  templateNotes: [
    '一行填写一笔拨付。导入时先在向导中选择经费项目，表中各行都记到该项目中对应对象的分配下。',
    '拨付对象按“区划代码”对应；没有代码时按“街道（镇）”+“单位名称”对应，名称在全区唯一时也可只填名称。拨付给街道的项目可只填“街道（镇）”。拨付给个人的项目（如书记津贴）填写“受款人”姓名。',
    '拨付对象须已在该经费项目中分配；没有分配的行不会导入，请先在经费项目中分配。',
    '拨付金额默认单位为元；按万元填写时，请把表头写成“拨付金额（万元）”，或在表格上方注明“单位：万元”；单元格中写“12.3万”的也按万元计。金额须大于0，精确到分（折合成元后最多两位小数）。',
    '拨付日期写成 2026-03-05、2026.3.5 或 2026年3月5日。',
    '预览中每一行显示拨付后该分配尚余的金额（按表中行的顺序累计）；会超出分配金额的行不会导入，也不占用后面各行的余额。',
    '与系统中已有记录的拨付对象、日期、金额、凭证号都相同的行视为已导入，不会重复登记；同一表中完全相同的两行，后一行不会导入。',
    '导入的记录为“待审核”，在经费项目中审核、确认拨付后才计入已拨付。',
    '表格上方可以保留标题行，末尾可以保留“合计”行（导入时会与各行之和核对）。',
  ],
  async dictionaries() {
    return {};
  },
  async checkFile(_ctx, mapping, options, db): Promise<FileCheck> {
    const chosen = await chosenProgramme(db, options);
    if (!chosen.programme) return { blockers: [chosen.problem], notes: [] };
    const p = chosen.programme;
    const label = programmeLabel(p);
    const blockers: string[] = [];
    if (options.year !== null && p.year !== options.year) blockers.push(`所选经费项目“${label}”属于 ${p.year} 年，不是 ${options.year} 年的项目，请重新选择`);
    const mapped = new Set(mapping.columns.map((c) => c.field));
    if (p.recipient_kind === 'person') {
      if (!mapped.has('personName')) blockers.push(`“${label}”拨付给个人，表中没有“受款人”列，请在“核对列”中指定`);
    } else if (!mapped.has('code') && !mapped.has('unitName') && !mapped.has('streetName')) {
      blockers.push('表中没有“单位名称”“区划代码”或“街道（镇）”列，找不到拨付对象，请在“核对列”中指定');
    }
    const notes = [`拨付记录登记到“${label}”，导入后为“待审核”，审核、确认拨付后计入已拨付`];
    const amount = mapping.columns.find((c) => c.field === 'amountFen');
    if (amount?.unit) notes.push(`“${amount.header}”按${amount.unit}读取`);
    return { blockers, notes };
  },
  async plan(db, _ctx, records, mapping, options) {
    const chosen = await chosenProgramme(db, options);
    if (!chosen.programme) {
      const message = chosen.problem;
      return records.map((r) => ({ row: r.row, status: 'rejected' as const, target: null, problems: [...r.problems, { row: r.row, column: null, field: null, header: null, message }], notes: [], payload: null }));
    }
    const reg = await loadRegister(db, chosen.programme);
    const running: Running = { spent: new Map(), seen: new Map() };
    return records.map((r) => planRecord(reg, r, mapping, running));
  },
  async apply(trx, ctx, plans) {
    try {
      for (const p of plans) {
        const d = p.payload;
        if (!d || p.status !== 'create') continue;
        await insertDisbursement(trx, ctx, d);
      }
    } catch (error) {
      // the triggers are the last guard; their refusal reads in Chinese
      throw translateFundError(error);
    }
  },
};
