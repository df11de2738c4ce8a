import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, it } from 'vitest';
import { auditRowHash, verifyAuditChain } from '../../electron/db/audit-chain';
import { checkData } from '../../electron/db/data-checks';
import { MODULE_REGISTRY } from '../../electron/modules';
import { DATABASE_FILE_NAME, openStore } from '../../electron/db/open-store';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations';
import { checkSchema } from '../../electron/db/schema-check';
import { writeAudit } from '../../electron/services/audit';
import { SYSTEM_ACTOR } from '../../electron/services/context';
import { tempDir } from '../helpers/test-context';
import { measure, report, type Measurement } from './measure';

/**
 * What the data-safety checks of issue 10 cost, each beside its floor measured in the same run:
 *  - opening the store (folder lock, quick_check, schema compared with what the version must be,
 *    pragmas) beside a bare better-sqlite3 open with the same quick_check;
 *  - writing audit rows as links of the hash chain (read the last link, hash, insert) beside the
 *    same inserts without the chain, bare and through kysely as writeAudit did before;
 *  - walking the chain of 1,000,000 rows beside reading the same rows;
 *  - the full check a backup gets (ledger rules, foreign keys, chain) beside that chain walk.
 */
const AUDIT_ROWS = 1_000_000;
const pairs: Array<[Measurement, Measurement]> = [];

afterAll(() => {
  report('数据安全检查的代价（与各自的下限同场测量）');
  console.table(pairs.map(([m, floor]) => ({ 基准: m.name, 下限: floor.name, 中位数比值: Number((m.medianMs / floor.medianMs).toFixed(2)) })));
});

it('data safety checks', async () => {
  const dir = tempDir('gd-bench-safety-');
  const store = await openStore({ dataDir: dir });
  const at = '2026-12-03T10:00:00.000Z';
  const ctx = { actor: SYSTEM_ACTOR, now: () => new Date(at) };

  // 1. writing audit rows: 1,000 links of the chain, against 1,000 bare inserts (each in one
  // transaction; the bare ones in a database of their own, so the chain here stays whole)
  const floorStore = await openStore({ dataDir: tempDir('gd-bench-safety-floor-') });
  const bare = floorStore.sqlite.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, after_json) VALUES (?, ?, ?, ?, ?, ?)');
  const floorWrite = await measure('1,000 条日志直接插入（无哈希链，一个事务）', 1000, () => {
    floorStore.sqlite.transaction(() => {
      for (let i = 0; i < 1000; i++) bare.run(at, '系统', 'update', 'org_unit', String(i), '{"n":1}');
    })();
  }, 5);
  const floorKysely = await measure('1,000 条日志经 kysely 插入（无哈希链，即原来的 writeAudit）', 1000, () =>
    floorStore.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1000; i++) {
        await trx.insertInto('audit_log').values({ at, actor: '系统', user_id: null, username: 'system', action: 'update', entity: 'org_unit', entity_id: String(i), before_json: null, after_json: '{"n":1}' }).execute();
      }
    }),
  5);
  await floorStore.close();
  const chained = await measure('1,000 条日志按哈希链写入（writeAudit，一个事务）', 1000, () =>
    store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1000; i++) await writeAudit(trx, ctx, { action: 'update', entity: 'org_unit', entityId: i, after: { n: 1 } });
    }),
  5);
  pairs.push([chained, floorWrite], [chained, floorKysely]);

  // fill the log to a million rows, as links of the chain (prepared statements: the fill is not measured)
  const tail = store.sqlite.prepare('SELECT id, chain_hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; chain_hash: string };
  const link = store.sqlite.prepare(
    'INSERT INTO audit_log (id, at, actor, user_id, username, action, entity, entity_id, before_json, after_json, chain_hash) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, NULL, ?, ?)',
  );
  store.sqlite.transaction(() => {
    let previous = tail.chain_hash;
    for (let id = tail.id + 1; id <= AUDIT_ROWS; id++) {
      const row = { id, at, actor: '系统', user_id: null, username: 'system', action: 'update', entity: 'fund_disbursement', entity_id: String(id), before_json: null, after_json: `{"amountFen":${id}}` };
      previous = auditRowHash(previous, row);
      link.run(row.id, row.at, row.actor, row.username, row.action, row.entity, row.entity_id, row.after_json, previous);
    }
  })();

  // 2. walking the chain against reading the same rows
  const floorRead = await measure(`读出全部 ${AUDIT_ROWS.toLocaleString('zh-CN')} 条日志（同样的列）`, 5000, () => {
    let n = 0;
    for (const _row of store.sqlite.prepare('SELECT id, at, actor, user_id, username, action, entity, entity_id, before_json, after_json, chain_hash FROM audit_log ORDER BY id').iterate()) n++;
    if (n < AUDIT_ROWS) throw new Error(`only ${n} rows`);
  }, 3);
  const walk = await measure(`核对 ${AUDIT_ROWS.toLocaleString('zh-CN')} 条日志的哈希链`, 10_000, () => {
    if (!verifyAuditChain(store.sqlite).ok) throw new Error('chain broken');
  }, 3);
  pairs.push([walk, floorRead]);
  const full = await measure('备份的完整数据检查（经费规则、外键、哈希链）', 15_000, () => {
    if (!checkData(store.sqlite, LATEST_SCHEMA_VERSION, MODULE_REGISTRY.dataRules).ok) throw new Error('check failed');
  }, 3);
  pairs.push([full, walk]);
  const schema = await measure('核对数据库结构（与第 8 版应有的结构比较）', 50, () => {
    if (checkSchema(store.sqlite, LATEST_SCHEMA_VERSION).length > 0) throw new Error('schema differs');
  }, 20);
  const floorSchema = await measure('读出 sqlite_master（下限）', 50, () => store.sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all(), 20);
  pairs.push([schema, floorSchema]);
  await store.close();

  // 3. opening: the whole openStore against a bare open with the same integrity probe
  const file = path.join(dir, DATABASE_FILE_NAME);
  const floorOpen = await measure('直接打开数据库（quick_check + 连接设置）', 3000, () => {
    const db = new SQLite(file, { readonly: true });
    db.pragma('quick_check');
    db.close();
    const rw = new SQLite(file);
    rw.pragma('synchronous = FULL');
    rw.pragma('foreign_keys = ON');
    rw.pragma('journal_mode = WAL');
    rw.close();
  }, 5);
  const open = await measure('openStore（目录锁、quick_check、结构核对、连接设置）', 3000, async () => {
    const s = await openStore({ dataDir: dir });
    await s.close();
  }, 5);
  pairs.push([open, floorOpen]);
});
