import { afterAll, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatcher';
import type { ProgrammeLedger, RecipientBalance } from '../../shared/api/funds/reports';
import type { ExportedFile } from '../../shared/api/files';
import type { Programme } from '../../shared/api/funds/records';
import type { ApiResult } from '../../shared/api/result';
import { openShizhongApp } from '../helpers/test-context';
import { measure, report } from './measure';
import { fillUnits } from './fill-units';

/**
 * 经费台账 at 1,000,000 disbursement rows in a real SQLite file: five programmes of 2026, each
 * allocating to 2,000 村/社区 (市中区 filled up with generated units), 100 rows per allocation —
 * most paid, some pending or approved, 1 in 50 partly reversed. The rows are written with plain
 * SQL in the order the ledger triggers accept (registered 待审核, then approved, then paid; the
 * reversals last), so every rule of migration 006 still holds; that fill is timed on its own.
 * Then the screens and exports a clerk uses, the largest programme having ~200,000 paid rows.
 */
const UNITS = 2_000;
const PROGRAMMES = 5;
const ROWS_PER_ALLOCATION = 100;
const TOTAL_ROWS = PROGRAMMES * UNITS * ROWS_PER_ALLOCATION;

afterAll(() => report(`经费台账基准（${TOTAL_ROWS.toLocaleString('zh-CN')} 条拨付记录）`));

const valueOf = <T>(r: ApiResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

it('reports and exports over 1,000,000 disbursement rows', async () => {
  const app = await openShizhongApp();
  const admin = await app.callerFor('admin');
  const call = async <T>(method: string, input: unknown) => valueOf<T>(await dispatch(app.ctx, `funds.${method}`, input, admin));
  const sqlite = app.store.sqlite;
  const at = '2026-01-05T00:00:00.000Z';

  // ---------------------------------------------------------------- units: 2,000 村/社区
  fillUnits(sqlite, UNITS);
  const units = (sqlite.prepare("SELECT id FROM org_units WHERE level = 'unit' AND status = 'active' ORDER BY code LIMIT ?").all(UNITS) as Array<{ id: number }>).map((u) => u.id);

  // ---------------------------------------------------------------- the ledger, through plain SQL
  const fill = await measure(`写入 ${PROGRAMMES} 个项目 × ${UNITS} 个分配 × ${ROWS_PER_ALLOCATION} 条拨付（触发器全部生效）`, 120_000, () => {
    const addProgramme = sqlite.prepare(
      "INSERT INTO fund_programmes (year, name, category, source_level, budget_fen, recipient_kind, due_on, created_at, updated_at) VALUES (2026, ?, ?, 'district', ?, 'village', ?, ?, ?) RETURNING id",
    );
    const addAllocation = sqlite.prepare('INSERT INTO fund_allocations (programme_id, unit_id, amount_fen, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    // every row of a programme, allocation by allocation, registered 待审核 (the triggers check each against its allocation)
    const addRows = sqlite.prepare(
      `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${ROWS_PER_ALLOCATION})
       INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, voucher_no, handler, approver, status, created_at, created_by)
       SELECT a.id, date('2026-01-01', '+' || ((a.id * 7 + k.i * 3) % 330) || ' days'), 50000 + (k.i % 7) * 100, '记-' || a.id || '-' || k.i, '王红', '李明', 'pending', ?, '测试'
       FROM fund_allocations a, k WHERE a.programme_id = ? ORDER BY a.id, k.i`,
    );
    const advance = (from: string, to: string) =>
      sqlite.prepare(`UPDATE fund_disbursements SET status = '${to}' WHERE status = '${from}' AND id % 100 < ? AND allocation_id IN (SELECT id FROM fund_allocations WHERE programme_id = ?)`);
    const approve = advance('pending', 'approved');
    const post = advance('approved', 'paid');
    const reverse = sqlite.prepare(
      `INSERT INTO fund_disbursements (allocation_id, paid_on, amount_fen, note, status, reverses_id, created_at, created_by, posted_at, posted_by)
       SELECT d.allocation_id, date(d.paid_on, '+10 days'), -20000, '多拨，冲回', 'paid', d.id, ?, '测试', ?, '测试'
       FROM fund_disbursements d JOIN fund_allocations a ON a.id = d.allocation_id
       WHERE a.programme_id = ? AND d.status = 'paid' AND d.reverses_id IS NULL AND d.id % 50 = 0`,
    );
    const categories = ['regional', 'village_operation', 'public_service', 'economy_award', 'other'];
    sqlite.transaction(() => {
      for (let p = 0; p < PROGRAMMES; p++) {
        const { id } = addProgramme.get(`基准项目${p + 1}`, categories[p], UNITS * 10_000_000, p % 2 === 0 ? '2026-06-30' : null, at, at) as { id: number };
        for (const unitId of units) addAllocation.run(id, unitId, 10_000_000, at, at);
        addRows.run(at, id);
        // the first programme fully paid (its 拨付明细 is the big export); the others 80 % paid, 10 % approved
        const share = p === 0 ? 100 : 90;
        approve.run(share, id);
        post.run(p === 0 ? 100 : 80, id);
        reverse.run(at, at, id);
      }
    })();
  }, 0);
  const counts = sqlite.prepare("SELECT count(*) AS rows, sum(status = 'paid') AS paid, sum(reverses_id IS NOT NULL) AS reversals FROM fund_disbursements").get() as { rows: number; paid: number; reversals: number };
  console.log(`拨付记录 ${counts.rows.toLocaleString('zh-CN')} 条（已拨付 ${counts.paid.toLocaleString('zh-CN')}，冲销 ${counts.reversals.toLocaleString('zh-CN')}），写入用时 ${(fill.medianMs / 1000).toFixed(1)} 秒`);
  // no ANALYZE: the app never runs it, so the plans are the ones a clerk's database gets
  sqlite.pragma('wal_checkpoint(TRUNCATE)');

  // ---------------------------------------------------------------- what the clerk does
  const programmes = await call<Programme[]>('programmes', { year: 2026 });
  const big = programmes[0]!;
  await measure('年度经费项目列表（含预算、分配、拨付、结余）', 2000, () => call('programmes', { year: 2026 }), 5);
  await measure('经费项目详情页（2,000 个分配、~20 万条拨付）', 5000, () => call('programme', { id: big.id }), 3);
  let ledger!: ProgrammeLedger;
  await measure('项目台账 ledger（按街道小计、~20 万条拨付明细）', 5000, async () => {
    ledger = await call<ProgrammeLedger>('ledger', { programmeId: big.id });
  }, 3);
  await measure('年度汇总 yearSummary（按类别、来源层级、逾期）', 3000, () => call('yearSummary', { year: 2026 }), 3);
  await measure('各街道结余 streetBalances', 3000, () => call('streetBalances', { year: 2026 }), 3);
  let recipients!: RecipientBalance[];
  await measure('各拨付对象结余 recipientBalances', 3000, async () => {
    recipients = await call<RecipientBalance[]>('recipientBalances', { year: 2026 });
  }, 3);
  await measure('逾期未拨付 overdue', 3000, () => call('overdue', { year: 2026 }), 3);
  const someone = recipients[Math.floor(recipients.length / 2)]!;
  await measure('一个对象的对账单 statement', 1000, () => call('statement', { year: 2026, recipient: { unitId: someone.unitId } }), 5);
  await measure(`导出项目台账（${ledger.paidRows.length.toLocaleString('zh-CN')} 条拨付明细）`, 60_000, async () => {
    const file = await call<ExportedFile>('exportLedger', { programmeId: big.id });
    app.ctx.exports.take(file.token, admin.token);
    console.log(`台账文件 ${(file.bytes / 1024 / 1024).toFixed(1)} MB`);
  }, 0);
  await measure('导出对账单', 2000, async () => {
    const file = await call<ExportedFile>('exportStatement', { year: 2026, recipient: { unitId: someone.unitId } });
    app.ctx.exports.take(file.token, admin.token);
  }, 3);
  await measure('导出年度汇总', 3000, async () => {
    const file = await call<ExportedFile>('exportYearSummary', { year: 2026 });
    app.ctx.exports.take(file.token, admin.token);
  }, 3);
  await app.close();
});
