import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ATTACHMENT_EMPTY_MESSAGE,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TOO_LARGE_MESSAGE,
  ATTACHMENT_TYPE_MESSAGE,
  UPLOAD_GONE_MESSAGE,
  type Attachment,
  type UploadedFile,
} from '../../shared/api/attachments';
import type { StreetNode } from '../../shared/api/units';
import { READ_LIMIT_FILE_BYTES } from '../../shared/domain/parse/limits';
import { blobFile, incomingDir, thumbFile } from '../../electron/services/attachments/storage';
import { receiveUpload, UploadRefused, uploadsOf, UPLOAD_TTL_MS } from '../../electron/services/attachments/uploads';
import { ensureSwept, sweepAttachments } from '../../electron/services/attachments/maintenance';
import { assemble, MODULES, MODULE_REGISTRY } from '../../electron/modules';
import type { MainModule } from '../../electron/core/module';
import { ATTACHMENT_OWNERS } from '../../shared/api/attachments/owners';
import { refused } from '../helpers/fixtures';
import { auditRows, ok, openShizhongApp, openTestApp, snapshotDatabase, type TestApp } from '../helpers/test-context';
import { exeBytes, jpegBytes, pdfBytes, pngBytes, upload } from '../helpers/attachment-files';

/**
 * 附件 through the services (the HTTP routes: attachments-host.test.ts; thumbnails:
 * attachments-thumbnails.test.ts; sequences and crashes: attachments-properties.test.ts,
 * attachments-crash.test.ts; backups: attachments-backup.test.ts).
 */

let app: TestApp;
let units: Array<{ id: number; name: string }>;
let streetId: number;
beforeEach(async () => {
  app = await openShizhongApp();
  const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
  streetId = tree[0]!.id;
  units = tree.flatMap((s) => s.units).slice(0, 3);
});
afterEach(async () => {
  await app.close();
});

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const token = async (role: 'admin' | 'clerk' | 'viewer' = 'admin') => (await app.callerFor(role)).token!;
const incomingFiles = () => (fs.existsSync(incomingDir(app.dataDir)) ? fs.readdirSync(incomingDir(app.dataDir)).sort() : []);
const attachmentFiles = () => {
  const dir = path.join(app.dataDir, 'attachments');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
};
const attach = (up: UploadedFile, ownerId = units[0]!.id, as: 'admin' | 'clerk' | 'viewer' = 'admin') =>
  app.callAs(as)('attachments.attach', { uploadToken: up.uploadToken, ownerEntity: 'org_unit', ownerId });
const list = async (ownerId = units[0]!.id) => ok<Attachment[]>(await app.call('attachments.list', { ownerEntity: 'org_unit', ownerId }));
const blobRows = () => app.store.sqlite.prepare('SELECT * FROM attachment_blobs ORDER BY sha256').all() as Array<{ sha256: string; thumb_bytes: number | null }>;

/** A source that fails the test if anything reads it: a refusal must come before the body. */
const unread: AsyncIterable<Uint8Array> = {
  [Symbol.asyncIterator]() {
    throw new Error('the body was read');
  },
};

