import { z } from 'zod';
import { mutation, NoInput, query } from '../define';
import { SavedFile } from '../files';
import { EDITORS, EVERYONE } from '../../domain/roles';

/**
 * 附件: files (photos, scans as PDF) that belong to a record of any module. One store for all of
 * them (electron/services/attachments/): each distinct content is kept once, under its SHA-256,
 * in the data folder's attachments/ (which every backup copies and every restore swaps), and is
 * referenced by one `attachments` row per record it is attached to.
 *
 * Getting a file in never goes through base64 JSON:
 *  - browser (headless host): the page sends the raw bytes to POST ATTACHMENT_UPLOAD_PATH and gets
 *    an UploadedFile with a one-use `uploadToken`;
 *  - desktop: attachments.chooseFiles — the main process shows the system "open" dialog and reads
 *    the chosen files itself (the renderer never sees a path), answering the same UploadedFile;
 * then attachments.attach({ uploadToken, ownerEntity, ownerId }) files it under its record.
 * Getting a file out: GET attachmentDownloadPath(id) in the browser, attachments.save (system
 * "save as" dialog) on the desktop; thumbnails likewise (GET …/thumb, attachments.thumbnail).
 *
 * Which records may hold attachments is declared by the module owning them (`attachmentOwners`
 * in its shared module, with a lookup on the main side), so a mistyped owner is refused.
 */

/** The largest file accepted: its own limit, not the import engine's (READ_LIMIT_FILE_BYTES). */
export const ATTACHMENT_MAX_BYTES = 30 * 1024 * 1024;
/** The longest file name kept (characters). */
export const ATTACHMENT_NAME_MAX = 120;

/** What is accepted, recognised by the file's first bytes (never by its name). */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];
export const ATTACHMENT_KIND_OF: Record<AttachmentMime, 'image' | 'pdf'> = { 'image/jpeg': 'image', 'image/png': 'image', 'application/pdf': 'pdf' };
/** The extension a download is given when the stored name lacks the right one. */
export const ATTACHMENT_EXTENSION: Record<AttachmentMime, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'application/pdf': '.pdf' };

/** How many first bytes decide the type. */
export const SNIFF_BYTES = 8;

/**
 * The type of a file starting with `head` (its first SNIFF_BYTES bytes, fewer only when the file is
 * shorter), or null: JPEG (FF D8 FF), PNG (its 8-byte signature), PDF (%PDF-). The one rule, for the
 * main process (which decides) and the page (which tells the clerk before sending anything).
 */
