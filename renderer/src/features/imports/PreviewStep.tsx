import { useMemo, useState } from 'react';
import { Alert, Box, Button, Checkbox, Chip, FormControlLabel, Stack, Switch, Tooltip, Typography } from '@mui/material';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import type { GridColDef } from '@mui/x-data-grid';
import { useMutation } from '@tanstack/react-query';
import { ROW_STATUS_LABELS, type ImportPreview, type PreviewImportInput, type PreviewRow } from '../../../../shared/api/imports';
import type { RecordDefinition } from '../../../../shared/domain/parse/definition';
import { api, saveExport } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { CountsLine } from './CountsLine';
import { ErrorAlert } from './ErrorAlert';
import { fieldLabel, problemText, STATUS_COLORS } from './labels';

/**
 * 预览: what 确认导入 would do — the counts, the 合计 check, remarks and blockers, and every row
 * with its status, its problem cells marked and the reasons beside it.
 */
export function PreviewStep({
  definition,
  preview,
  previewInput,
  stale,
  error,
  onRetry,
  onRestart,
  commitError,
  acceptMismatch,
  onAcceptMismatch,
}: {
  definition: RecordDefinition;
  preview: ImportPreview;
  previewInput: PreviewImportInput;
  stale: boolean;
  error: string | null;
  onRetry: () => void;
  onRestart: () => void;
  commitError: string | null;
  acceptMismatch: boolean;
  onAcceptMismatch: (accept: boolean) => void;
}) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [paging, setPaging] = useState({ page: 0, pageSize: 50 });
  const exportProblems = useMutation({ mutationFn: async () => saveExport(await api.imports.exportProblems(previewInput)) });
  const { counts } = preview;
  const mismatches = preview.totals.filter((t) => !t.matches);
  const columns = useMemo(() => gridColumns(preview, definition), [preview, definition]);
  const rows = onlyProblems ? preview.rows.filter((r) => r.problems.length > 0) : preview.rows;

  const toWrite = counts.create + counts.update;
  const notes = preview.notes;

  return (
    <Stack spacing={1.25} sx={{ flex: 1, minHeight: 0 }}>
      {error && <ErrorAlert message={error} onRetry={onRetry} onRestart={onRestart} />}
      {commitError && <Alert severity="error">导入没有完成，数据未作任何改动：{commitError}</Alert>}
      <CountsLine preview={preview} />
      {preview.blockers.length > 0 && (
        <Alert severity="error" aria-label="不能导入的原因">
          现在还不能导入：{preview.blockers.join('；')}
        </Alert>
      )}
      {preview.blockers.length === 0 && toWrite === 0 && counts.rows > 0 && (
        <Alert severity="info">
          没有需要新增或更新的行：表中的内容与系统中一致{counts.rejected > 0 ? '（有问题的行除外）' : ''}。
        </Alert>
      )}
      {notes.length > 0 && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', color: 'info.dark' }}>
          <InfoOutlined fontSize="small" sx={{ mt: '2px' }} />
          <Typography variant="body2">{notes.join('；')}</Typography>
        </Stack>
      )}
      {mismatches.length > 0 && (
        <Alert severity="warning" icon={<WarningAmberOutlined />} aria-label="合计核对">
          <Typography variant="body2">
            合计行（第 {preview.totalRow} 行）与各行之和不符：
            {mismatches.map((t) => `“${t.header}”合计行为 ${t.stated}，各行之和为 ${t.summed}`).join('；')}
            {preview.totals.length > mismatches.length && `。其余 ${preview.totals.length - mismatches.length} 列相符`}。请核对表格是否漏行、重行或合计公式有误。
          </Typography>
          <FormControlLabel control={<Checkbox size="small" checked={acceptMismatch} onChange={(e) => onAcceptMismatch(e.target.checked)} />} label="合计行与各行之和不符，仍然导入" />
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        {preview.totals.length > 0 && mismatches.length === 0 && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} aria-label="合计核对">
            <Typography variant="body2">合计行（第 {preview.totalRow} 行）核对相符：</Typography>
            {preview.totals.map((t) => (
              <Tooltip key={t.header} title={`合计行 ${t.stated}，各行之和 ${t.summed}`}>
                <Chip size="small" color="success" variant="outlined" icon={<CheckCircleOutlined />} label={`${t.header} ${t.stated} ✓`} />
              </Tooltip>
            ))}
          </Stack>
        )}
        <Box sx={{ flex: 1 }} />
        {preview.rowsOmitted > 0 && (
          <Typography variant="body2" color="text.secondary">
            另有 {preview.rowsOmitted} 行没有问题的行未列出（导入时照常写入）
          </Typography>
        )}
        <FormControlLabel
          sx={{ mr: 0 }}
          control={
            <Switch
              size="small"
              checked={onlyProblems}
              disabled={counts.rejected === 0}
              onChange={(e) => {
                setOnlyProblems(e.target.checked);
                setPaging((p) => ({ ...p, page: 0 }));
              }}
            />
          }
          label={`只看有问题的行（${counts.rejected}）`}
        />
        {counts.rejected > 0 && (
          <Button size="small" startIcon={<FileDownloadOutlined />} disabled={exportProblems.isPending || stale} onClick={() => exportProblems.mutate()}>
            下载有问题的行
          </Button>
        )}
      </Stack>
      {exportProblems.isError && <Alert severity="error">{problemText(exportProblems.error)}</Alert>}
      {exportProblems.data && (
        <Alert severity="success" onClose={() => exportProblems.reset()}>
          {exportProblems.data}。改正后可以只导入这些行。
        </Alert>
      )}
      <DataTable
        rows={rows}
        getRowId={(r) => r.row}
        columns={columns}
        loading={stale}
        disableColumnMenu
        getRowHeight={() => 'auto'}
        paginationModel={paging}
        onPaginationModelChange={setPaging}
        pageSizeOptions={[25, 50, 100]}
        aria-label="预览各行"
        emptyTitle={onlyProblems ? '没有有问题的行' : '表格中没有数据行'}
        emptyHint={onlyProblems ? undefined : '请检查工作表和表头所在行是否选对'}
        sx={{
          flex: 1,
          minHeight: 320,
          '& .MuiDataGrid-cell': { py: 0.5, display: 'flex', alignItems: 'center' },
          '& .problem-cell': { bgcolor: 'rgba(211, 47, 47, 0.10)', boxShadow: 'inset 0 0 0 1px rgba(211, 47, 47, 0.5)' },
        }}
      />
    </Stack>
  );
}

