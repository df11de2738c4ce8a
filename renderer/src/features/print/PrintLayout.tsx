import { useEffect, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import type { PrintOrientation } from '../../../../shared/api/print';
import { api, errorMessage } from '../../api/client';
import { PAGE_MARGIN_MM, printCss } from './print-css';

/** What a print view prints, as the log records it: the form (a module's `printForms`) and its records. */
export interface PrintJob {
  form: string;
  ids: number[];
}

/** Shown when the browser's print dialog is the way to a PDF (the headless host has no PDF writer). */
export const BROWSER_PDF_HINT = '在打印窗口中选择“另存为 PDF”';

type Status = { severity: 'info' | 'success' | 'error'; text: string };

/** Gives the browser a moment to paint what was just set (the print dialog blocks the page). */
const afterPaint = () => new Promise<void>((resolve) => setTimeout(resolve, 50));

/**
 * The frame of every print view and its one way to paper or PDF: A4 pages on screen as on paper
 * (print-css.ts), and a toolbar that does not print with
 *  - 打印: the print is logged (print.record), then the system print dialog opens;
 *  - 保存为 PDF: print.savePdf — the desktop app asks where and writes the PDF itself; in a
 *    browser the print is logged and the browser's print dialog opens with a hint to choose
 *    “另存为 PDF” there.
 * While the view is open the window's title is the form's, so a PDF is named after it.
 */
export function PrintLayout({
  title,
  pageCount,
  orientation = 'portrait',
  job,
  onBack,
  children,
}: {
  title: string;
  pageCount: number;
  orientation?: PrintOrientation;
  job: PrintJob;
  onBack: () => void;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    try {
      await action();
    } catch (error) {
      setStatus({ severity: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  const print = () =>
    run(async () => {
      await api.print.record(job);
      window.print();
    });
  const savePdf = () =>
    run(async () => {
      const saved = await api.print.savePdf({ ...job, title, orientation });
      if (saved.outcome === 'saved') setStatus({ severity: 'success', text: `已保存为 PDF：${saved.fileName}` });
      if (saved.outcome === 'browser') {
        flushSync(() => setStatus({ severity: 'info', text: BROWSER_PDF_HINT }));
        await afterPaint();
        window.print();
      }
    });

  return (
    <>
      <style>{printCss(orientation)}</style>
      <Box className="no-print" sx={{ position: 'sticky', top: 0, zIndex: 1, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider', px: 2, py: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button startIcon={<ArrowBackOutlined />} onClick={onBack}>
            返回
          </Button>
          <Typography sx={{ flex: 1 }} noWrap>
            {title}（共 {pageCount} 页，A4 {orientation === 'portrait' ? '纵向' : '横向'}）
          </Typography>
          <Button variant="contained" startIcon={<PrintOutlined />} onClick={() => void print()} disabled={pageCount === 0 || busy}>
            打印
          </Button>
          <Button variant="outlined" startIcon={<PictureAsPdfOutlined />} onClick={() => void savePdf()} disabled={pageCount === 0 || busy}>
            保存为 PDF
          </Button>
        </Stack>
        {status && (
          <Alert severity={status.severity} onClose={() => setStatus(null)} sx={{ mt: 1 }} role={status.severity === 'error' ? 'alert' : 'status'}>
            {status.text}
          </Alert>
        )}
      </Box>
      <Box sx={{ bgcolor: '#e0e0e0', py: 2, '@media print': { bgcolor: '#fff', py: 0 } }}>{children}</Box>
    </>
  );
}

/** One A4 sheet; on screen a white page with the paper's margins and a shadow, on paper just the content. */
export function PrintSheet({ orientation = 'portrait', children }: { orientation?: PrintOrientation; children: ReactNode }) {
  const width = orientation === 'portrait' ? '210mm' : '297mm';
  const height = orientation === 'portrait' ? '297mm' : '210mm';
  return (
    <Box
      className="print-sheet"
      sx={{
        width,
        minHeight: height,
        mx: 'auto',
        mb: 2,
        bgcolor: '#fff',
        boxShadow: 2,
        p: `${PAGE_MARGIN_MM.vertical}mm ${PAGE_MARGIN_MM.horizontal}mm`,
        boxSizing: 'border-box',
        color: '#000',
        fontSize: '10.5pt',
      }}
    >
      {children}
    </Box>
  );
}
