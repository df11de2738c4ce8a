import type { PrintOrientation } from '../../../../shared/api/print';
import { CJK_FONT_STACK } from '../../app/theme';

/** The page number at the foot of every printed page, as a CSS `content` value (counter(pages) is the total). */
export const PAGE_NUMBER_CONTENT = '"第 " counter(page) " 页 / 共 " counter(pages) " 页"';

/** The page margins (top/bottom, left/right); PrintSheet shows the same on screen, usePrintedPages counts with them. */
export const PAGE_MARGIN_MM = { vertical: 12, horizontal: 14 } as const;

/**
 * The print CSS of every print view — the one source of the paper layout, whether the page goes
 * to 打印 (the system print dialog), to the browser's “另存为 PDF”, or to the desktop app's
 * 保存为 PDF (webContents.printToPDF with preferCSSPageSize, electron/shell/pdf-options.ts):
 *  - A4 in the view's orientation, the margins, and “第 x 页 / 共 y 页” centred in the bottom
 *    margin of each page (a CSS @page margin box; Chromium prints them since version 131);
 *  - the toolbar and anything marked `no-print` left off the paper, the on-screen sheet's shadow
 *    and padding dropped (the page margins take their place);
 *  - a table's header row repeated at the top of every page it runs onto, and no row cut in two
 *    by a page break (a row split across pages cannot be read or signed);
 *  - each further sheet (one 村情简表 per unit) starting a new page.
 * A plain <style> element, not emotion: emotion's CSS parser does not keep the margin box nested
 * inside @page.
 */
export function printCss(orientation: PrintOrientation): string {
  const { vertical, horizontal } = PAGE_MARGIN_MM;
  return `
@page {
  size: A4 ${orientation};
  margin: ${vertical}mm ${horizontal}mm;
  @bottom-center {
    content: ${PAGE_NUMBER_CONTENT};
    font-family: ${CJK_FONT_STACK};
    font-size: 9pt;
    color: #000;
  }
}
@media print {
  html, body { background: #fff !important; }
  .no-print { display: none !important; }
  .print-sheet { box-shadow: none !important; margin: 0 !important; padding: 0 !important; width: auto !important; min-height: 0 !important; }
  .print-sheet thead { display: table-header-group; }
  .print-sheet tr { break-inside: avoid; page-break-inside: avoid; }
}
.print-sheet + .print-sheet { break-before: page; }
`;
}