describe('what a file is: by its bytes, never its name', () => {
  it.each([
    ['JPEG', () => jpegBytes(64, 48), '现场照片.jpg', 'image/jpeg', 'image'],
    ['PNG', () => pngBytes(40, 30), '平面图.png', 'image/png', 'image'],
    ['PDF', () => pdfBytes(), '整改报告.pdf', 'application/pdf', 'pdf'],
    // the name says nothing: a JPEG named .pdf is a picture
    ['a JPEG named .pdf', () => jpegBytes(32, 32), '扫描件.pdf', 'image/jpeg', 'image'],
  ] as const)('%s is accepted as %s', async (_what, make, fileName, mime, kind) => {
    const bytes = make();
    const up = await upload(app, bytes, fileName, await token());
    expect(up).toMatchObject({ fileName, bytes: bytes.length, mime, kind, hasThumbnail: kind === 'image' });
    const attached = ok<Attachment>(await attach(up));
    expect(attached).toMatchObject({ fileName, mime, kind, bytes: bytes.length, missing: false, createdBy: '测试admin' });
    expect(fs.readFileSync(blobFile(app.dataDir, sha256(bytes)))).toEqual(Buffer.from(bytes));
  });

  it.each([
    ['a program renamed to .jpg', exeBytes, '照片.jpg'],
    ['a program renamed to .pdf', exeBytes, '报告.pdf'],
    ['text named .png', () => Buffer.from('这不是图片，只是文字'), '图.png'],
    ['a GIF', () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), '动图.gif'],
    ['a Word document', () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), '材料.docx'],
    ['three bytes', () => Buffer.from([0xff, 0xd8]), '短.jpg'],
  ])('%s is refused in Chinese, and nothing is kept', async (_what, make, fileName) => {
    const before = snapshotDatabase(app);
    const error = await upload(app, make(), fileName, await token()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadRefused);
    expect((error as UploadRefused).message).toBe(ATTACHMENT_TYPE_MESSAGE);
    expect((error as UploadRefused).status).toBe(415);
    expect(incomingFiles()).toEqual([]);
    expect(uploadsOf(app.ctx).size).toBe(0);
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it('the type is decided by the first bytes: the rest of a refused file is never read', async () => {
    let chunksRead = 0;
    async function* source() {
      for (let i = 0; i < 100; i++) {
        chunksRead++;
        yield exeBytes();
      }
    }
    const error = await receiveUpload(app.ctx, { source: source(), declaredBytes: 100 * 4096, fileName: 'a.jpg', sessionToken: await token() }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(ATTACHMENT_TYPE_MESSAGE);
    expect(chunksRead).toBe(1);
    expect(incomingFiles()).toEqual([]);
  });

  it('a picture whose header cannot be read is refused (a JPEG start and nothing else)', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.alloc(50)]);
    const error = await upload(app, broken, '坏图.jpg', await token()).catch((e: unknown) => e);
    expect((error as Error).message).toBe('图片文件已损坏或不是有效的 JPG 图片，不能上传');
    expect(incomingFiles()).toEqual([]);
  });
});

describe('the size limit: its own, checked before anything is read', () => {
  it(`a file above ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB is refused before a byte is read; an empty one too`, async () => {
    const sessionToken = await token();
    for (const [declaredBytes, message, status] of [
      [ATTACHMENT_MAX_BYTES + 1, ATTACHMENT_TOO_LARGE_MESSAGE, 413],
      [0, ATTACHMENT_EMPTY_MESSAGE, 400],
    ] as const) {
      const error = await receiveUpload(app.ctx, { source: unread, declaredBytes, fileName: '大文件.pdf', sessionToken }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UploadRefused);
      expect(error).toMatchObject({ message, status });
    }
    expect(incomingFiles()).toEqual([]);
  });

  it('a body longer than it said is cut off at the declared size and refused', async () => {
    const bytes = pdfBytes();
    async function* source() {
      yield bytes;
      yield Buffer.alloc(10);
    }
    const error = await receiveUpload(app.ctx, { source: source(), declaredBytes: bytes.length, fileName: 'x.pdf', sessionToken: await token() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 413, message: ATTACHMENT_TOO_LARGE_MESSAGE });
    expect(incomingFiles()).toEqual([]);
  });

  it('a body shorter than it said (the page went away) is refused, nothing kept', async () => {
    const bytes = pdfBytes();
    const cut = await receiveUpload(app.ctx, { source: [bytes.subarray(0, 20)], declaredBytes: bytes.length, fileName: 'x.pdf', sessionToken: await token() }).catch((e: unknown) => e);
    expect(cut).toMatchObject({ status: 400, message: '文件没有完整收到，请重新上传' });
    expect(incomingFiles()).toEqual([]);
  });

  it(`the limit is not the import's (${READ_LIMIT_FILE_BYTES / 1024 / 1024} MB): a ${Math.round((READ_LIMIT_FILE_BYTES + 5 * 1024 * 1024) / 1024 / 1024)} MB scan is accepted`, async () => {
    const big = Buffer.alloc(READ_LIMIT_FILE_BYTES + 5 * 1024 * 1024, 0x20);
    big.write('%PDF-1.7\n', 0, 'latin1');
    const up = await upload(app, big, '大扫描件.pdf', await token(), 1024 * 1024);
    expect(up.bytes).toBe(big.length);
    const attached = ok<Attachment>(await attach(up));
    expect(fs.statSync(blobFile(app.dataDir, sha256(big))).size).toBe(big.length);
    expect(attached.bytes).toBe(big.length);
  });
});

