import { Alert, Button, type ButtonProps } from '@mui/material';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { useMutation } from '@tanstack/react-query';
import type { ExportedFile } from '../../../shared/api/files';
import { errorMessage, saveExport } from '../api/client';

/**
 * 导出 Excel for a list or a report: the main process builds the workbook (and logs the export),
 * then saveExport delivers it. `button` goes in the toolbar, `feedback` (saved, or why not) under it.
 */
export function useExportButton(make: () => Promise<ExportedFile>, { label = '导出 Excel', variant = 'outlined', disabled = false }: { label?: string; variant?: ButtonProps['variant']; disabled?: boolean } = {}) {
  const exportFile = useMutation({ mutationFn: async () => saveExport(await make()) });
  const button = (
    <Button variant={variant} startIcon={<FileDownloadOutlined />} disabled={disabled || exportFile.isPending} onClick={() => exportFile.mutate()} sx={{ flexShrink: 0 }}>
      {exportFile.isPending ? '正在导出…' : label}
    </Button>
  );
  const feedback = exportFile.isError ? (
    <Alert severity="error" onClose={() => exportFile.reset()}>
      {errorMessage(exportFile.error)}
    </Alert>
  ) : exportFile.data ? (
    <Alert severity="success" onClose={() => exportFile.reset()}>
      {exportFile.data}
    </Alert>
  ) : null;
  return { button, feedback };
}
