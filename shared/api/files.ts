import { z } from 'zod';
import { mutation } from './define';
import { EVERYONE } from '../domain/roles';

/**
 * Delivering exported files (Excel now, PDF later). An export method builds the bytes in the
 * main process and answers with an ExportedFile: an opaque, single-use token that stays valid
 * for a few minutes and only for the session that made it. The renderer never sees a path:
 *  - desktop: files.save({ token }) — the main process asks where to save (系统“另存为”对话框)
 *  - browser (headless host): GET /api/files/<token> downloads it
 * renderer/src/api/client.ts saveExport() picks the way.
 */

export const EXPORT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;
export const exportToken = z.string({ error: '缺少文件标识' }).regex(EXPORT_TOKEN_PATTERN, '文件标识不正确');

export const ExportedFile = z.object({
  token: z.string(),
  /** suggested file name, e.g. 济南市市中区操作日志_20261122-1000.xlsx */
  fileName: z.string(),
  /** size in bytes */
  bytes: z.number().int().nonnegative(),
  /** UTC ISO-8601: after this the token no longer works */
  expiresAt: z.string(),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

export const SavedFile = z.object({
  /** false when the user cancelled the dialog; the token then still works */
  saved: z.boolean(),
  /** the name chosen (no folder), when saved */
  fileName: z.string().nullable(),
});
export type SavedFile = z.infer<typeof SavedFile>;

/** Where the browser fetches a token's file from (headless host). */
export const exportDownloadPath = (token: string) => `/api/files/${encodeURIComponent(token)}`;

export const filesApi = {
  save: mutation('保存导出的文件（桌面版：选择保存位置）', EVERYONE, z.object({ token: exportToken }), SavedFile),
};
