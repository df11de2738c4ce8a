import type { PrintToPDFOptions } from 'electron';

/**
 * How the desktop app prints a print view to PDF (webContents.printToPDF). Pure, so the
 * end-to-end tests print the browser host's page with the very same options (Playwright's
 * page.pdf speaks the same DevTools call) and read the result back.
 *
 * The page's print CSS is the one source of the paper layout (renderer/src/features/print/
 * print-css.ts): A4 and its orientation and margins (`preferCSSPageSize`), the page numbers
 * “第 x 页 / 共 y 页” in the @page bottom margin box, the table header repeated on every page
 * and rows never split. So the PDF matches what 打印 puts on paper and what the browser's
 * “另存为 PDF” writes. Chromium's own header/footer (`displayHeaderFooter` with a footer
 * template) stays off: it would print a second page number over the page's own.
 */
export function pdfOptions(landscape: boolean): PrintToPDFOptions {
  return {
    pageSize: 'A4',
    landscape,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: false,
  };
}
