import { Alert, Button } from '@mui/material';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { useMutation } from '@tanstack/react-query';
import type { ExportedFile } from '../../../../../shared/api/files';
import { errorMessage, saveExport } from '../../../api/client';

/**
 * 导出 Excel for a report: the main process builds the workbook (and logs the export), then
 * saveExport delivers it. `feedback` is the message to place under the toolbar.
 */
export function useExportButton(make: () => Promise<ExportedFile>, label = '导出 Excel') {
  const exportFile = useMutation({ mutationFn: async () => saveExport(await make()) });
  const button = (
    <Button variant="outlined" startIcon={<FileDownloadOutlined />} disabled={exportFile.isPending} onClick={() => exportFile.mutate()} sx={{ flexShrink: 0 }}>
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
