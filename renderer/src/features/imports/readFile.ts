import { READ_LIMIT_FILE_BYTES } from '../../../../shared/domain/parse/limits';
import { LocalProblem } from './labels';

/** What the file picker offers; the main process tells the format from the content, not the name. */
export const IMPORT_FILE_ACCEPT = '.xlsx,.xls,.xlsb,.ods,.csv,.tsv,.txt';

export const IMPORT_LIMIT_MB = Math.round(READ_LIMIT_FILE_BYTES / 1024 / 1024);

/** Why this file cannot be sent to the import at all (checked before it is read), or null. */
export function fileProblem(file: File): string | null {
  if (file.size === 0) return `“${file.name}”是空文件，没有可导入的内容`;
  if (file.size > READ_LIMIT_FILE_BYTES) return `“${file.name}”超过 ${IMPORT_LIMIT_MB} MB，请删去无关的工作表或拆分成几个文件后再导入`;
  return null;
}

/**
 * The file's bytes as base64. FileReader's data URL does the encoding natively, so a 20 MB
 * file needs no string building in script (no call-stack limit, no quadratic concatenation).
 */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new LocalProblem(`无法读取“${file.name}”，请确认文件没有被其他程序占用后重试`));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      if (comma < 0) reject(new LocalProblem(`无法读取“${file.name}”，请重试`));
      else resolve(url.slice(comma + 1));
    };
    reader.readAsDataURL(file);
  });
}
