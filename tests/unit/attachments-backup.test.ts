import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, type BackupManifest } from '../../electron/db/backup-folder';
import { ensureSwept } from '../../electron/services/attachments/maintenance';
import { attachmentsDir, incomingDir } from '../../electron/services/attachments/storage';
import type { Attachment, UploadedFile } from '../../shared/api/attachments';
import type { BackupEntry, RestoreResult } from '../../shared/api/backups';
import type { StreetNode } from '../../shared/api/units';
import { ok, openShizhongApp, type TestApp } from '../helpers/test-context';
import { jpegBytes, pdfBytes, pngBytes, upload } from '../helpers/attachment-files';

/**
 * Attachments in backups: the attachments folder is copied into every backup and swapped by every
 * restore (electron/db/backup-folder.ts, backup-swap.ts); the store's files keep to that folder, so
 * a backup then a restore brings them back byte for byte with their rows, and 撤销上次恢复 brings
 * back the files as they were before the restore. Files waiting to be attached are no one's yet:
 * not in backups, not swapped.
 */

let app: TestApp;
let units: number[];
beforeEach(async () => {
  app = await openShizhongApp();
  units = ok<StreetNode[]>(await app.call('units.tree', {}))
    .flatMap((s) => s.units)
    .slice(0, 2)
    .map((u) => u.id);
});
afterEach(async () => {
  await app.close();
});

/** Every file under a folder with its sha256 ({} when it does not exist). */
function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full).split(path.sep).join('/')] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}
const token = async () => (await app.callerFor('admin')).token!;
async function attach(bytes: Uint8Array, fileName: string, ownerId: number): Promise<Attachment> {
  const up = await upload(app, bytes, fileName, await token());
  return ok<Attachment>(await app.call('attachments.attach', { uploadToken: up.uploadToken, ownerEntity: 'org_unit', ownerId }));
}
async function allAttachments(): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const ownerId of units) out.push(...ok<Attachment[]>(await app.call('attachments.list', { ownerEntity: 'org_unit', ownerId })));
  return out;
}
const thumbOf = async (id: number) => Buffer.from(ok<{ bytes: Uint8Array }>(await app.call('attachments.thumbnail', { id })).bytes);
const restore = async (name: string) => ok<RestoreResult>(await app.call('backups.restore', { ref: { location: 'default', name } }));

describe('attachments in backups and restores', () => {
  it('backup, change, restore: the files come back byte for byte with their rows; undo brings back the change', async () => {
    const photo = jpegBytes(400, 300, { seed: 5 });
    const report = pdfBytes('整改报告');
    await attach(photo, '村部照片.jpg', units[0]!);
    await attach(photo, '村部照片（副本）.jpg', units[1]!);
    const pdf = await attach(report, '整改报告.pdf', units[1]!);
    const atBackup = { files: treeHashes(attachmentsDir(app.dataDir)), rows: await allAttachments() };
    expect(Object.keys(atBackup.files)).toHaveLength(3); // the photo once, its thumbnail, the PDF
    const thumbAtBackup = await thumbOf(atBackup.rows[0]!.id);

    const backup = ok<BackupEntry>(await app.call('backups.create', {}));
    expect(backup.attachmentFiles).toBe(3);
    const backupDir = path.join(app.dataDir, 'backups', backup.name);
    expect(treeHashes(path.join(backupDir, 'attachments'))).toEqual(atBackup.files);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, MANIFEST_FILE), 'utf8')) as BackupManifest;
    expect(manifest.files.map((f) => f.path).filter((p) => p.startsWith('attachments/')).sort()).toEqual(Object.keys(atBackup.files).map((f) => `attachments/${f}`).sort());
    expect(manifest.rowCounts).toMatchObject({ attachments: 3, attachment_blobs: 2 });

    // after the backup: the PDF removed (its file goes), a new picture attached
    ok(await app.call('attachments.remove', { id: pdf.id }));
    const plan = pngBytes(60, 40, { seed: 9 });
    await attach(plan, '平面图.png', units[0]!);
    const afterChange = { files: treeHashes(attachmentsDir(app.dataDir)), rows: await allAttachments() };
    expect(afterChange.files).not.toEqual(atBackup.files);

    const result = await restore(backup.name);
    expect(result.loggedOut).toBe(false);
    expect(treeHashes(attachmentsDir(app.dataDir))).toEqual(atBackup.files);
    expect(await allAttachments()).toEqual(atBackup.rows);
    expect(await thumbOf(atBackup.rows[0]!.id)).toEqual(thumbAtBackup);
    expect((await ensureSwept(app.ctx)).missing).toEqual([]); // the restored store was checked again: nothing dangling

    ok(await app.call('backups.undoRestore'));
    expect(treeHashes(attachmentsDir(app.dataDir))).toEqual(afterChange.files);
    expect(await allAttachments()).toEqual(afterChange.rows);
    expect((await ensureSwept(app.ctx)).missing).toEqual([]);
  });

  it('a file waiting to be attached is not in the backup, and survives a restore (it is no one’s yet)', async () => {
    await attach(pdfBytes('在册'), '在册.pdf', units[0]!);
    const waiting: UploadedFile = await upload(app, pdfBytes('待添加'), '待添加.pdf', await token());
    const backup = ok<BackupEntry>(await app.call('backups.create', {}));
    const backupDir = path.join(app.dataDir, 'backups', backup.name);
    expect(fs.readdirSync(backupDir).sort()).toEqual(['attachments', 'grassroots.sqlite', 'manifest.json']);
    expect(Object.keys(treeHashes(path.join(backupDir, 'attachments')))).toHaveLength(1);

    await restore(backup.name);
    expect(fs.readdirSync(incomingDir(app.dataDir))).toHaveLength(1);
    const attached = ok<Attachment>(await app.call('attachments.attach', { uploadToken: waiting.uploadToken, ownerEntity: 'org_unit', ownerId: units[1]! }));
    expect(attached.fileName).toBe('待添加.pdf');
    expect(attached.missing).toBe(false);
  });
});