describe('upload → attach → list → read → remove', () => {
  it('the file round-trips byte for byte; removing it takes its row, its blob and its files', async () => {
    const bytes = jpegBytes(640, 480);
    const up = await upload(app, bytes, '村委会办公楼.jpg', await token());
    expect(incomingFiles()).toHaveLength(2); // the file and its thumbnail, waiting
    const attached = ok<Attachment>(await attach(up));
    expect(incomingFiles()).toEqual([]); // taken into the store
    expect(await list()).toEqual([attached]);
    expect(await list(units[1]!.id)).toEqual([]);

    const sha = sha256(bytes);
    expect(attachmentFiles()).toEqual([`${sha.slice(0, 2)}/${sha}`, `${sha.slice(0, 2)}/${sha}.thumb.jpg`]);
    expect(fs.readFileSync(blobFile(app.dataDir, sha)).equals(bytes)).toBe(true);
    const thumb = ok<{ mime: string; bytes: Uint8Array }>(await app.call('attachments.thumbnail', { id: attached.id }));
    expect(thumb.mime).toBe('image/jpeg');
    expect(Buffer.from(thumb.bytes).equals(fs.readFileSync(thumbFile(app.dataDir, sha)))).toBe(true);
    expect(blobRows()).toEqual([expect.objectContaining({ sha256: sha, bytes: bytes.length, mime: 'image/jpeg', width: 640, height: 480, thumb_bytes: thumb.bytes.length })]);

    const rows = auditRows(app);
    expect(rows.at(-1)).toMatchObject({ action: 'create', entity: 'attachment', entity_id: String(attached.id), username: 'test-admin' });
    expect(JSON.parse(rows.at(-1)!.after_json!)).toEqual({
      ownerEntity: 'org_unit',
      ownerId: units[0]!.id,
      owner: expect.stringContaining(units[0]!.name),
      fileName: '村委会办公楼.jpg',
      bytes: bytes.length,
      mime: 'image/jpeg',
      sha256: sha,
    });

    expect(ok(await app.call('attachments.remove', { id: attached.id }))).toEqual({ removed: true });
    expect(await list()).toEqual([]);
    expect(blobRows()).toEqual([]);
    expect(attachmentFiles()).toEqual([]);
    const removal = auditRows(app).at(-1)!;
    expect(removal).toMatchObject({ action: 'delete', entity: 'attachment', entity_id: String(attached.id), after_json: null });
    expect(JSON.parse(removal.before_json!)).toMatchObject({ fileName: '村委会办公楼.jpg', sha256: sha });
    // gone means gone
    expect(refused(await app.call('attachments.remove', { id: attached.id }))).toEqual({ code: 'NOT_FOUND', message: '附件不存在或已被删除' });
  });

  it('the same file attached twice is stored once; it stays until its last reference goes', async () => {
    const bytes = pngBytes(120, 90);
    const sha = sha256(bytes);
    const first = ok<Attachment>(await attach(await upload(app, bytes, '平面图.png', await token()), units[0]!.id));
    const second = ok<Attachment>(await attach(await upload(app, bytes, '平面图（副本）.png', await token('clerk')), units[1]!.id, 'clerk'));
    const third = ok<Attachment>(await attach(await upload(app, bytes, '又一份.png', await token()), units[0]!.id));
    expect(blobRows()).toHaveLength(1);
    expect(attachmentFiles()).toEqual([`${sha.slice(0, 2)}/${sha}`, `${sha.slice(0, 2)}/${sha}.thumb.jpg`]);
    expect((await list()).map((a) => a.fileName)).toEqual(['平面图.png', '又一份.png']);

    ok(await app.call('attachments.remove', { id: first.id }));
    ok(await app.call('attachments.remove', { id: third.id }));
    expect(blobRows()).toHaveLength(1);
    expect(fs.readFileSync(blobFile(app.dataDir, sha)).equals(bytes)).toBe(true);
    expect((await list(units[1]!.id)).map((a) => a.id)).toEqual([second.id]);

    ok(await app.call('attachments.remove', { id: second.id }));
    expect(blobRows()).toEqual([]);
    expect(attachmentFiles()).toEqual([]);
  });

  it('a rename changes the name only (folder parts and forbidden characters cleaned), logged with before and after', async () => {
    const attached = ok<Attachment>(await attach(await upload(app, pdfBytes(), '报告.pdf', await token())));
    const renamed = ok<Attachment>(await app.call('attachments.rename', { id: attached.id, fileName: '..\\2026/整改:报告?.pdf' }));
    expect(renamed).toEqual({ ...attached, fileName: '整改_报告_.pdf' });
    const row = auditRows(app).at(-1)!;
    expect(row).toMatchObject({ action: 'update', entity: 'attachment', entity_id: String(attached.id) });
    expect([JSON.parse(row.before_json!), JSON.parse(row.after_json!)]).toEqual([{ fileName: '报告.pdf' }, { fileName: '整改_报告_.pdf' }]);
    expect(refused(await app.call('attachments.rename', { id: attached.id, fileName: '   ' })).message).toBe('请填写文件名');
  });

  it('a name is kept cleaned and at most 120 characters, its extension kept', async () => {
    const up = await upload(app, pdfBytes(), `${'很长的名字'.repeat(40)}.pdf`, await token());
    expect([...up.fileName]).toHaveLength(120);
    expect(up.fileName.endsWith('.pdf')).toBe(true);
    expect((await upload(app, pdfBytes(), 'C:\\Users\\clerk\\Desktop\\会议记录.pdf', await token())).fileName).toBe('会议记录.pdf');
    expect((await upload(app, pdfBytes(), '...', await token())).fileName).toBe('附件.pdf');
  });
});

