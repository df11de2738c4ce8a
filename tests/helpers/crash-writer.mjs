/* global process */
/**
 * The victim of the crash-safety test (tests/unit/crash-safety.test.ts): opens the database the
 * test made with the real openStore, with the same per-connection settings as
 * electron/db/open-store.ts (the test compares them), and writes business transactions — each
 * with its audit row, in one transaction, as the services do — until it is killed with SIGKILL.
 * After each commit it prints one line `ack <json>`; stdout to a pipe is synchronous on Linux,
 * so an acknowledged write has been committed.
 *
 *   node crash-writer.mjs <database file> <seed>
 */
import SQLite from 'better-sqlite3';

const [file, seedText] = process.argv.slice(2);
let seed = Number(seedText) >>> 0 || 1;
/** xorshift32: reproducible per seed */
const random = () => {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 0x100000000;
};

const db = new SQLite(file, { timeout: 5000 });
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('trusted_schema = OFF');
db.pragma('journal_mode = WAL');

const settings = {
  journal_mode: db.pragma('journal_mode', { simple: true }),
  synchronous: db.pragma('synchronous', { simple: true }),
  foreign_keys: db.pragma('foreign_keys', { simple: true }),
  busy_timeout: db.pragma('busy_timeout', { simple: true }),
  trusted_schema: db.pragma('trusted_schema', { simple: true }),
};
process.stdout.write(`ready ${JSON.stringify(settings)}\n`);

const now = () => new Date().toISOString();
const audit = db.prepare(
  'INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json, user_id, username) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)',
);
const insertUnit = db.prepare(
  "INSERT INTO org_units (level, parent_id, code, name, full_name, kind, source, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, ?, ?)",
);
/** unique per transaction: the id its first audit row will get */
const nextSeq = () => db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM audit_log').get().n;

/** A new street: one row and its audit row. */
const createStreet = db.transaction(() => {
  const seq = nextSeq();
  const max = db.prepare("SELECT max(code) AS c FROM org_units WHERE level = 'street' AND code LIKE '9%'").get().c;
  const code = String(max ? Number(max) + 1 : 900000001);
  const note = `s${seq}`;
  const at = now();
  const id = Number(insertUnit.run('street', null, code, `测试街道${code}`, `测试街道${code}`, '街道', note, at, at).lastInsertRowid);
  audit.run(at, '崩溃测试', 'create', 'org_unit', String(id), null, JSON.stringify({ code, note }), 'crash');
  return { op: 'street', ids: [id], notes: [note] };
});

/** A batch of units under one street: all or nothing. */
const createUnits = db.transaction((count) => {
  const seq = nextSeq();
  const street = db.prepare("SELECT id, code FROM org_units WHERE level = 'street' AND code LIKE '9%' ORDER BY random() LIMIT 1").get();
  if (!street) return null;
  const used = db.prepare('SELECT count(*) AS n FROM org_units WHERE parent_id = ?').get(street.id).n;
  if (used + count > 999) return null;
  const ids = [];
  const notes = [];
  const note = `b${seq}`;
  for (let i = 1; i <= count; i++) {
    const code = `${street.code}${String(used + i).padStart(3, '0')}`;
    const at = now();
    const id = Number(insertUnit.run('unit', street.id, code, `测试村${code}`, `测试村${code}`, '行政村', note, at, at).lastInsertRowid);
    audit.run(at, '崩溃测试', 'create', 'org_unit', String(id), null, JSON.stringify({ code, note, batch: count }), 'crash');
    ids.push(id);
    notes.push(note);
  }
  return { op: 'units', ids, notes };
});

/** An edit of an existing row, with before and after in its audit row. */
const updateNote = db.transaction(() => {
  const seq = nextSeq();
  const row = db.prepare("SELECT id, note FROM org_units WHERE code LIKE '9%' ORDER BY random() LIMIT 1").get();
  if (!row) return null;
  const note = `u${seq}`;
  const at = now();
  db.prepare('UPDATE org_units SET note = ?, updated_at = ? WHERE id = ?').run(note, at, row.id);
  audit.run(at, '崩溃测试', 'update', 'org_unit', String(row.id), JSON.stringify({ note: row.note }), JSON.stringify({ note }), 'crash');
  return { op: 'update', ids: [row.id], notes: [note] };
});

for (;;) {
  const r = random();
  let done;
  if (r < 0.15) done = createStreet();
  else if (r < 0.55) done = createUnits(1 + Math.floor(random() * 6));
  else done = updateNote();
  if (done) process.stdout.write(`ack ${JSON.stringify(done)}\n`);
  if (random() < 0.02) db.pragma('wal_checkpoint(TRUNCATE)'); // now and then, be killed mid-checkpoint too
}
