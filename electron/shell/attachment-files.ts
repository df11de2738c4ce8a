import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Platform } from '../services/context';

/**
 * Attachments on the desktop: the system "open" dialog for choosing files (the main process then
 * reads them itself — the renderer never sees a path), and "save as" for a copy of a stored file.
 * Thin on purpose: what is accepted and how it is read is electron/services/attachments/.
 */

const SAVE_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.jpg': { name: 'JPG 图片', extensions: ['jpg', 'jpeg'] },
  '.jpeg': { name: 'JPG 图片', extensions: ['jpg', 'jpeg'] },
  '.png': { name: 'PNG 图片', extensions: ['png'] },
  '.pdf': { name: 'PDF 文件', extensions: ['pdf'] },
};

function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return app.getPath('home');
  }
}

export function openDialogOptions(options: { title: string; filters: Array<{ name: string; extensions: string[] }> }): OpenDialogOptions {
  return { title: options.title, buttonLabel: '选择', defaultPath: documentsDir(), filters: options.filters, properties: ['openFile', 'multiSelections'] };
}

export function saveCopyDialogOptions(suggestedName: string, documents: string): SaveDialogOptions {
  const filter = SAVE_FILTERS[path.extname(suggestedName).toLowerCase()];
  return {
    title: '保存附件',
    buttonLabel: '保存',
    defaultPath: path.join(documents, path.basename(suggestedName)),
    filters: filter ? [filter] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export function electronAttachmentFiles(window: () => BrowserWindow | null): Required<Pick<Platform, 'chooseFiles' | 'saveFileCopy'>> {
  return {
    async chooseFiles(options) {
      const owner = window();
      const dialogOptions = openDialogOptions(options);
      const result = owner ? await dialog.showOpenDialog(owner, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
    },
    async saveFileCopy(suggestedName, sourceFile) {
      const options = saveCopyDialogOptions(suggestedName, documentsDir());
      const owner = window();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      await copyReplacing(sourceFile, result.filePath);
      return { fileName: path.basename(result.filePath) };
    },
  };
}

/** Copies beside the target and renames over it: a failed copy never leaves half a file or spoils an existing one. */
export async function copyReplacing(source: string, target: string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.copyFile(source, temp, fs.constants.COPYFILE_EXCL);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}
