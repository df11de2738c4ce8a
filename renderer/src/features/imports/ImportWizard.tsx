import { useEffect, useRef, useState, type ReactNode } from 'react';
import { AppBar, Box, Button, Chip, Dialog, IconButton, LinearProgress, Stack, Step, StepLabel, Stepper, Toolbar, Tooltip, Typography } from '@mui/material';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import InsertDriveFileOutlined from '@mui/icons-material/InsertDriveFileOutlined';
import { keepPreviousData, useMutation } from '@tanstack/react-query';
import type { ImportPreview, ImportSummary, OpenedImport, PreviewImportInput } from '../../../../shared/api/imports';
import { IMPORT_KINDS, type ImportKind, type ImportOptionsOf } from '../../../../shared/api/import-kinds';
import { api } from '../../api/client';
import { skipToken, useApiMutation, useApiQuery, useInvalidate } from '../../components/apiQueries';
import { DoneStep } from './DoneStep';
import { ErrorAlert } from './ErrorAlert';
import { FileStep } from './FileStep';
import { LocalProblem, problemText } from './labels';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { fileProblem, readAsBase64 } from './readFile';
import { SheetStep } from './SheetStep';

export interface ImportWizardProps<K extends ImportKind> {
  /** the record type; its columns (the field choices of 核对列) are its module's declaration */
  kind: K;
  /** the dialog's title, e.g. 导入村情档案 */
  title: string;
  /** shown above the file picker: what the file should hold */
  intro?: ReactNode;
  /** the options the record type's import takes (年度 …), as its module's schema reads them; the wizard passes them on */
  initialOptions: ImportOptionsOf<K>;
  /** the module's own choices (年度), shown in 选择文件 */
  renderOptions?: (options: ImportOptionsOf<K>, setOptions: (next: ImportOptionsOf<K>) => void) => ReactNode;
  /** the options in a few words for the title bar ('年度数据写入 2025 年'), or null */
  describeOptions?: (options: ImportOptionsOf<K>) => string | null;
  /** after rows were written (refresh the module's lists here) */
  onCommitted?: (summary: ImportSummary) => void;
  onClose: () => void;
}

const STEPS = [
  { key: 'file', label: '选择文件' },
  { key: 'sheet', label: '选择工作表' },
  { key: 'mapping', label: '核对列' },
  { key: 'preview', label: '预览' },
  { key: 'done', label: '完成' },
] as const;
type StepKey = (typeof STEPS)[number]['key'];

/**
 * The import wizard every module shares (村情档案 now; 经费、后备人才 later), full screen:
 * 选择文件 → 选择工作表 → 核对列 → 预览 → 完成. The file is read once by imports.open and held
 * in the main process; every change of sheet, header row or column mapping asks for a new
 * preview, and the commit names exactly what the preview showed. Nothing is written before
 * 确认导入. The main process forgets the file when the wizard closes.
 */