describe('whose files: only declared owners, only records that exist', () => {
  it('an owner type nobody declares is refused (a typo cannot collect files), nothing changes', async () => {
    const up = await upload(app, pdfBytes(), 'a.pdf', await token());
    const before = snapshotDatabase(app);
    for (const ownerEntity of ['org_units', 'village', 'fund_programme']) {
      const error = refused(await app.call('attachments.attach', { uploadToken: up.uploadToken, ownerEntity, ownerId: units[0]!.id }));
      expect(error).toMatchObject({ code: 'VALIDATION', message: `“${ownerEntity}”类的记录不能添加附件` });
    }
    expect(refused(await app.call('attachments.list', { ownerEntity: 'nobody', ownerId: 1 })).code).toBe('VALIDATION');
    expect(snapshotDatabase(app)).toEqual(before);
    expect(attachmentFiles()).toEqual([]);
    // the upload is still there for a right call
    ok(await attach(up));
  });

  it('a record that does not exist (or is a street, not a 村（社区）) is refused, nothing changes', async () => {
    const up = await upload(app, jpegBytes(20, 20), 'a.jpg', await token());
    const before = snapshotDatabase(app);
    for (const ownerId of [987_654, streetId]) {
      expect(refused(await attach(up, ownerId))).toEqual({ code: 'NOT_FOUND', message: '要添加附件的村（社区）不存在或已被删除' });
    }
    expect(snapshotDatabase(app)).toEqual(before);
    expect(attachmentFiles()).toEqual([]);
  });

  it('the database keeps the rule too: no attachment for a unit that is not there; a unit with attachments is not deleted', async () => {
    ok(await attach(await upload(app, pdfBytes(), 'a.pdf', await token())));
    const db = app.store.sqlite;
    expect(() => db.prepare('DELETE FROM org_units WHERE id = ?').run(units[0]!.id)).toThrow('unit has attachments');
    expect(() =>
      db.prepare("INSERT INTO attachments (blob_sha256, owner_entity, owner_id, file_name, created_at, created_by) SELECT blob_sha256, 'org_unit', 987654, 'x', created_at, 'x' FROM attachments").run(),
    ).toThrow('attachment: its record does not exist');
  });
});

