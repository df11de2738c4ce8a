import { useState, type ReactNode } from 'react';
import { Alert, Box, Button, Chip, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import BackupOutlined from '@mui/icons-material/BackupOutlined';
import DriveFolderUploadOutlined from '@mui/icons-material/DriveFolderUploadOutlined';
import RestoreOutlined from '@mui/icons-material/RestoreOutlined';
import UndoOutlined from '@mui/icons-material/UndoOutlined';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BackupEntry, BackupOverview, BackupRef, RestoreResult } from '../../../../shared/api/backups';
import { api, errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../components/apiQueries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { formatBytes, formatDateTime } from '../../components/format';
import { useCurrentUser } from '../auth/useCurrentUser';
import { checkColor, checkLabel, kindColor, kindLabel } from './backup-labels';
import { RestoreDialog } from './RestoreDialog';

type Notice = { severity: 'success' | 'error' | 'info'; text: string };

/**
 * 数据备份 (管理员、经办人): where the data and the backups are and how big, the list of backups,
 * 立即备份, 备份到其他位置…; for 管理员 also 恢复… and 撤销上次恢复.
 */
export function BackupsPage() {
  const { canCall } = useCurrentUser();
  const canRestore = canCall('backups.restore');
  const queryClient = useQueryClient();
  const overview = useApiQuery('backups.overview');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [restoring, setRestoring] = useState<{ initial: BackupEntry | null } | null>(null);
  const [undoing, setUndoing] = useState(false);

  const backupHere = useApiMutation('backups.create', {
    invalidates: ['backups.overview'],
    onSuccess: (entry) => setNotice({ severity: 'success', text: `已备份：${entry.name}（${formatBytes(entry.bytes)}），已校验。` }),
    onError: (error) => setNotice({ severity: 'error', text: errorMessage(error) }),
  });

  const backupElsewhere = useMutation({
    mutationFn: async (): Promise<Notice> => {
      const chosen = await api.backups.chooseFolder({ purpose: 'backup' });
      if (!chosen.chosen) return { severity: 'info', text: chosen.message };
      const entry = await api.backups.create({ location: chosen.location.handle });
      return { severity: 'success', text: `已备份到 ${chosen.location.label}：${entry.name}（${formatBytes(entry.bytes)}），已校验。` };
    },
    onSuccess: setNotice,
    onError: (error) => setNotice({ severity: 'error', text: errorMessage(error) }),
  });

  const verify = useApiMutation('backups.verify', {
    invalidates: ['backups.overview'],
    onSuccess: (entry) =>
      setNotice(
        entry.check.state === 'problem'
          ? { severity: 'error', text: `校验未通过：${entry.name}。${entry.check.message}` }
          : { severity: 'success', text: `校验通过：${entry.name}，文件完整，数据库完好，可以恢复。` },
      ),
    onError: (error) => setNotice({ severity: 'error', text: errorMessage(error) }),
  });

  /** After a restore or its undo every screen's data has changed. */
  const afterRestore = async (result: RestoreResult, undo: boolean) => {
    setNotice({
      severity: 'success',
      text: undo
        ? `已撤销上次恢复，数据回到恢复前的状态。撤销前的数据也已另存为“${result.preRestore.name}”。`
        : `已恢复“${result.restored}”${result.upgraded ? '，并已升级到当前版本' : ''}。恢复前的数据已另存为“${result.preRestore.name}”，如需回到恢复前，请点“撤销上次恢复”。` +
          (result.loggedOut ? '恢复的数据中没有当前账户，请重新登录。' : ''),
    });
    await queryClient.invalidateQueries();
  };

  if (overview.isPending) return <LoadingState label="正在读取备份…" />;
  if (overview.isError) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  const busy = backupHere.isPending || backupElsewhere.isPending;

  return (
    <Stack spacing={1.5} sx={{ height: '100%', minHeight: 480 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          数据备份
        </Typography>
        <Button variant="contained" startIcon={<BackupOutlined />} disabled={busy} onClick={() => backupHere.mutate({})}>
          {backupHere.isPending ? '正在备份…' : '立即备份'}
        </Button>
        <Button variant="outlined" startIcon={<DriveFolderUploadOutlined />} disabled={busy} onClick={() => backupElsewhere.mutate()}>
          {backupElsewhere.isPending ? '正在备份…' : '备份到其他位置…'}
        </Button>
        {canRestore && (
          <Button variant="outlined" color="warning" startIcon={<RestoreOutlined />} disabled={busy} onClick={() => setRestoring({ initial: null })}>
            恢复…
          </Button>
        )}
        {canCall('backups.undoRestore') && (
          <Tooltip title={data.lastRestore?.undoable ? '' : '只有刚做过“恢复”时才能撤销'}>
            <span>
              <Button variant="outlined" color="warning" startIcon={<UndoOutlined />} disabled={busy || !data.lastRestore?.undoable} onClick={() => setUndoing(true)}>
                撤销上次恢复
              </Button>
            </span>
          </Tooltip>
        )}
      </Stack>
      {busy && <LinearProgress aria-label="正在备份" />}
      {notice && (
        <Alert severity={notice.severity} onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}

      <Locations data={data} />

      {data.lastRestore && (
        <Alert severity="info" data-testid="last-restore">
          上次恢复：{formatDateTime(data.lastRestore.at)} 由 {data.lastRestore.by} 恢复了“{data.lastRestore.backupName}”。
          {data.lastRestore.undoable
            ? `恢复前的数据保存在“${data.lastRestore.preRestoreName}”，可以撤销。`
            : `恢复前的备份“${data.lastRestore.preRestoreName}”已不在备份文件夹中，无法撤销。`}
        </Alert>
      )}

      <Paper variant="outlined" sx={{ flex: 1, minHeight: 200, display: 'flex', flexDirection: 'column' }}>
        {data.backups.length === 0 ? (
          <EmptyState title="还没有备份" hint="点“立即备份”做第一份备份；程序每天第一次启动后也会自动备份。" />
        ) : (
          <BackupTable
            backups={data.backups}
            canRestore={canRestore}
            verifying={verify.isPending ? verify.variables?.ref : undefined}
            onVerify={(entry) => verify.mutate({ ref: entry.ref })}
            onRestore={(entry) => setRestoring({ initial: entry })}
          />
        )}
      </Paper>

      {restoring && (
        <RestoreDialog
          backups={data.backups}
          initial={restoring.initial}
          schemaVersion={data.schemaVersion}
          onRestored={(result) => afterRestore(result, false)}
          onClose={() => setRestoring(null)}
        />
      )}
      {undoing && data.lastRestore && <UndoDialog lastRestore={data.lastRestore} onDone={(result) => afterRestore(result, true)} onClose={() => setUndoing(false)} />}
    </Stack>
  );
}

function Locations({ data }: { data: BackupOverview }) {
  const { daily, weekly, monthly } = data.retention;
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1 }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 3 }}>
        <Row label="数据目录">{data.dataDir}</Row>
        <Row label="数据库">
          {formatBytes(data.databaseBytes)}（数据版本 {data.schemaVersion}）
        </Row>
        <Row label="附件">{data.attachmentFiles === 0 ? '暂无附件' : `${formatBytes(data.attachmentsBytes)}，${data.attachmentFiles} 个文件`}</Row>
        <Row label="备份位置">{data.backupsDir}</Row>
        <Row label="备份占用">{data.backups.length === 0 ? '—' : `${formatBytes(data.backupsBytes)}，共 ${data.backups.length} 份`}</Row>
        <Row label="自动备份">
          每天第一次启动后；保留最近 {daily} 天、{weekly} 周、{monthly} 个月各一份。手动和恢复前的备份不会自动删除。
        </Row>
      </Box>
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 1.5, py: 0.25, minWidth: 0 }}>
      <Typography variant="body2" color="text.secondary" sx={{ width: 64, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
        {children}
      </Typography>
    </Box>
  );
}

