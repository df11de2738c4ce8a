import { Alert, Button, Snackbar, type ButtonProps } from '@mui/material';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { useMutation } from '@tanstack/react-query';
import type { ImportKind } from '../../../../shared/api/import-kinds';
import { api, saveExport } from '../../api/client';
import { problemText } from './labels';

/** 下载导入模板: the record type's template (headers, drop-downs, 填写说明); everyone may have it. */
export function TemplateButton({ kind, size, variant = 'text' }: { kind: ImportKind; size?: ButtonProps['size']; variant?: ButtonProps['variant'] }) {
  const download = useMutation({ mutationFn: async () => saveExport(await api.imports.template({ kind })) });
  const message = download.isError ? problemText(download.error) : download.data;
  return (
    <>
      <Button size={size} variant={variant} startIcon={<FileDownloadOutlined />} disabled={download.isPending} onClick={() => download.mutate()}>
        {download.isPending ? '正在生成模板…' : '下载导入模板'}
      </Button>
      <Snackbar open={Boolean(message)} autoHideDuration={download.isError ? null : 6000} onClose={() => download.reset()} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity={download.isError ? 'error' : 'success'} variant="filled" onClose={() => download.reset()}>
          {message}
        </Alert>
      </Snackbar>
    </>
  );
}