describe('the owners are declared by their modules', () => {
  it('the platform declares 村（社区） (org_unit) on both sides; the registry has its lookup', async () => {
    expect(ATTACHMENT_OWNERS).toMatchObject({ org_unit: { label: '村（社区）' } });
    expect(Object.keys(MODULE_REGISTRY.attachmentOwners)).toEqual(Object.keys(ATTACHMENT_OWNERS));
    expect(await MODULE_REGISTRY.attachmentOwners.org_unit!.find(app.ctx.db, units[0]!.id)).toContain(units[0]!.name);
    expect(await MODULE_REGISTRY.attachmentOwners.org_unit!.find(app.ctx.db, streetId)).toBeNull();
  });

  it('a declared owner without its lookup, or a lookup nobody declared, stops the start naming the module', () => {
    const main = MODULES as unknown as MainModule[];
    const platform = main[0]!;
    const withoutLookup = { ...platform, attachmentOwners: {} } as unknown as MainModule;
    expect(() => assemble([withoutLookup, ...main.slice(1)])).toThrow('module "platform": no lookup for the attachment owner "org_unit"');
    const extra = { ...platform, attachmentOwners: { ...platform.attachmentOwners, venue: { find: async () => null } } } as unknown as MainModule;
    expect(() => assemble([extra, ...main.slice(1)])).toThrow('module "platform": attachment owner lookups its shared declaration does not name: venue');
  });
});

describe('upload tokens: one use, one session, a limited time', () => {
  it('used once; another session (even an administrator) gets the one message; nothing changes', async () => {
    const up = await upload(app, pdfBytes('once'), 'a.pdf', await token('clerk'));
    const before = snapshotDatabase(app, { except: ['audit_log'] });
    expect(refused(await attach(up, units[0]!.id, 'admin'))).toEqual({ code: 'NOT_FOUND', message: UPLOAD_GONE_MESSAGE });
    expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
    ok(await attach(up, units[0]!.id, 'clerk'));
    expect(refused(await attach(up, units[1]!.id, 'clerk'))).toEqual({ code: 'NOT_FOUND', message: UPLOAD_GONE_MESSAGE });
    expect(await list(units[1]!.id)).toEqual([]);
    // a made-up token
    expect(refused(await app.call('attachments.attach', { uploadToken: 'x'.repeat(43), ownerEntity: 'org_unit', ownerId: units[0]!.id })).message).toBe(UPLOAD_GONE_MESSAGE);
  });

  it('the same token sent twice at once attaches once', async () => {
    const up = await upload(app, pdfBytes('twice'), 'a.pdf', await token());
    const results = await Promise.all([attach(up), attach(up), attach(up)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.message)).toEqual([UPLOAD_GONE_MESSAGE, UPLOAD_GONE_MESSAGE]);
    expect(await list()).toHaveLength(1);
  });

  it(`expires after ${UPLOAD_TTL_MS / 60_000} minutes; its file is then removed`, async () => {
    const up = await upload(app, pdfBytes('late'), 'a.pdf', await token());
    expect(incomingFiles()).toHaveLength(1);
    app.setClock(new Date(app.ctx.now().getTime() + UPLOAD_TTL_MS + 1000));
    expect(refused(await attach(up)).message).toBe(UPLOAD_GONE_MESSAGE);
    await new Promise((r) => setTimeout(r, 50));
    expect(incomingFiles()).toEqual([]);
  });
});