export function ImportWizard<K extends ImportKind>({ kind, title, intro, initialOptions, renderOptions, describeOptions, onCommitted, onClose }: ImportWizardProps<K>) {
  const definition = IMPORT_KINDS[kind]!.record;
  const invalidate = useInvalidate();
  const [step, setStep] = useState<StepKey>('file');
  const [opened, setOpened] = useState<OpenedImport | null>(null);
  const [sheetIndex, setSheetIndex] = useState(0);
  const [headerRow, setHeaderRow] = useState<number | null>(null);
  const [fields, setFields] = useState<Array<string | null> | null>(null);
  const [options, setOptions] = useState<ImportOptionsOf<K>>(initialOptions);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [acceptMismatch, setAcceptMismatch] = useState(false);

  // the main process holds the file until told otherwise: release it when replaced or dismissed
  const openId = useRef<string | null>(null);
  const release = () => {
    const id = openId.current;
    openId.current = null;
    if (id) api.imports.close({ importId: id }).catch(() => undefined);
  };
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      release();
    };
  }, []);

  const open = useMutation({
    mutationFn: async (file: File) => {
      const problem = fileProblem(file);
      if (problem) throw new LocalProblem(problem);
      const contentBase64 = await readAsBase64(file);
      return api.imports.open({ kind, fileName: file.name, contentBase64 });
    },
    onSuccess: (result) => {
      // dismissed while the file was being read: let the main process forget it at once
      if (!alive.current) {
        api.imports.close({ importId: result.importId }).catch(() => undefined);
        return;
      }
      release();
      openId.current = result.importId;
      setOpened(result);
      setSheetIndex(result.suggestedSheet);
      setHeaderRow(null);
      changeFields(null);
      setSummary(null);
      setStep(result.sheets.length > 1 ? 'sheet' : 'mapping');
    },
  });

  // the options travel as a record; the engine parses them with the kind's own schema
  const previewInput: PreviewImportInput | null = opened ? { importId: opened.importId, sheetIndex, headerRow, fields, options: options as Record<string, unknown> } : null;
  const preview = useApiQuery('imports.preview', previewInput ?? skipToken, {
    enabled: step === 'mapping' || step === 'preview',
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
  });
  // a preview of another sheet or header row is shown only while the right one loads
  const previewCurrent = preview.data !== undefined && !preview.isPlaceholderData;

  const commit = useApiMutation('imports.commit', {
    onSuccess: (result) => {
      setSummary(result);
      setStep('done');
      // every import makes a backup and a log entry; the module refreshes its own lists
      void invalidate('backups.', 'audit.');
      onCommitted?.(result);
    },
    // the data may have changed since the preview: show the new one under the message
    onError: () => void invalidate('imports.preview'),
  });

  // a different preview needs the clerk's look at its 合计 again
  const changeFields = (next: Array<string | null> | null) => {
    setFields(next);
    setAcceptMismatch(false);
  };
  const chooseSheet = (index: number) => {
    setSheetIndex(index);
    setHeaderRow(null);
    changeFields(null);
  };
  const changeHeaderRow = (row: number | null) => {
    setHeaderRow(row);
    changeFields(null);
  };
  const startOver = () => {
    release();
    setOpened(null);
    setSummary(null);
    setHeaderRow(null);
    changeFields(null);
    open.reset();
    commit.reset();
    setStep('file');
  };

  /** 确认导入: exactly what the preview showed (the service refuses any difference) */
  const commitPreviewed = () => {
    const { counts, plan } = preview.data!;
    commit.mutate({ ...previewInput!, expect: { create: counts.create, update: counts.update, rejected: counts.rejected, plan }, acceptTotalMismatch: acceptMismatch });
  };
  const commitState = commitReadiness(previewCurrent ? (preview.data ?? null) : null, acceptMismatch);
  const sheetSkipped = opened !== null && opened.sheets.length === 1;
  const activeIndex = STEPS.findIndex((s) => s.key === step);
  const optionsText = describeOptions?.(options) ?? null;
  const busy = open.isPending || commit.isPending || preview.isFetching;
  const busyText = open.isPending ? '正在读取文件…' : commit.isPending ? '正在导入，请稍候…' : preview.isFetching ? '正在生成预览…' : '';

  return (
    <Dialog fullScreen open onClose={commit.isPending ? undefined : onClose} aria-labelledby="import-wizard-title">
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar variant="dense" sx={{ gap: 1.5 }}>
          <Typography id="import-wizard-title" variant="h6" component="h2" sx={{ flexShrink: 0 }}>
            {title}
          </Typography>
          {opened && (
            <Tooltip title={opened.encoding ? `${opened.fileName}（文字编码：${opened.encoding}）` : opened.fileName}>
              <Chip icon={<InsertDriveFileOutlined />} label={opened.fileName} variant="outlined" sx={{ maxWidth: 360, minWidth: 0 }} />
            </Tooltip>
          )}
          {optionsText && step !== 'file' && <Chip label={optionsText} color="primary" variant="outlined" />}
          <Box sx={{ flex: 1 }} />
          <Tooltip title={commit.isPending ? '正在导入，请等待完成' : '关闭（未确认导入的内容不会写入）'}>
            <span>
              <IconButton aria-label="关闭" edge="end" disabled={commit.isPending} onClick={onClose}>
                <CloseOutlined />
              </IconButton>
            </span>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Box sx={{ px: 3, pt: 2, pb: 1 }}>
        <Stepper activeStep={activeIndex}>
          {STEPS.map((s) => (
            <Step key={s.key} completed={s.key === 'done' ? summary !== null : STEPS.findIndex((x) => x.key === s.key) < activeIndex}>
              <StepLabel optional={s.key === 'sheet' && sheetSkipped ? <Typography variant="caption">只有一个工作表</Typography> : undefined}>{s.label}</StepLabel>
            </Step>
          ))}
        </Stepper>
      </Box>
      <Box sx={{ height: 4 }}>{busy && <LinearProgress aria-label={busyText} />}</Box>
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto', px: 3, py: 2, display: 'flex', flexDirection: 'column' }}>
        {step === 'file' && (
          <FileStep
            kind={kind}
            intro={intro}
            opened={opened}
            reading={open.isPending}
            error={open.isError ? problemText(open.error) : null}
            options={renderOptions?.(options, setOptions)}
            onFile={(file) => open.mutate(file)}
          />
        )}
        {step === 'sheet' && opened && <SheetStep opened={opened} selected={sheetIndex} onSelect={chooseSheet} />}
        {(step === 'mapping' || step === 'preview') && !preview.data && (
          <PreviewPending loading={preview.isPending && !preview.isError} error={preview.isError ? problemText(preview.error) : null} onRetry={() => void preview.refetch()} onRestart={startOver} />
        )}
        {step === 'mapping' && preview.data && (
          <MappingStep
            definition={definition}
            preview={preview.data}
            stale={!previewCurrent}
            error={preview.isError ? problemText(preview.error) : null}
            onRetry={() => void preview.refetch()}
            onRestart={startOver}
            fields={fields}
            onFieldsChange={changeFields}
            onHeaderRowChange={changeHeaderRow}
          />
        )}
        {step === 'preview' && preview.data && previewInput && (
          <PreviewStep
            definition={definition}
            preview={preview.data}
            previewInput={previewInput}
            stale={!previewCurrent}
            error={preview.isError ? problemText(preview.error) : null}
            onRetry={() => void preview.refetch()}
            onRestart={startOver}
            commitError={commit.isError ? problemText(commit.error) : null}
            acceptMismatch={acceptMismatch}
            onAcceptMismatch={setAcceptMismatch}
          />
        )}
        {step === 'done' && summary && <DoneStep summary={summary} onFinish={onClose} onAnother={startOver} />}
      </Box>
      {step !== 'done' && (
        <Stack direction="row" spacing={1} sx={{ px: 3, py: 1.5, borderTop: 1, borderColor: 'divider', alignItems: 'center' }}>
          <Typography color="text.secondary" variant="body2" role="status" sx={{ flex: 1, minWidth: 0 }}>
            {busyText || (step === 'preview' && commitState.hint)}
          </Typography>
          <Button onClick={onClose}>取消</Button>
          {step !== 'file' && <Button onClick={() => setStep(step === 'preview' ? 'mapping' : step === 'mapping' && !sheetSkipped ? 'sheet' : 'file')}>上一步</Button>}
          {step === 'file' && (
            <Button variant="contained" disabled={!opened || open.isPending} onClick={() => setStep(sheetSkipped ? 'mapping' : 'sheet')}>
              下一步
            </Button>
          )}
          {step === 'sheet' && (
            <Button variant="contained" disabled={opened?.sheets[sheetIndex]?.problem != null} onClick={() => setStep('mapping')}>
              下一步
            </Button>
          )}
          {step === 'mapping' && (
            <Button variant="contained" disabled={!previewCurrent} onClick={() => setStep('preview')}>
              下一步：预览
            </Button>
          )}
          {step === 'preview' && (
            <Tooltip title={commitState.blockedBy ?? ''}>
              <span>
                <Button variant="contained" disabled={commitState.blockedBy !== null || commit.isPending} onClick={commitPreviewed}>
                  {commitState.label}
                </Button>
              </span>
            </Tooltip>
          )}
        </Stack>
      )}
    </Dialog>
  );
}

