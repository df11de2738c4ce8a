import { useState } from 'react';
import { Alert, Box, Button, Chip, FormControlLabel, List, ListSubheader, Radio, Stack, Typography } from '@mui/material';
import FolderOpenOutlined from '@mui/icons-material/FolderOpenOutlined';
import { z } from 'zod';
import type { BackupEntry, ChosenLocation, RestoreResult } from '../../../../shared/api/backups';
import { api, errorMessage } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import { backupLine, checkColor, checkLabel } from './backup-labels';

const refKey = (entry: BackupEntry) => `${entry.ref.location}/${entry.ref.name}`;

/** The choice: a backup that passed its checks. */
const RestoreChoice = z.object({
  backup: z.custom<BackupEntry | null>().superRefine((b, ctx) => {
    if (!b) ctx.addIssue({ code: 'custom', message: '请选择要恢复的备份' });
    else if (b.check.state === 'problem') ctx.addIssue({ code: 'custom', message: `这份备份不能恢复：${b.check.message}` });
  }),
});

/**
 * 恢复…: choose a backup (from the list, or from another folder such as a USB stick), read what
 * will happen, confirm. The current data is backed up first, so the restore can be undone.
 */
export function RestoreDialog({
  backups,
  initial,
  schemaVersion,
  onRestored,
  onClose,
}: {
  backups: BackupEntry[];
  initial: BackupEntry | null;
  schemaVersion: number;
  onRestored: (result: RestoreResult) => Promise<void> | void;
  onClose: () => void;
}) {
  const form = useZodForm(RestoreChoice, { backup: initial ?? backups.find((b) => b.check.state !== 'problem') ?? null });
  const selected = form.values.backup as BackupEntry | null;
  const setSelected = (entry: BackupEntry) => form.set('backup', entry);
  const [elsewhere, setElsewhere] = useState<{ location: ChosenLocation; backups: BackupEntry[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);

  const chooseFolder = async () => {
    setChoosing(true);
    form.fail(null);
    setNotice(null);
    try {
      const result = await api.backups.chooseFolder({ purpose: 'restore' });
      if (!result.chosen) {
        setNotice(result.message);
        return;
      }
      setElsewhere({ location: result.location, backups: result.backups });
      if (result.backups.length === 0) form.fail(`所选文件夹中没有找到备份：${result.location.label}。请选择备份文件夹（名称以“基层党建台账备份-”开头）或其所在的文件夹。`);
      else setSelected(result.backups.find((b) => b.check.state !== 'problem') ?? result.backups[0]!);
    } catch (error) {
      form.fail(errorMessage(error));
    } finally {
      setChoosing(false);
    }
  };

  const option = (entry: BackupEntry) => (
    <Box key={refKey(entry)} sx={{ display: 'flex', alignItems: 'center', px: 1 }}>
      <FormControlLabel
        sx={{ flex: 1, mr: 0 }}
        control={<Radio size="small" checked={selected !== null && refKey(selected) === refKey(entry)} onChange={() => setSelected(entry)} />}
        label={
          <Typography variant="body2">
            {backupLine(entry)}
            <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
              {entry.name}
            </Typography>
          </Typography>
        }
      />
      <Chip size="small" variant="outlined" color={checkColor(entry)} label={checkLabel(entry)} />
    </Box>
  );

  return (
    <FormDialog
      title="从备份恢复"
      intro={
        <>
          恢复会用所选备份<b>替换当前的全部数据</b>（数据库和附件）。恢复前，程序会先把当前数据另存为一份“恢复前”备份；
          如果恢复后发现不对，可以点“撤销上次恢复”回到现在的状态。恢复前请让其他窗口和同事退出本程序。
        </>
      }
      formError={form.formError}
      submitLabel="先备份当前数据，再恢复"
      danger
      onSubmit={() => form.submit(async ({ backup }) => onRestored(await api.backups.restore({ ref: backup!.ref })))}
      onClose={onClose}
    >
      <List dense disablePadding sx={{ maxHeight: 260, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }} aria-label="可恢复的备份">
        <ListSubheader sx={{ lineHeight: '32px' }}>本机备份文件夹</ListSubheader>
        {backups.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 1 }}>
            还没有备份
          </Typography>
        ) : (
          backups.map(option)
        )}
        {elsewhere && (
          <>
            <ListSubheader sx={{ lineHeight: '32px', wordBreak: 'break-all' }}>来自：{elsewhere.location.label}</ListSubheader>
            {elsewhere.backups.map(option)}
          </>
        )}
      </List>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', py: 0.5 }}>
        <Button size="small" startIcon={<FolderOpenOutlined />} disabled={choosing} onClick={() => void chooseFolder()}>
          {choosing ? '正在打开…' : '从其他位置选择…'}
        </Button>
        <Typography variant="caption" color="text.secondary">
          U 盘、共享文件夹中的备份
        </Typography>
      </Stack>
      {notice && <Alert severity="info">{notice}</Alert>}
      {selected && (
        <Alert severity={selected.check.state === 'problem' ? 'error' : 'warning'} icon={false}>
          将恢复：{backupLine(selected)}
          {selected.createdBy ? `，由 ${selected.createdBy} 制作` : ''}
          {selected.check.state === 'problem' && <Box>不能恢复：{selected.check.message}</Box>}
          {selected.check.state !== 'problem' && selected.schemaVersion !== null && selected.schemaVersion < schemaVersion && (
            <Box>这份备份来自较早的版本（数据版本 {selected.schemaVersion}），恢复后会自动升级到当前版本。</Box>
          )}
          <Box>恢复前会先完整校验这份备份；校验不通过时不会改动任何数据。</Box>
        </Alert>
      )}
    </FormDialog>
  );
}
