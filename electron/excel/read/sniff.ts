/**
 * What a file really is, from its first bytes (the name's extension is only a hint: clerks
 * rename files, and some government systems export HTML or tab-separated text as ".xls").
 */

export type FileKind = 'empty' | 'zip' | 'cfb' | 'biff' | 'markup' | 'text' | 'binary';

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);

/** Signatures of common files that are certainly not spreadsheets. */
const NOT_SHEETS: ReadonlyArray<readonly number[]> = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2
  [0x4d, 0x5a], // MZ (exe, dll)
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x00, 0x00, 0x01, 0x00], // ICO
  [0x49, 0x49, 0x2a, 0x00], // TIFF
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF
];

export const extensionOf = (fileName: string) => /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
export const TEXT_EXTENSIONS = new Set(['csv', 'tsv', 'txt', 'tab']);

export function sniffKind(bytes: Uint8Array, fileName: string): FileKind {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]) || startsWith(bytes, [0x50, 0x4b, 0x07, 0x08])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'cfb';
  // BIFF2–BIFF5 worksheets saved without the OLE container start with a BOF record
  if (bytes.length >= 8 && bytes[0] === 0x09 && (bytes[1] === 0x00 || bytes[1] === 0x02 || bytes[1] === 0x04 || bytes[1] === 0x08) && bytes[3] === 0x00) return 'biff';
  if (NOT_SHEETS.some((sig) => startsWith(bytes, sig))) return 'binary';
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16) {
    const sample = bytes.subarray(0, 65_536);
    let nul = 0;
    let control = 0;
    for (const b of sample) {
      if (b === 0) nul++;
      else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
    }
    // a file named .csv/.txt may hold stray NULs and control characters (they are dropped or kept as text)
    const textName = TEXT_EXTENSIONS.has(extensionOf(fileName));
    if (nul > 0 && !(textName && nul * 10 < sample.length)) return 'binary';
    if (!textName && control * 20 > sample.length) return 'binary';
  }
  // markup (HTML tables, SpreadsheetML 2003) after an optional UTF-8 BOM and white space
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 4096 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] === 0x3c /* < */) return 'markup';
  return 'text';
}

/** Markup that is a table SheetJS can read (an HTML table, SpreadsheetML 2003), not any web page. */
export function markupFormat(text: string): 'html' | 'xml' | null {
  const head = text.slice(0, 200_000).toLowerCase();
  if (head.includes('urn:schemas-microsoft-com:office:spreadsheet') && head.includes('<workbook')) return 'xml';
  if (/<table[\s>]/.test(head)) return 'html';
  return null;
}
