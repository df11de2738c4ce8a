import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  ATTACHMENT_EXTENSION,
  ATTACHMENT_GONE_MESSAGE,
  ATTACHMENT_KIND_OF,
  type AttachInput,
  type Attachment,
  type AttachmentMime,
  type AttachmentThumbnail,
  type ChooseFilesResult,
  type OwnerRef,
} from '../../../shared/api/attachments';
import type { SavedFile } from '../../../shared/api/files';
import type { AttachmentOwnerLookup } from '../../core/module';
import { writeAudit } from '../audit';
import { isoNow, type Db, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { saveError } from '../files/files-service';
import { ensureSwept, sweepAgain } from './maintenance';
import { blobFile, placeFile, removeFile, thumbFile, withAttachmentFiles } from './storage';
import { cleanFileName, fileSource, receiveUpload, sizeRefusal, UploadRefused, uploadsOf } from './uploads';

/**
 * attachments.*: the records' files. Every write and its audit row go in one transaction, and
 * every write that touches files runs under the attachments lock (storage.ts): attaching places
 * the file (flushed) before its rows are committed and takes it away again if the commit fails;
 * removing deletes the file only after the rows' deletion is committed (the database itself drops
 * the blob row with its last reference: migration 009). See maintenance.ts for what a crash leaves.
 */

type Owner = AttachmentOwnerLookup & { label: string };

/** The declaration of an owner record type, or a refusal: a mistyped owner cannot collect files. */
function ownerKind(ctx: ServiceContext, entity: string): Owner {
  const owner = Object.hasOwn(ctx.modules.attachmentOwners, entity) ? ctx.modules.attachmentOwners[entity] : undefined;
  if (!owner) throw new DomainError('VALIDATION', `“${entity}”类的记录不能添加附件`, { ownerEntity: '这类记录不能添加附件' });
  return owner;
}

async function ownerName(db: Db, owner: Owner, id: number): Promise<string> {
  const name = await owner.find(db, id);
  if (name === null) throw new DomainError('NOT_FOUND', `要添加附件的${owner.label}不存在或已被删除`);
  return name;
}

const attachmentRows = (db: Db) =>
  db
    .selectFrom('attachments as a')
    .innerJoin('attachment_blobs as b', 'b.sha256', 'a.blob_sha256')
    .select(['a.id', 'a.owner_entity', 'a.owner_id', 'a.file_name', 'a.created_at', 'a.created_by', 'b.sha256', 'b.bytes', 'b.mime', 'b.width', 'b.height', 'b.thumb_bytes']);
type AttachmentRecord = Awaited<ReturnType<ReturnType<typeof attachmentRows>['executeTakeFirstOrThrow']>>;

function toAttachment(ctx: Pick<ServiceContext, 'dataDir'>, r: AttachmentRecord): Attachment {
  return {
    id: r.id,
    ownerEntity: r.owner_entity,
    ownerId: r.owner_id,
    fileName: r.file_name,
    bytes: r.bytes,
    mime: r.mime,
    kind: ATTACHMENT_KIND_OF[r.mime],
    width: r.width,
    height: r.height,
    hasThumbnail: r.thumb_bytes !== null,
    missing: !fs.existsSync(blobFile(ctx.dataDir, r.sha256)),
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

/** One attachment with its stored file's facts, or NOT_FOUND. */
export async function findAttachment(db: Db, id: number): Promise<AttachmentRecord> {
  const row = await attachmentRows(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', ATTACHMENT_GONE_MESSAGE);
  return row;
}

/** What the log keeps of an attachment: whose, which file. */
const auditView = (r: Pick<AttachmentRecord, 'owner_entity' | 'owner_id' | 'file_name' | 'bytes' | 'mime' | 'sha256'>, owner: string | null) => ({
  ownerEntity: r.owner_entity,
  ownerId: r.owner_id,
  ...(owner === null ? {} : { owner }),
  fileName: r.file_name,
  bytes: r.bytes,
  mime: r.mime,
  sha256: r.sha256,
});

export async function listAttachments(ctx: ServiceContext, input: OwnerRef): Promise<Attachment[]> {
  await ensureSwept(ctx);
  const owner = ownerKind(ctx, input.ownerEntity);
  await ownerName(ctx.db, owner, input.ownerId);
  const rows = await attachmentRows(ctx.db).where('a.owner_entity', '=', input.ownerEntity).where('a.owner_id', '=', input.ownerId).orderBy('a.id').execute();
  return rows.map((r) => toAttachment(ctx, r));
}

export async function attachFile(ctx: ServiceContext, input: z.output<typeof AttachInput>): Promise<Attachment> {
  await ensureSwept(ctx);
  const owner = ownerKind(ctx, input.ownerEntity);
  const uploads = uploadsOf(ctx);
  uploads.get(input.uploadToken, ctx.session?.token); // refused at once when gone, before waiting for the lock
  await ownerName(ctx.db, owner, input.ownerId);
  return withAttachmentFiles(ctx.dataDir, async () => {
    // looked up again under the lock: the same token sent twice at once attaches once
    const upload = uploads.get(input.uploadToken, ctx.session?.token);
    const fileName = input.fileName === undefined ? upload.fileName : cleanFileName(input.fileName, upload.mime);
    const placed: string[] = [];
    try {
      const stored = await ctx.db.selectFrom('attachment_blobs').select(['sha256', 'thumb_bytes']).where('sha256', '=', upload.sha256).executeTakeFirst();
      let thumbBytes: number | null = null;
      if (!stored) {
        const target = blobFile(ctx.dataDir, upload.sha256);
        if (await placeFile(upload.file, target, upload.sha256)) placed.push(target);
        if (upload.thumb) {
          const thumb = thumbFile(ctx.dataDir, upload.sha256);
          if (await placeFile(upload.thumb.file, thumb, null)) placed.push(thumb);
          thumbBytes = fs.statSync(thumb).size;
        }
      }
      const attached = await ctx.db.transaction().execute(async (trx) => {
        const name = await ownerName(trx, owner, input.ownerId);
        const at = isoNow(ctx);
        // the reference first: the blob row is only ever written for a file something refers to (009)
        const { id } = await trx
          .insertInto('attachments')
          .values({ blob_sha256: upload.sha256, owner_entity: input.ownerEntity, owner_id: input.ownerId, file_name: fileName, created_at: at, created_by: ctx.actor.name })
          .returning('id')
          .executeTakeFirstOrThrow();
        const blobNow = await trx.selectFrom('attachment_blobs').select('sha256').where('sha256', '=', upload.sha256).executeTakeFirst();
        if (!blobNow) {
          if (stored) throw new Error('attachment blob vanished while the lock was held');
          await trx
            .insertInto('attachment_blobs')
            .values({ sha256: upload.sha256, bytes: upload.bytes, mime: upload.mime, width: upload.width, height: upload.height, thumb_bytes: thumbBytes, created_at: at })
            .execute();
        }
        const row = await findAttachment(trx, id);
        await writeAudit(trx, ctx, { action: 'create', entity: 'attachment', entityId: id, after: auditView(row, name) });
        return row;
      });
      await uploads.consume(upload);
      return toAttachment(ctx, attached);
    } catch (error) {
      for (const file of placed) if (!(await removeFile(file))) sweepAgain(ctx);
      throw error;
    }
  });
}

export async function renameAttachment(ctx: ServiceContext, input: { id: number; fileName: string }): Promise<Attachment> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await findAttachment(trx, input.id);
    const fileName = cleanFileName(input.fileName, before.mime);
    if (fileName === before.file_name) return before;
    await trx.updateTable('attachments').set({ file_name: fileName }).where('id', '=', input.id).execute();
    const after = await findAttachment(trx, input.id);
    await writeAudit(trx, ctx, { action: 'update', entity: 'attachment', entityId: input.id, before: { fileName: before.file_name }, after: { fileName: after.file_name } });
    return after;
  });
  return toAttachment(ctx, row);
}

export async function removeAttachment(ctx: ServiceContext, input: { id: number }): Promise<{ removed: true }> {
  await ensureSwept(ctx);
  return withAttachmentFiles(ctx.dataDir, async () => {
    const released = await ctx.db.transaction().execute(async (trx) => {
      const row = await findAttachment(trx, input.id);
      const owner = Object.hasOwn(ctx.modules.attachmentOwners, row.owner_entity) ? ctx.modules.attachmentOwners[row.owner_entity]! : null;
      const name = owner ? await owner.find(trx, row.owner_id) : null;
      await trx.deleteFrom('attachments').where('id', '=', input.id).execute();
      // the database drops the blob row with its last reference (attachments_release_blob)
      const still = await trx.selectFrom('attachment_blobs').select('sha256').where('sha256', '=', row.sha256).executeTakeFirst();
      await writeAudit(trx, ctx, { action: 'delete', entity: 'attachment', entityId: input.id, before: auditView(row, name) });
      return still ? null : row.sha256;
    });
    // committed: only now may the file go; one that cannot be removed yet (open elsewhere) is swept later
    if (released) {
      const gone = [await removeFile(blobFile(ctx.dataDir, released)), await removeFile(thumbFile(ctx.dataDir, released))];
      if (gone.includes(false)) sweepAgain(ctx);
    }
    return { removed: true as const };
  });
}

/** The extension the type calls for, added when the stored name lacks it (a download opens in the right program). */
export function downloadName(fileName: string, mime: AttachmentMime): string {
  const ext = path.extname(fileName).toLowerCase();
  const fits = mime === 'image/jpeg' ? ext === '.jpg' || ext === '.jpeg' : ext === ATTACHMENT_EXTENSION[mime];
  return fits ? fileName : `${fileName}${ATTACHMENT_EXTENSION[mime]}`;
}

/** The stored file of an attachment, or NOT_FOUND when the file is not there. */
export function storedFileOf(ctx: Pick<ServiceContext, 'dataDir'>, row: Pick<AttachmentRecord, 'sha256'>, part: 'file' | 'thumb'): string {
  const file = part === 'file' ? blobFile(ctx.dataDir, row.sha256) : thumbFile(ctx.dataDir, row.sha256);
  if (!fs.existsSync(file)) throw new DomainError('NOT_FOUND', part === 'file' ? '附件的文件不在数据目录中（可能数据目录被手工改动过），请从备份恢复' : '这个附件没有缩略图');
  return file;
}

/** attachments.save (desktop): the system "save as" dialog, then a copy of the stored file where the user chose. */
export async function saveAttachment(ctx: ServiceContext, input: { id: number }): Promise<SavedFile> {
  const saveCopy = ctx.platform.saveFileCopy;
  if (!saveCopy) throw new DomainError('VALIDATION', '此处不能弹出保存对话框；在浏览器中使用时，附件会直接下载');
  const row = await findAttachment(ctx.db, input.id);
  const file = storedFileOf(ctx, row, 'file');
  let result: { fileName: string } | null;
  try {
    result = await saveCopy.call(ctx.platform, downloadName(row.file_name, row.mime), file);
  } catch (error) {
    throw saveError(error);
  }
  return result ? { saved: true, fileName: result.fileName } : { saved: false, fileName: null };
}

/** attachments.thumbnail (desktop; the browser fetches GET /api/attachments/<id>/thumb). */
export async function attachmentThumbnail(ctx: ServiceContext, input: { id: number }): Promise<AttachmentThumbnail> {
  const row = await findAttachment(ctx.db, input.id);
  if (row.thumb_bytes === null) throw new DomainError('NOT_FOUND', '这个附件没有缩略图');
  return { mime: 'image/jpeg', bytes: new Uint8Array(await fsp.readFile(storedFileOf(ctx, row, 'thumb'))) };
}

/** At most this many files from one dialog. */
export const MAX_CHOSEN_FILES = 20;
export const CHOOSE_FILTERS = [
  { name: '图片或 PDF 文件', extensions: ['jpg', 'jpeg', 'png', 'pdf'] },
  { name: '所有文件', extensions: ['*'] },
];

/**
 * attachments.chooseFiles (desktop): the system "open" dialog (Platform.chooseFiles), then each
 * chosen file read by the main process into the same waiting area as a browser upload — the
 * renderer gets tokens and names, never a path. Each file is checked like an upload.
 */
export async function chooseAttachmentFiles(ctx: ServiceContext): Promise<ChooseFilesResult> {
  const choose = ctx.platform.chooseFiles;
  if (!choose) throw new DomainError('VALIDATION', '此处不能弹出选择文件的对话框；在浏览器中使用时，请用“上传”按钮选择文件');
  const sessionToken = ctx.session?.token;
  if (!sessionToken) throw new DomainError('UNAUTHENTICATED', '请先登录');
  await ensureSwept(ctx);
  const files = await choose.call(ctx.platform, { title: '选择要上传的附件', filters: CHOOSE_FILTERS });
  if (!files) return { chosen: false, uploads: [], refused: [] };
  const result: ChooseFilesResult = { chosen: true, uploads: [], refused: [] };
  for (const [i, file] of files.entries()) {
    const fileName = path.basename(file);
    if (i >= MAX_CHOSEN_FILES) {
      result.refused.push({ fileName, message: `一次最多选择 ${MAX_CHOSEN_FILES} 个文件` });
      continue;
    }
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) throw new UploadRefused(400, '不是文件');
      const refusal = sizeRefusal(stat.size);
      if (refusal) throw refusal;
      result.uploads.push(await receiveUpload(ctx, { source: fileSource(file), declaredBytes: stat.size, fileName, sessionToken }, { storedAlready: storedWithThumbnail(ctx) }));
    } catch (error) {
      result.refused.push({ fileName, message: error instanceof DomainError ? error.message : '文件无法读取（可能已被移走或没有读取权限）' });
    }
  }
  return result;
}

/** For receiveUpload: a content stored already keeps its thumbnail, none is made again. */
export function storedWithThumbnail(ctx: Pick<ServiceContext, 'db'>): (sha256: string) => Promise<boolean> {
  return async (sha256) => {
    const row = await ctx.db.selectFrom('attachment_blobs').select('thumb_bytes').where('sha256', '=', sha256).executeTakeFirst();
    return row !== undefined && row.thumb_bytes !== null;
  };
}