describe('roles: 查阅 reads, only 管理员 and 经办人 change', () => {
  it('a 查阅 account lists and sees thumbnails, cannot attach, rename, remove or choose files: refused, logged, nothing changed', async () => {
    const attached = ok<Attachment>(await attach(await upload(app, jpegBytes(50, 40), 'a.jpg', await token())));
    const viewer = app.callAs('viewer');
    expect(ok<Attachment[]>(await viewer('attachments.list', { ownerEntity: 'org_unit', ownerId: units[0]!.id }))).toEqual([attached]);
    expect(ok<{ bytes: Uint8Array }>(await viewer('attachments.thumbnail', { id: attached.id })).bytes.length).toBeGreaterThan(100);
    const up = await upload(app, pdfBytes('viewer'), 'b.pdf', await token('viewer')); // a viewer's upload leads nowhere
    for (const [method, input] of [
      ['attachments.attach', { uploadToken: up.uploadToken, ownerEntity: 'org_unit', ownerId: units[0]!.id }],
      ['attachments.rename', { id: attached.id, fileName: 'c.jpg' }],
      ['attachments.remove', { id: attached.id }],
      ['attachments.chooseFiles', {}],
    ] as const) {
      const before = snapshotDatabase(app, { except: ['audit_log'] });
      const files = attachmentFiles();
      const error = refused(await viewer(method, input));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toContain('查阅');
      expect(auditRows(app).at(-1)).toMatchObject({ action: 'forbidden', entity: 'api', entity_id: method });
      expect(snapshotDatabase(app, { except: ['audit_log'] })).toEqual(before);
      expect(attachmentFiles()).toEqual(files);
    }
  });
});

describe('the desktop-only methods in the browser host', () => {
  it('chooseFiles and save say what to do instead', async () => {
    const attached = ok<Attachment>(await attach(await upload(app, pdfBytes(), 'a.pdf', await token())));
    expect(refused(await app.call('attachments.chooseFiles', {})).message).toBe('此处不能弹出选择文件的对话框；在浏览器中使用时，请用“上传”按钮选择文件');
    expect(refused(await app.call('attachments.save', { id: attached.id })).message).toBe('此处不能弹出保存对话框；在浏览器中使用时，附件会直接下载');
    expect(refused(await app.call('attachments.thumbnail', { id: attached.id }))).toEqual({ code: 'NOT_FOUND', message: '这个附件没有缩略图' });
  });
});

