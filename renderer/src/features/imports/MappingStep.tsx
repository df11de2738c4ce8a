import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  ListSubheader,
  MenuItem,
  Paper,
  Select,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import type { ImportPreview } from '../../../../shared/api/imports';
import type { ColumnDefinition, RecordDefinition } from '../../../../shared/domain/parse/definition';
import { describeColumn } from '../../../../shared/domain/parse/describe';
import { columnLetter, currentFields, headerRowText } from './preview-helpers';
import { fieldLabel, HOW_HINTS, HOW_LABELS } from './labels';
import { CountsLine } from './CountsLine';
import { ErrorAlert } from './ErrorAlert';

const NONE = '__none__';

/** What the column should hold, from the same description as the template's 填写说明. */
const fillHint = (column: ColumnDefinition) => `应填：${describeColumn(column, undefined, 'file')}`;
const SAMPLE_COUNT = 3;

/**
 * 核对列: every column of the file with the field it goes to. Changing a field, or the header
 * row, asks for a new preview at once; the counts below follow.
 */
export function MappingStep({
  definition,
  preview,
  stale,
  error,
  onRetry,
  onRestart,
  fields,
  onFieldsChange,
  onHeaderRowChange,
}: {
  definition: RecordDefinition;
  preview: ImportPreview;
  /** the preview shown is the previous one; a new one is on its way */
  stale: boolean;
  error: string | null;
  onRetry: () => void;
  onRestart: () => void;
  fields: Array<string | null> | null;
  onFieldsChange: (fields: Array<string | null>) => void;
  onHeaderRowChange: (row: number | null) => void;
}) {
  const mapped = currentFields(preview);
  const usedBy = new Map<string, number>();
  preview.columns.forEach((c, i) => mapped[i] && usedBy.set(mapped[i], c.index));
  // a header that fits several fields equally is left unmapped with its candidates
  const ambiguous = preview.columns.filter((c, i) => mapped[i] === null && c.alternatives.length > 0);

  const choose = (position: number, field: string | null) => {
    // a field goes to one column: choosing it here takes it from the other
    onFieldsChange(mapped.map((f, i) => (i === position ? field : field !== null && f === field ? null : f)));
  };

  return (
    <Stack spacing={1.5} sx={{ minHeight: 0 }}>
      {error && <ErrorAlert message={error} onRetry={onRetry} onRestart={onRestart} />}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography>
          表头在<strong>{headerRowText(preview)}</strong>，数据从第 {preview.dataStart + 1} 行开始
          {preview.totalRow !== null && `，第 ${preview.totalRow} 行是合计行`}。
        </Typography>
        <HeaderRowField key={preview.headerRow} current={preview.headerRow} disabled={stale} onApply={onHeaderRowChange} />
      </Stack>
      {preview.titleLines.length > 0 && (
        <Typography variant="body2" color="text.secondary" noWrap title={preview.titleLines.join('　')}>
          表头上方：{preview.titleLines.join('　')}
        </Typography>
      )}
      {preview.remembered && fields === null && <Alert severity="info">已沿用上次对这种表格格式的设置。如有不对，可在下表中修改。</Alert>}
      {preview.missingRequired.length > 0 && (
        <Alert severity="warning">
          必填的列还没有对应：
          {preview.missingRequired.map((label) => (
            <Chip key={label} size="small" color="warning" label={label} sx={{ mx: 0.5 }} />
          ))}
          请在下表“对应到”中为它选择表格里的一列。
        </Alert>
      )}
      {ambiguous.length > 0 && (
        <Alert severity="warning">
          有 {ambiguous.length} 列的表头可能指不同的项目，暂未导入，请在下表中选择：
          {ambiguous.map((c) => `“${c.header}”可能是${c.alternatives.map((a) => `“${fieldLabel(definition, a)}”`).join('或')}`).join('；')}。
        </Alert>
      )}
      <TableContainer component={Paper} variant="outlined" sx={{ flex: 1, minHeight: 200, opacity: stale ? 0.6 : 1 }}>
        <Table size="small" stickyHeader aria-label="列对应关系" sx={{ tableLayout: 'fixed', '& td': { py: 0.5 } }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 48 }}>列</TableCell>
              <TableCell sx={{ width: '22%' }}>原表头</TableCell>
              <TableCell sx={{ width: 300 }}>对应到</TableCell>
              <TableCell sx={{ width: 112 }}>识别方式</TableCell>
              <TableCell sx={{ width: 64 }}>单位</TableCell>
              <TableCell>示例</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.columns.map((c, position) => {
              const field = mapped[position] ?? null;
              const samples = preview.rows
                .map((r) => r.cells[position] ?? '')
                .filter((v) => v.trim() !== '')
                .slice(0, SAMPLE_COUNT);
              const header = c.header.trim() === '' ? '（空表头）' : c.header;
              return (
                <TableRow key={c.index} hover sx={field === null ? { '& td': { color: 'text.secondary' } } : undefined}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{columnLetter(c.index)}</TableCell>
                  <TableCell sx={{ maxWidth: 0 }}>
                    <Tooltip title={header}>
                      <Typography noWrap variant="body2" sx={{ fontWeight: field ? 500 : 400 }}>
                        {header}
                      </Typography>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    <Select
                      size="small"
                      fullWidth
                      value={field ?? NONE}
                      disabled={stale}
                      onChange={(e) => choose(position, e.target.value === NONE ? null : e.target.value)}
                      inputProps={{ 'aria-label': `“${header}”对应到` }}
                      renderValue={(v) => (v === NONE ? <Box component="span" sx={{ color: 'text.secondary' }}>（不导入）</Box> : fieldLabel(definition, v, c.unit))}
                      MenuProps={{ slotProps: { paper: { sx: { maxHeight: 420 } } } }}
                      sx={{ '& .MuiSelect-select': { py: '5px' } }}
                    >
                      <MenuItem value={NONE}>（不导入）</MenuItem>
                      <ListSubheader>{definition.label}的项目（* 为必填）</ListSubheader>
                      {definition.columns.map((d) => {
                        const takenBy = usedBy.get(d.field);
                        return (
                          <MenuItem key={d.field} value={d.field} title={fillHint(d)}>
                            <Box component="span" sx={{ flex: 1 }}>
                              {d.label}
                              {d.required && (
                                <Box component="span" sx={{ color: 'error.main' }}>
                                  {' '}*
                                </Box>
                              )}
                            </Box>
                            {takenBy !== undefined && takenBy !== c.index && (
                              <Typography variant="caption" color="text.secondary" sx={{ ml: 2 }}>
                                现为 {columnLetter(takenBy)} 列
                              </Typography>
                            )}
                          </MenuItem>
                        );
                      })}
                    </Select>
                    {c.alternatives.length > 0 && field === null && (
                      <Stack direction="row" spacing={0.5} sx={{ mt: 0.5, alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
                        <Typography variant="caption" color="warning.dark">
                          可能是：
                        </Typography>
                        {c.alternatives.map((a) => (
                          <Chip key={a} size="small" color="warning" variant="outlined" label={fieldLabel(definition, a)} disabled={stale} onClick={() => choose(position, a)} />
                        ))}
                      </Stack>
                    )}
                  </TableCell>
                  <TableCell>
                    {field !== null && c.how && (
                      <Tooltip title={HOW_HINTS[c.how] ?? ''}>
                        <Chip size="small" variant="outlined" color={c.how === 'contains' ? 'warning' : c.how === 'manual' ? 'primary' : 'default'} label={HOW_LABELS[c.how] ?? c.how} />
                      </Tooltip>
                    )}
                  </TableCell>
                  <TableCell>{field !== null && c.unit}</TableCell>
                  <TableCell sx={{ maxWidth: 0 }}>
                    <Tooltip title={samples.join('\n')}>
                      <Typography noWrap variant="body2" color="text.secondary">
                        {samples.join('、')}
                      </Typography>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <CountsLine preview={preview} prefix="按以上对应关系：" />
    </Stack>
  );
}

/** 表头在第 N 行 can be corrected: the row number as Excel shows it, then 重新识别. */
function HeaderRowField({ current, disabled, onApply }: { current: number; disabled: boolean; onApply: (row: number | null) => void }) {
  const [text, setText] = useState(String(current + 1));
  const n = Number(text);
  const valid = /^\d{1,6}$/.test(text.trim()) && n >= 1;
  const apply = () => valid && n - 1 !== current && onApply(n - 1);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField
        label="表头所在行"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
        error={!valid}
        disabled={disabled}
        sx={{ width: 120 }}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6 } }}
      />
      <Button size="small" variant="outlined" disabled={disabled || !valid || n - 1 === current} onClick={apply}>
        按此行重新识别
      </Button>
      <Button size="small" disabled={disabled} onClick={() => onApply(null)}>
        自动识别
      </Button>
    </Stack>
  );
}