const NO_TEXT = '（空）';
const WIDTH_SAMPLE = 50;

/** Pixels a text takes in the grid's font: CJK characters about twice as wide as digits. */
const textWidth = (text: string) => [...text].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 14 : 8), 0);

/** Wide enough for the header and the usual cell (long ones ellipsize, with a tooltip). */
function columnWidth(header: string, cells: string[]): number {
  const widest = Math.max(textWidth(header), ...cells.map(textWidth));
  return Math.min(220, Math.max(72, widest + 28));
}

/** 行号 · 状态 · 对象, then the file's mapped columns, then 问题/说明. */
function gridColumns(preview: ImportPreview, definition: RecordDefinition): GridColDef<PreviewRow>[] {
  const fileColumns: GridColDef<PreviewRow>[] = preview.columns.flatMap((c, position) => {
    if (c.field === null) return [];
    const problemsOf = (row: PreviewRow) => row.problems.filter((p) => p.column === c.index).map((p) => p.message);
    return [
      {
        field: `c${position}`,
        headerName: c.header || fieldLabel(definition, c.field),
        description: `原表头“${c.header}”，导入为“${fieldLabel(definition, c.field)}”`,
        width: columnWidth(c.header, preview.rows.slice(0, WIDTH_SAMPLE).map((r) => r.cells[position] ?? '')),
        sortable: false,
        valueGetter: (_: unknown, row: PreviewRow) => row.cells[position] ?? '',
        cellClassName: ({ row }) => (problemsOf(row).length > 0 ? 'problem-cell' : ''),
        renderCell: ({ row }) => {
          const text = row.cells[position] ?? '';
          const problems = problemsOf(row);
          return (
            <Tooltip title={problems.length > 0 ? problems.join('；') : text.length > 8 ? text : ''}>
              <Typography noWrap variant="body2" sx={{ width: '100%', fontStyle: text ? undefined : 'italic', color: text ? undefined : 'text.secondary' }}>
                {text || (problems.length > 0 ? NO_TEXT : '')}
              </Typography>
            </Tooltip>
          );
        },
      },
    ];
  });
  return [
    { field: 'row', headerName: '行号', width: 64, type: 'number', sortable: false },
    {
      field: 'status',
      headerName: '状态',
      width: 84,
      sortable: false,
      valueGetter: (_, row) => ROW_STATUS_LABELS[row.status],
      renderCell: ({ row }) => <Chip size="small" color={STATUS_COLORS[row.status]} variant={row.status === 'unchanged' ? 'outlined' : 'filled'} label={ROW_STATUS_LABELS[row.status]} />,
    },
    {
      field: 'target',
      headerName: '对象',
      width: 180,
      sortable: false,
      renderCell: ({ row }) => (
        <Tooltip title={row.target ?? ''}>
          <Typography noWrap variant="body2" sx={{ width: '100%', color: row.target ? undefined : 'text.secondary' }}>
            {row.target ?? '—'}
          </Typography>
        </Tooltip>
      ),
    },
    {
      field: 'messages',
      headerName: '问题/说明',
      width: 320,
      sortable: false,
      valueGetter: (_, row) => [...row.problems.map((p) => p.message), ...row.notes].join('；'),
      renderCell: ({ row }) => (
        <Box sx={{ width: '100%', minWidth: 0, lineHeight: 1.5 }}>
          {row.problems.map((p, i) => (
            <Typography key={i} variant="body2" color="error" sx={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
              {p.message}
            </Typography>
          ))}
          {row.notes.length > 0 && (
            <Tooltip title={<Box sx={{ whiteSpace: 'pre-line' }}>{row.notes.join('\n')}</Box>}>
              <Typography noWrap variant="body2" color="text.secondary">
                {row.notes.join('；')}
              </Typography>
            </Tooltip>
          )}
        </Box>
      ),
    },
    ...fileColumns,
  ];
}
