import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedWithThumbnail } from '../../electron/services/attachments/attachments-service';
import { sweepAttachments } from '../../electron/services/attachments/maintenance';
import { attachmentsDir, blobFile, THUMB_SUFFIX } from '../../electron/services/attachments/storage';
import type { Attachment } from '../../shared/api/attachments';
import type { StreetNode } from '../../shared/api/units';
import { expectOutcome, OutcomeTally, type RefusalKinds } from '../helpers/property-ops';
import { ok, openShizhongApp, type TestApp } from '../helpers/test-context';
import { jpegBytes, pdfBytes, pngBytes, upload } from '../helpers/attachment-files';

/**
 * "No dangling reference ever, no orphan after the sweep": random sequences of attaching (the
 * same few contents again and again, to several records), removing, attaching and removing whose
 * transaction fails after the file was placed (the audit row cannot be written), attaching to a
 * record that is not there, and crashes between copy and commit (a file placed, no row: then the
 * sweep). Every call's answer is checked against a model, and after every step
 *   files under attachments/ == blob rows == the contents the model's attachments refer to,
 * thumbnails == blob rows that have one, and every stored file hashes to its name.
 */

const REFUSALS = {
  gone: { code: 'NOT_FOUND', message: /^附件不存在或已被删除$/ },
  noOwner: { code: 'NOT_FOUND', message: /^要添加附件的村（社区）不存在或已被删除$/ },
  failed: { code: 'VALIDATION', message: /^数据不符合规则（与已有记录冲突或不完整），未保存，数据库保持原样$/ },
} as const satisfies RefusalKinds<string>;
type Refusal = keyof typeof REFUSALS;

/** The contents the runs attach: a few, so the same one is attached (and released) many times. */
const POOL = [pdfBytes('一'), pdfBytes('二'), pdfBytes('三'), pngBytes(24, 16, { seed: 1 }), pngBytes(16, 24, { seed: 2 }), jpegBytes(32, 24, { seed: 3 })];
const NAMES = ['报告一.pdf', '报告二.pdf', '报告三.pdf', '图一.png', '图二.png', '照片.jpg'];
const SHA = POOL.map((b) => crypto.createHash('sha256').update(b).digest('hex'));
const isImage = (i: number) => i >= 3;

type Op =
  | { kind: 'attach' | 'crashAfterCopy'; file: number; owner: number }
  | { kind: 'attachFails'; file: number; owner: number; retry: boolean }
  | { kind: 'attachNoOwner'; file: number }
  | { kind: 'remove' | 'removeFails' | 'removeMissing'; pick: number };

