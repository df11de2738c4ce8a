import type { ReactNode } from 'react';
import { Box, Button, GlobalStyles, Stack, Typography } from '@mui/material';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';

/**
 * The frame of every print view: A4 pages on screen as on paper, a toolbar that does not print,
 * and the print action (which the caller logs before the system print dialog opens).
 */
export function PrintLayout({
  title,
  pageCount,
  orientation = 'portrait',
  onPrint,
  onBack,
  children,
}: {
  title: string;
  pageCount: number;
  orientation?: 'portrait' | 'landscape';
  onPrint: () => void;
  onBack: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <GlobalStyles
        styles={{
          '@page': { size: `A4 ${orientation}`, margin: '12mm 14mm' },
          '@media print': {
            body: { background: '#fff' },
            '.no-print': { display: 'none !important' },
            '.print-sheet': { boxShadow: 'none !important', margin: '0 !important', padding: '0 !important', width: 'auto !important', minHeight: '0 !important' },
          },
          '.print-sheet + .print-sheet': { breakBefore: 'page' },
        }}
      />
      <Box className="no-print" sx={{ position: 'sticky', top: 0, zIndex: 1, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider', px: 2, py: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button startIcon={<ArrowBackOutlined />} onClick={onBack}>
            返回
          </Button>
          <Typography sx={{ flex: 1 }} noWrap>
            {title}（共 {pageCount} 页，A4 {orientation === 'portrait' ? '纵向' : '横向'}）
          </Typography>
          <Button variant="contained" startIcon={<PrintOutlined />} onClick={onPrint} disabled={pageCount === 0}>
            打印
          </Button>
        </Stack>
      </Box>
      <Box sx={{ bgcolor: '#e0e0e0', py: 2, '@media print': { bgcolor: '#fff', py: 0 } }}>{children}</Box>
    </>
  );
}

/** One A4 sheet; on screen a white page with a shadow, on paper just the content. */
export function PrintSheet({ orientation = 'portrait', children }: { orientation?: 'portrait' | 'landscape'; children: ReactNode }) {
  const width = orientation === 'portrait' ? '210mm' : '297mm';
  const height = orientation === 'portrait' ? '297mm' : '210mm';
  return (
    <Box
      className="print-sheet"
      sx={{ width, minHeight: height, mx: 'auto', mb: 2, bgcolor: '#fff', boxShadow: 2, p: '12mm 14mm', boxSizing: 'border-box', color: '#000', fontSize: '10.5pt' }}
    >
      {children}
    </Box>
  );
}
