import { useLayoutEffect, useState } from 'react';
import { PAGE_MARGIN_MM } from '../../print/print-css';

const PX_PER_MM = 96 / 25.4;
/** the printable height of an A4 page inside the print CSS's @page margins (top and bottom) */
const PRINTABLE_MM = { portrait: 297 - 2 * PAGE_MARGIN_MM.vertical, landscape: 210 - 2 * PAGE_MARGIN_MM.vertical } as const;

/**
 * How many A4 pages a flowing form (a ledger as long as its rows) will print on. On screen the
 * sheet has the paper's width and margins, so its content lays out as on paper; the height,
 * plus the table header repeated at the top of every further page, divided by the printable
 * height. An estimate for the toolbar (rows kept whole may push a page a little earlier).
 */
export function usePrintedPages(orientation: 'portrait' | 'landscape') {
  // a callback ref: the content appears only once the data has loaded
  const [el, ref] = useState<HTMLDivElement | null>(null);
  const [pages, setPages] = useState(1);
  useLayoutEffect(() => {
    if (!el) return;
    const measure = () => {
      const page = PRINTABLE_MM[orientation] * PX_PER_MM;
      const height = el.getBoundingClientRect().height;
      const header = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      let n = Math.max(1, Math.ceil(height / page));
      for (let i = 0; i < 3; i++) n = Math.max(1, Math.ceil((height + (n - 1) * header) / page));
      setPages(n);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [el, orientation]);
  return { ref, pages };
}