/** What 确认导入 would write, and why it cannot yet (null: it can). */
function commitReadiness(preview: ImportPreview | null, acceptMismatch: boolean): { label: string; blockedBy: string | null; hint: string } {
  if (!preview) return { label: '确认导入', blockedBy: '正在生成预览…', hint: '' };
  const { create, update, rejected } = preview.counts;
  const toWrite = create + update;
  const label = toWrite > 0 ? `确认导入 ${toWrite} 行` : '确认导入';
  const hint = toWrite > 0 ? `${rejected > 0 ? `有问题的 ${rejected} 行不会导入，其余行一次写入。` : ''}导入前会自动备份数据。` : '';
  if (preview.blockers.length > 0) return { label, blockedBy: preview.blockers.join('；'), hint };
  if (toWrite === 0) return { label, blockedBy: '没有需要新增或更新的行', hint };
  if (preview.totals.some((t) => !t.matches) && !acceptMismatch) return { label, blockedBy: '合计行与各行之和不符：核对后勾选“仍然导入”才能导入', hint };
  return { label, blockedBy: null, hint };
}

/** 核对列/预览 before the first preview arrived: progress, or the error with a way on. */
function PreviewPending({ loading, error, onRetry, onRestart }: { loading: boolean; error: string | null; onRetry: () => void; onRestart: () => void }) {
  if (error !== null) return <ErrorAlert message={error} onRetry={onRetry} onRestart={onRestart} />;
  return (
    <Stack spacing={1} sx={{ alignItems: 'center', py: 6 }} role="status">
      <Typography color="text.secondary">{loading ? '正在识别表头和各列，请稍候…' : '正在准备…'}</Typography>
    </Stack>
  );
}