function BackupTable({
  backups,
  canRestore,
  verifying,
  onVerify,
  onRestore,
}: {
  backups: BackupEntry[];
  canRestore: boolean;
  verifying: BackupRef | undefined;
  onVerify: (entry: BackupEntry) => void;
  onRestore: (entry: BackupEntry) => void;
}) {
  return (
    <TableContainer sx={{ flex: 1, minHeight: 0 }}>
      <Table size="small" stickyHeader aria-label="备份列表">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 150 }}>时间</TableCell>
            <TableCell sx={{ width: 84 }}>类型</TableCell>
            <TableCell>名称</TableCell>
            <TableCell sx={{ width: 88 }} align="right">
              大小
            </TableCell>
            <TableCell sx={{ width: 96 }}>制作人</TableCell>
            <TableCell sx={{ width: 110 }}>校验</TableCell>
            <TableCell sx={{ width: canRestore ? 132 : 72 }} align="right">
              操作
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {backups.map((b) => {
            const busy = verifying?.name === b.ref.name && verifying.location === b.ref.location;
            return (
              <TableRow key={b.name} hover data-testid="backup-row">
                <TableCell>{b.createdAt ? formatDateTime(b.createdAt) : '—'}</TableCell>
                <TableCell>
                  <Chip size="small" label={kindLabel(b)} color={kindColor(b)} variant={b.kind === 'auto' ? 'outlined' : 'filled'} />
                </TableCell>
                <TableCell sx={{ wordBreak: 'break-all', color: 'text.secondary' }}>
                  {b.name}
                  {b.restoreOf && (
                    <Typography variant="caption" component="div">
                      恢复“{b.restoreOf}”之前的数据
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">{formatBytes(b.bytes)}</TableCell>
                <TableCell>{b.createdBy ?? '—'}</TableCell>
                <TableCell>
                  <Tooltip title={b.check.message}>
                    <Chip size="small" variant="outlined" color={checkColor(b)} label={checkLabel(b)} />
                  </Tooltip>
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Button size="small" disabled={verifying !== undefined} onClick={() => onVerify(b)}>
                    {busy ? '校验中…' : '校验'}
                  </Button>
                  {canRestore && (
                    <Button size="small" color="warning" disabled={b.check.state === 'problem'} onClick={() => onRestore(b)}>
                      恢复
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function UndoDialog({
  lastRestore,
  onDone,
  onClose,
}: {
  lastRestore: NonNullable<BackupOverview['lastRestore']>;
  onDone: (result: RestoreResult) => Promise<void>;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      title="撤销上次恢复"
      intro={
        <>
          {formatDateTime(lastRestore.at)} 由 {lastRestore.by} 恢复了“{lastRestore.backupName}”。撤销后，数据和附件回到那次恢复之前的状态
          （备份“{lastRestore.preRestoreName}”）。恢复之后新录入或修改的内容会在撤销前另存为一份“恢复前”备份，不会丢失。
        </>
      }
      confirmLabel="撤销恢复"
      onConfirm={async () => onDone(await api.backups.undoRestore())}
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary">
        撤销时其他窗口须已退出本程序。
      </Typography>
    </ConfirmDialog>
  );
}