const fileArb = fc.integer({ min: 0, max: POOL.length - 1 });
const ownerArb = fc.integer({ min: 0, max: 2 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('attach' as const), file: fileArb, owner: ownerArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('attachFails' as const), file: fileArb, owner: ownerArb, retry: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attachNoOwner' as const), file: fileArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crashAfterCopy' as const), file: fileArb, owner: ownerArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('removeFails' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeMissing' as const), pick: fc.nat() }) },
);

let app: TestApp;
let owners: number[];
let sessionToken: string;
const tally = new OutcomeTally();

beforeAll(async () => {
  app = await openShizhongApp();
  owners = ok<StreetNode[]>(await app.call('units.tree', {}))
    .flatMap((s) => s.units)
    .slice(0, 3)
    .map((u) => u.id);
  sessionToken = (await app.callerFor('admin')).token!;
});
afterAll(async () => {
  await app.close();
});

/** The store's files: contents and thumbnails, by SHA-256. */
function storedFiles(): { blobs: string[]; thumbs: string[]; other: string[] } {
  const root = attachmentsDir(app.dataDir);
  const out = { blobs: [] as string[], thumbs: [] as string[], other: [] as string[] };
  if (!fs.existsSync(root)) return out;
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    if (/^[0-9a-f]{64}$/.test(e.name)) out.blobs.push(e.name);
    else if (e.name.endsWith(THUMB_SUFFIX)) out.thumbs.push(e.name.slice(0, 64));
    else out.other.push(path.join(e.parentPath, e.name));
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

function checkInvariants(model: Map<number, { sha: string; owner: number }>, step: string) {
  const db = app.store.sqlite;
  const rows = db.prepare('SELECT id, blob_sha256 AS sha, owner_id AS owner FROM attachments ORDER BY id').all() as Array<{ id: number; sha: string; owner: number }>;
  expect(rows, `${step}: attachment rows`).toEqual([...model].map(([id, a]) => ({ id, ...a })).sort((a, b) => a.id - b.id));
  const blobs = db.prepare('SELECT sha256, thumb_bytes FROM attachment_blobs ORDER BY sha256').all() as Array<{ sha256: string; thumb_bytes: number | null }>;
  const referenced = [...new Set([...model.values()].map((a) => a.sha))].sort();
  const files = storedFiles();
  expect(blobs.map((b) => b.sha256), `${step}: blob rows = contents referenced`).toEqual(referenced);
  expect(files.blobs, `${step}: files = blob rows (no orphan, nothing dangling)`).toEqual(referenced);
  expect(files.thumbs, `${step}: thumbnails = blob rows that have one`).toEqual(blobs.filter((b) => b.thumb_bytes !== null).map((b) => b.sha256));
  expect(files.other, `${step}: no temporary files left`).toEqual([]);
  for (const sha of referenced) {
    const i = SHA.indexOf(sha);
    expect(fs.readFileSync(blobFile(app.dataDir, sha)).equals(POOL[i]!), `${step}: the stored file is its content`).toBe(true);
    if (isImage(i)) expect(blobs.find((b) => b.sha256 === sha)!.thumb_bytes, `${step}: a picture has its thumbnail`).not.toBeNull();
  }
}

const withAuditFailing = async <T>(fn: () => Promise<T>): Promise<T> => {
  app.store.sqlite.exec("CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit write failed'); END");
  try {
    return await fn();
  } finally {
    app.store.sqlite.exec('DROP TRIGGER test_audit_fails');
  }
};

async function run(ops: Op[]) {
  // start each run from no attachments (removed through the service, as a clerk would)
  for (const a of ok<Attachment[]>(await app.call('attachments.list', { ownerEntity: 'org_unit', ownerId: owners[0]! })))
    ok(await app.call('attachments.remove', { id: a.id }));
  for (const ownerId of owners.slice(1)) {
    for (const a of ok<Attachment[]>(await app.call('attachments.list', { ownerEntity: 'org_unit', ownerId }))) ok(await app.call('attachments.remove', { id: a.id }));
  }
  const model = new Map<number, { sha: string; owner: number }>();
  checkInvariants(model, 'start');
  const receive = (file: number) => upload(app, POOL[file]!, NAMES[file]!, sessionToken, 64 * 1024, { storedAlready: storedWithThumbnail(app.ctx) });
  const attachInput = (token: string, ownerId: number) => ({ uploadToken: token, ownerEntity: 'org_unit', ownerId });

  for (const [i, op] of ops.entries()) {
    const step = `step ${i} ${JSON.stringify(op)}`;
    const expectAs = (result: Parameters<typeof expectOutcome>[0], expected: 'ok' | Refusal) => tally.add(op.kind, expectOutcome(result, expected, REFUSALS, step));
    const ids = [...model.keys()];
    switch (op.kind) {
      case 'attach': {
        const up = await receive(op.file);
        const result = await app.call('attachments.attach', attachInput(up.uploadToken, owners[op.owner]!));
        expectAs(result, 'ok');
        if (result.ok) model.set((result.value as Attachment).id, { sha: SHA[op.file]!, owner: owners[op.owner]! });
        break;
      }
      case 'attachFails': {
        const up = await receive(op.file);
        expectAs(await withAuditFailing(() => app.call('attachments.attach', attachInput(up.uploadToken, owners[op.owner]!))), 'failed');
        if (!op.retry) break; // given up: nothing of it may stay in the store
        // the same upload goes through afterwards: it was kept for another try
        const again = await app.call('attachments.attach', attachInput(up.uploadToken, owners[op.owner]!));
        expect(again.ok, step).toBe(true);
        if (again.ok) model.set((again.value as Attachment).id, { sha: SHA[op.file]!, owner: owners[op.owner]! });
        break;
      }
      case 'attachNoOwner': {
        const up = await receive(op.file);
        expectAs(await app.call('attachments.attach', attachInput(up.uploadToken, 987_654)), 'noOwner');
        break;
      }
      case 'crashAfterCopy': {
        // the process died with the file placed and its row not committed
        const target = blobFile(app.dataDir, SHA[op.file]!);
        const referenced = [...model.values()].some((a) => a.sha === SHA[op.file]);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, POOL[op.file]!);
        fs.writeFileSync(`${target}.${crypto.randomBytes(6).toString('hex')}.tmp`, POOL[op.file]!.subarray(0, 7));
        const report = await sweepAttachments(app.ctx);
        expect(report.orphans.filter((f) => !f.endsWith('.tmp')), step).toEqual(referenced ? [] : [`${SHA[op.file]!.slice(0, 2)}/${SHA[op.file]}`]);
        expect(report.missing, step).toEqual([]);
        tally.add(op.kind, referenced ? 'kept' : 'swept');
        break;
      }
      case 'remove':
      case 'removeFails': {
        if (ids.length === 0) {
          expectAs(await app.call('attachments.remove', { id: 987_654 }), 'gone');
          break;
        }
        const id = ids[op.pick % ids.length]!;
        if (op.kind === 'removeFails') {
          expectAs(await withAuditFailing(() => app.call('attachments.remove', { id })), 'failed');
        } else {
          expectAs(await app.call('attachments.remove', { id }), 'ok');
          model.delete(id);
        }
        break;
      }
      case 'removeMissing': {
        const id = (ids.length ? Math.max(...ids) : 0) + 1 + (op.pick % 5);
        expectAs(await app.call('attachments.remove', { id }), 'gone');
        break;
      }
    }
    checkInvariants(model, step);
  }
}

describe('attach / remove / fail / crash sequences', () => {
  it('never a dangling reference, no orphan after the sweep, the reference count kept by the database', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => run(ops)),
      { numRuns: 25 },
    );
    tally.expectAtLeast({
      'attach:ok': 40,
      'attachFails:failed': 10,
      'attachNoOwner:noOwner': 3,
      'crashAfterCopy:swept': 5,
      'crashAfterCopy:kept': 3,
      'remove:ok': 20,
      'removeFails:failed': 5,
      'removeMissing:gone': 3,
    });
  }, 600_000);
});