export function sniffAttachmentType(head: Uint8Array): AttachmentMime | null {
  const starts = (signature: readonly number[]) => head.length >= signature.length && signature.every((b, i) => head[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

export const ATTACHMENT_TYPE_MESSAGE = '只能上传图片（JPG、PNG）或 PDF 文件';
export const ATTACHMENT_TOO_LARGE_MESSAGE = `文件过大，不能上传：每个附件最大 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`;
export const ATTACHMENT_EMPTY_MESSAGE = '文件是空的，不能上传';
export const UPLOAD_GONE_MESSAGE = '上传的文件已过期或已添加过，请重新上传';
export const ATTACHMENT_GONE_MESSAGE = '附件不存在或已被删除';

/** The browser's upload: POST, raw bytes (application/octet-stream), the name in this header (encodeURIComponent). */
export const ATTACHMENT_UPLOAD_PATH = '/api/attachments/upload';
export const ATTACHMENT_FILE_NAME_HEADER = 'x-gd-file-name';
/** Where the browser fetches an attachment (or its thumbnail) from (headless host). */
export const attachmentDownloadPath = (id: number, part: 'file' | 'thumb' = 'file') => `/api/attachments/${id}${part === 'thumb' ? '/thumb' : ''}`;

export const UPLOAD_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

/** A record type that may hold attachments, e.g. 'org_unit' (declared by its module). */
export const ownerEntity = z
  .string({ error: '缺少附件所属的记录类别' })
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '附件所属的记录类别不正确');
export const ownerId = z.number({ error: '缺少附件所属的记录' }).int('附件所属的记录不正确').positive('附件所属的记录不正确');
const attachmentId = z.number({ error: '缺少附件编号' }).int('附件编号不正确').positive('附件编号不正确');
const uploadToken = z.string({ error: '缺少上传文件标识' }).regex(UPLOAD_TOKEN_PATTERN, '上传文件标识不正确');
export const attachmentFileName = z
  .string({ error: '请填写文件名' })
  .trim()
  .min(1, '请填写文件名')
  .max(ATTACHMENT_NAME_MAX, `文件名不能超过 ${ATTACHMENT_NAME_MAX} 个字`);

export const OwnerRef = z.object({ ownerEntity, ownerId });
export type OwnerRef = z.infer<typeof OwnerRef>;

export const Attachment = z.object({
  id: z.number(),
  ownerEntity: z.string(),
  ownerId: z.number(),
  fileName: z.string(),
  /** size in bytes */
  bytes: z.number(),
  mime: z.enum(ATTACHMENT_MIME_TYPES),
  kind: z.enum(['image', 'pdf']),
  /** pixels, for images */
  width: z.number().nullable(),
  height: z.number().nullable(),
  /** a small JPEG preview exists (images up to the decoder's limit) */
  hasThumbnail: z.boolean(),
  /** the stored file is not in the data folder (it must never happen; told rather than hidden) */
  missing: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

/** A file received (uploaded, or read from the file the desktop user chose), waiting to be attached. */
export const UploadedFile = z.object({
  uploadToken: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  mime: z.enum(ATTACHMENT_MIME_TYPES),
  kind: z.enum(['image', 'pdf']),
  width: z.number().nullable(),
  height: z.number().nullable(),
  hasThumbnail: z.boolean(),
  /** UTC ISO-8601: after this the token no longer works */
  expiresAt: z.string(),
});
export type UploadedFile = z.infer<typeof UploadedFile>;

export const ChooseFilesResult = z.object({
  /** false when the user cancelled the dialog */
  chosen: z.boolean(),
  uploads: z.array(UploadedFile),
  /** files that were not accepted, each with the reason */
  refused: z.array(z.object({ fileName: z.string(), message: z.string() })),
});
export type ChooseFilesResult = z.infer<typeof ChooseFilesResult>;

export const AttachmentThumbnail = z.object({
  mime: z.literal('image/jpeg'),
  /** the JPEG itself (IPC carries bytes as they are) */
  bytes: z.instanceof(Uint8Array),
});
export type AttachmentThumbnail = z.infer<typeof AttachmentThumbnail>;

export const AttachInput = z.object({
  uploadToken,
  ownerEntity,
  ownerId,
  /** the name to file it under; the uploaded file's own name when left out */
  fileName: attachmentFileName.optional(),
});

export const attachmentsApi = {
  list: query('查看附件', EVERYONE, OwnerRef, z.array(Attachment)),
  attach: mutation('添加附件', EDITORS, AttachInput, Attachment),
  rename: mutation('修改附件名称', EDITORS, z.object({ id: attachmentId, fileName: attachmentFileName }), Attachment),
  remove: mutation('删除附件', EDITORS, z.object({ id: attachmentId }), z.object({ removed: z.literal(true) })),
  chooseFiles: mutation('选择要上传的附件（桌面版：系统“打开”对话框）', EDITORS, NoInput, ChooseFilesResult),
  save: mutation('保存附件（桌面版：选择保存位置）', EVERYONE, z.object({ id: attachmentId }), SavedFile),
  thumbnail: query('附件缩略图（桌面版）', EVERYONE, z.object({ id: attachmentId }), AttachmentThumbnail),
};

/** 153 KB, 4.1 MB — sizes as the clerk reads them (never a count of bytes). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / 1024 / 1024;
  return `${mb >= 100 ? Math.round(mb) : mb.toFixed(1)} MB`;
}
