import { useRef, useState, type ReactNode } from 'react';
import { Alert, Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import type { OpenedImport } from '../../../../shared/api/imports';
import type { ImportKind } from '../../../../shared/api/import-kinds';
import { IMPORT_FILE_ACCEPT, IMPORT_LIMIT_MB } from './readFile';
import { TemplateButton } from './TemplateButton';

/** 选择文件: the module's options, then a file by button or by dropping it here. */
export function FileStep({
  kind,
  intro,
  opened,
  reading,
  error,
  options,
  onFile,
}: {
  kind: ImportKind;
  intro?: ReactNode;
  opened: OpenedImport | null;
  reading: boolean;
  error: string | null;
  options?: ReactNode;
  onFile: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const pick = (files: FileList | null) => {
    const file = files?.[0];
    if (file && !reading) onFile(file);
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 760, width: '100%', mx: 'auto' }}>
      {intro && <Typography color="text.secondary">{intro}</Typography>}
      {options}
      <Paper
        variant="outlined"
        role="region"
        aria-label="选择要导入的文件"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          pick(e.dataTransfer.files);
        }}
        sx={{
          p: 4,
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'primary.main' : 'divider',
          bgcolor: dragging ? 'action.hover' : 'background.paper',
          textAlign: 'center',
        }}
      >
        <Stack spacing={1.5} sx={{ alignItems: 'center' }}>
          {reading ? <CircularProgress size={40} /> : <UploadFileOutlined sx={{ fontSize: 48, color: 'text.secondary' }} />}
          <Typography variant="subtitle1">{reading ? '正在读取文件，请稍候…' : '把 Excel 或 CSV 文件拖到这里，或'}</Typography>
          <Button variant="contained" startIcon={<UploadFileOutlined />} disabled={reading} onClick={() => input.current?.click()}>
            {opened ? '重新选择文件…' : '选择文件…'}
          </Button>
          <Typography variant="body2" color="text.secondary">
            支持 .xlsx、.xls、.xlsb、.ods、.csv、.tsv、.txt，不超过 {IMPORT_LIMIT_MB} MB。只读取文件，确认导入前不会写入任何数据。
          </Typography>
          <input
            ref={input}
            type="file"
            hidden
            accept={IMPORT_FILE_ACCEPT}
            aria-label="要导入的文件"
            onChange={(e) => {
              pick(e.target.files);
              // choosing the same file again (after fixing it) must fire again
              e.target.value = '';
            }}
          />
        </Stack>
      </Paper>
      {error && <Alert severity="error">{error}</Alert>}
      {opened && !reading && (
        <Alert severity="success" icon={<CheckCircleOutlined />}>
          <Box component="span" sx={{ wordBreak: 'break-all' }}>
            已读取“{opened.fileName}”（{opened.sheets.length} 个工作表{opened.encoding ? `，文字编码 ${opened.encoding}` : ''}）。点击“下一步”继续。
          </Box>
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary">
          没有现成的表格？可以先下载模板，按模板填写后再导入：
        </Typography>
        <TemplateButton kind={kind} size="small" />
      </Stack>
    </Stack>
  );
}
