import { sql } from 'kysely';
import type { Allocation, Disbursement, Programme, ProgrammeDetail } from '../../../shared/api/funds/records';
import type { Db, ServiceContext } from '../context';
import { notFound } from '../errors';
import { disbursementSumsByAllocation, programmeSums, toBalance } from './balances';
import { localToday, type ProgrammeRecord } from './fund-rules';
import { labelOf, loadLabels } from './recipients';

/**
 * Reading the 经费台账: programmes of a year with their balances, one programme with its
 * allocations and disbursements. The services' results are read through here too, so a saved
 * record comes back exactly as the list shows it.
 */

function toProgramme(row: ProgrammeRecord, labels: Map<string, Map<string, string>>, sums: { sums: Parameters<typeof toBalance>[0]; recipients: number }): Programme {
  const balance = toBalance(sums.sums);
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    category: row.category,
    categoryLabel: labelOf(labels, 'fund_category', row.category),
    sourceLevel: row.source_level,
    sourceLevelLabel: labelOf(labels, 'fund_source_level', row.source_level),
    budgetFen: row.budget_fen,
    documentNo: row.document_no,
    standardText: row.standard_text,
    standardFen: row.standard_fen,
    recipientKind: row.recipient_kind,
    recipientKindLabel: labelOf(labels, 'fund_recipient_kind', row.recipient_kind),
    dueOn: row.due_on,
    note: row.note,
    unallocatedFen: row.budget_fen - balance.allocatedFen,
    recipients: sums.recipients,
    balance,
    updatedAt: row.updated_at,
  };
}

export async function loadProgrammes(db: Db, where: { year: number } | { id: number }): Promise<Programme[]> {
  let q = db.selectFrom('fund_programmes').selectAll();
  q = 'year' in where ? q.where('year', '=', where.year) : q.where('id', '=', where.id);
  const rows = await q.orderBy('id').execute();
  const labels = await loadLabels(db, ['fund_category', 'fund_source_level', 'fund_recipient_kind']);
  const sums = await programmeSums(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toProgramme(r, labels, sums.get(r.id)!));
}

export async function loadProgramme(db: Db, id: number): Promise<Programme> {
  const [programme] = await loadProgrammes(db, { id });
  if (!programme) throw notFound('该经费项目');
  return programme;
}

/** A programme's allocations (or one allocation), in the ledger's order: by street, the street first; persons last. */
export async function loadAllocations(db: Db, today: string, where: { programmeId: number } | { id: number }): Promise<Allocation[]> {
  let q = db
    .selectFrom('fund_allocations as a')
    .innerJoin('fund_programmes as p', 'p.id', 'a.programme_id')
    .leftJoin('org_units as u', 'u.id', 'a.unit_id')
    .leftJoin('org_units as s', 's.id', 'u.parent_id')
    .select([
      'a.id',
      'a.programme_id',
      'a.unit_id',
      'a.person_name',
      'a.amount_fen',
      'a.due_on',
      'a.note',
      'p.due_on as programme_due_on',
      'u.name as unit_name',
      'u.level as unit_level',
      'u.code as unit_code',
      's.id as street_id',
      's.name as street_name',
    ]);
  q = 'programmeId' in where ? q.where('a.programme_id', '=', where.programmeId) : q.where('a.id', '=', where.id);
  // the ledger's order (shared/api/fund-ledger.ts groupByStreet relies on it): streets by code, each
  // street's own allocation first, then its 村/社区 by code; persons last, in the order allocated
  const rows = await q
    .orderBy(sql`a.unit_id is null`)
    .orderBy(sql`coalesce(s.code, u.code)`)
    .orderBy(sql`u.level = 'street'`, 'desc')
    .orderBy('u.code')
    .orderBy('a.id')
    .execute();
  if (rows.length === 0) return [];
  // one allocation: only its rows are summed (a statement reads allocations one by one)
  const sums = await disbursementSumsByAllocation(db, 'id' in where ? { allocationId: where.id } : { programmeIds: [rows[0]!.programme_id] });
  return rows.map((r) => {
    const s = sums.get(r.id) ?? { pendingFen: 0, paidFen: 0 };
    const balance = toBalance({ allocatedFen: r.amount_fen, ...s });
    const dueOn = r.due_on ?? r.programme_due_on;
    const isStreet = r.unit_level === 'street';
    return {
      id: r.id,
      programmeId: r.programme_id,
      unitId: r.unit_id,
      personName: r.person_name,
      recipientName: r.unit_name ?? r.person_name ?? '',
      // a street is its own street, so the ledger groups by street either way
      streetId: isStreet ? r.unit_id : r.street_id,
      streetName: isStreet ? r.unit_name : r.street_name,
      code: r.unit_code,
      amountFen: r.amount_fen,
      dueOn: r.due_on,
      overdue: dueOn !== null && dueOn < today && balance.unpaidFen > 0,
      note: r.note,
      balance,
    };
  });
}

export async function loadAllocation(db: Db, today: string, id: number): Promise<Allocation> {
  const [allocation] = await loadAllocations(db, today, { id });
  if (!allocation) throw notFound('该分配');
  return allocation;
}

/** A programme's disbursements (or one), by date; a reversal after the row it reverses on the same day. */
export async function loadDisbursements(db: Db, where: { programmeId: number } | { id: number }): Promise<Disbursement[]> {
  let q = db
    .selectFrom('fund_disbursements as d')
    .innerJoin('fund_allocations as a', 'a.id', 'd.allocation_id')
    .leftJoin('org_units as u', 'u.id', 'a.unit_id')
    .selectAll('d')
    .select(['a.programme_id', 'u.name as unit_name', 'a.person_name'])
    .select(sql<number>`(select coalesce(-sum(r.amount_fen), 0) from fund_disbursements r where r.reverses_id = d.id)`.as('reversed_fen'));
  q = 'programmeId' in where ? q.where('a.programme_id', '=', where.programmeId) : q.where('d.id', '=', where.id);
  const rows = await q.orderBy('d.paid_on').orderBy('d.id').execute();
  return rows.map((r) => ({
    id: r.id,
    allocationId: r.allocation_id,
    programmeId: r.programme_id,
    recipientName: r.unit_name ?? r.person_name ?? '',
    paidOn: r.paid_on,
    amountFen: r.amount_fen,
    voucherNo: r.voucher_no,
    handler: r.handler,
    approver: r.approver,
    note: r.note,
    status: r.status,
    reversesId: r.reverses_id,
    reversedFen: Number(r.reversed_fen),
    createdAt: r.created_at,
    createdBy: r.created_by,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    postedAt: r.posted_at,
    postedBy: r.posted_by,
  }));
}

export async function loadDisbursement(db: Db, id: number): Promise<Disbursement> {
  const [row] = await loadDisbursements(db, { id });
  if (!row) throw notFound('该拨付记录');
  return row;
}

// ---------------------------------------------------------------- the query methods

export async function listProgrammes(ctx: ServiceContext, input: { year: number }): Promise<Programme[]> {
  return loadProgrammes(ctx.db, { year: input.year });
}

export async function programmeDetail(ctx: ServiceContext, input: { id: number }): Promise<ProgrammeDetail> {
  // one read transaction: the programme's totals and its rows agree even while others write
  return ctx.db.transaction().execute(async (trx) => {
    const programme = await loadProgramme(trx, input.id);
    return {
      programme,
      allocations: await loadAllocations(trx, localToday(ctx), { programmeId: input.id }),
      disbursements: await loadDisbursements(trx, { programmeId: input.id }),
    };
  });
}
