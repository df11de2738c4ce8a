import type { SavedFile } from '../../../shared/api/files';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';

/**
 * files.save: the desktop way to deliver an exported file. The main process shows the system
 * "save as" dialog (Platform.saveFile) and writes the bytes where the user chose; the renderer
 * only ever holds the token. The token is used up once the file is written; a cancelled dialog
 * leaves it valid until it expires.
 */
export async function saveExportedFile(ctx: ServiceContext, input: { token: string }): Promise<SavedFile> {
  const saveFile = ctx.platform.saveFile;
  if (!saveFile) throw new DomainError('VALIDATION', '此处不能弹出保存对话框；在浏览器中使用时，文件会直接下载');
  const entry = ctx.exports.take(input.token, ctx.session?.token);
  let result: { fileName: string } | null;
  try {
    result = await saveFile.call(ctx.platform, entry.fileName, entry.bytes);
  } catch (error) {
    ctx.exports.giveBack(entry);
    throw saveError(error);
  }
  if (!result) {
    ctx.exports.giveBack(entry);
    return { saved: false, fileName: null };
  }
  return { saved: true, fileName: result.fileName };
}

/** Why writing failed, in words a clerk can act on; the file stays available to try again. */
export function saveError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return new DomainError('VALIDATION', '文件无法写入：可能正被 Excel 等程序打开，或该位置不允许写入。请关闭该文件或换个位置后重试');
    case 'ENOSPC':
      return new DomainError('VALIDATION', '磁盘空间不足，文件未保存，请换个位置后重试');
    case 'ENOENT':
      return new DomainError('VALIDATION', '所选文件夹不存在（U 盘可能已拔出），文件未保存，请重试');
    case 'EROFS':
      return new DomainError('VALIDATION', '该位置只读，文件未保存，请换个位置后重试');
    default:
      return new DomainError('INTERNAL', '文件未能保存，请重试；若仍失败请换个位置保存');
  }
}