describe('a crash between copy and commit leaves nothing behind', () => {
  it('a blob row is written only when its file (and thumbnail) are on disk already', async () => {
    const db = app.store.sqlite;
    const seen: string[] = [];
    db.function('test_file_there', (sha: unknown, thumb: unknown) => {
      const there = fs.existsSync(blobFile(app.dataDir, String(sha))) && (thumb === null || fs.existsSync(thumbFile(app.dataDir, String(sha))));
      seen.push(`${String(sha).slice(0, 8)}:${there}`);
      return there ? 1 : 0;
    });
    db.exec("CREATE TEMP TRIGGER test_file_first AFTER INSERT ON main.attachment_blobs WHEN test_file_there(NEW.sha256, NEW.thumb_bytes) = 0 BEGIN SELECT RAISE(ABORT, 'row before file'); END");
    try {
      for (const bytes of [jpegBytes(60, 40, { seed: 11 }), pdfBytes('先文件后记录')]) ok(await attach(await upload(app, bytes, 'a', await token())));
    } finally {
      db.exec('DROP TRIGGER temp.test_file_first');
    }
    expect(seen.map((s) => s.endsWith(':true'))).toEqual([true, true]);
  });


  it('the commit fails after the file was placed: the file is taken away again, the upload stays for another try', async () => {
    const bytes = jpegBytes(100, 80);
    const sha = sha256(bytes);
    const up = await upload(app, bytes, 'a.jpg', await token());
    const before = snapshotDatabase(app);
    app.store.sqlite.exec("CREATE TRIGGER test_fail AFTER INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    const failed = await attach(up);
    app.store.sqlite.exec('DROP TRIGGER test_fail');
    expect(refused(failed).code).toBe('VALIDATION');
    expect(snapshotDatabase(app)).toEqual(before);
    expect(attachmentFiles()).toEqual([]);
    expect(incomingFiles()).toHaveLength(2);
    ok(await attach(up));
    expect(attachmentFiles()).toEqual([`${sha.slice(0, 2)}/${sha}`, `${sha.slice(0, 2)}/${sha}.thumb.jpg`]);
  });

  it('the process died after the copy (a file, no row): the next start sweeps it; a row without its file is reported, not deleted', async () => {
    const kept = ok<Attachment>(await attach(await upload(app, pdfBytes('kept'), 'kept.pdf', await token())));
    const keptSha = sha256(pdfBytes('kept'));
    const orphan = jpegBytes(30, 30, { seed: 7 });
    const orphanSha = sha256(orphan);
    // what a crash leaves: a file in place without its row, a half-copied temporary, an upload nobody holds
    fs.mkdirSync(path.dirname(blobFile(app.dataDir, orphanSha)), { recursive: true });
    fs.writeFileSync(blobFile(app.dataDir, orphanSha), orphan);
    fs.writeFileSync(thumbFile(app.dataDir, orphanSha), 'thumb');
    fs.writeFileSync(`${blobFile(app.dataDir, orphanSha)}.0123456789ab.tmp`, orphan.subarray(0, 10));
    fs.mkdirSync(incomingDir(app.dataDir), { recursive: true });
    fs.writeFileSync(path.join(incomingDir(app.dataDir), 'deadbeef.upload'), 'half');
    // and a file the store did not write: left alone
    fs.writeFileSync(path.join(app.dataDir, 'attachments', '说明.txt'), '手工放入的文件');
    const dataDir = app.dataDir;
    await app.close();

    app = await openTestApp(dataDir);
    expect(await list()).toEqual([kept]); // the first use sweeps
    expect(attachmentFiles()).toEqual([`${keptSha.slice(0, 2)}/${keptSha}`, '说明.txt']);
    expect(incomingFiles()).toEqual([]);

    // a row whose file went missing (a folder copied by hand): told, never "repaired" by deleting data
    fs.rmSync(blobFile(app.dataDir, keptSha));
    const report = await sweepAttachments(app.ctx);
    expect(report).toEqual({ orphans: [], incoming: [], missing: [keptSha], foreign: ['说明.txt'] });
    expect((await list())[0]).toMatchObject({ id: kept.id, missing: true });
  });

  it('the sweep runs once per opened store, and never takes a file an upload is still writing', async () => {
    const first = await ensureSwept(app.ctx);
    expect(await ensureSwept(app.ctx)).toBe(first);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* slow() {
      yield pdfBytes().subarray(0, 10);
      await gate;
      yield pdfBytes().subarray(10);
    }
    const pending = receiveUpload(app.ctx, { source: slow(), declaredBytes: pdfBytes().length, fileName: 'slow.pdf', sessionToken: await token() });
    await new Promise((r) => setTimeout(r, 20));
    expect(incomingFiles()).toHaveLength(1);
    expect((await sweepAttachments(app.ctx)).incoming).toEqual([]);
    release();
    const up = await pending;
    ok(await attach(up));
  });
});
