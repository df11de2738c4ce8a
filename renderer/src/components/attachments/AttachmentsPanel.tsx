import { useRef, useState } from 'react';
import { Alert, Box, Button, IconButton, LinearProgress, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_NAME_MAX,
  formatFileSize,
  type Attachment,
  type UploadedFile,
} from '../../../../shared/api/attachments';
import { api, downloadAttachment, errorMessage, isDesktop, uploadAttachment } from '../../api/client';
import { useMayCall } from '../../features/auth/useCurrentUser';
import { useApiQuery, useInvalidate } from '../apiQueries';
import { ConfirmDialog } from '../ConfirmDialog';
import { FormDialog } from '../FormDialog';
import { formatDateTime } from '../format';
import { EmptyState, ErrorState, LoadingState } from '../States';
import { AttachmentThumb } from './AttachmentThumb';

/**
 * The attachments of one record, for any module's page: a list with thumbnails, 上传 (the file
 * dialog of the desktop app, or the browser's), 下载, 重命名 and 删除 (after confirming). Who may
 * do what comes from the contract (useMayCall); a 查阅 account sees and downloads only. Built on the
 * renderer kit: useApiQuery, invalidate('attachments.'), ConfirmDialog, FormDialog.
 *
 *   <AttachmentsPanel ownerEntity="org_unit" ownerId={unit.id} title="村情照片" />
 *
 * `ownerEntity` must be one its module declares (`attachmentOwners`); the main process refuses others.
 */

const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';
const HINT = `可上传图片（JPG、PNG）或 PDF 文件，每个不超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`;

interface Progress {
  done: number;
  total: number;
  current: string;
}
interface Refusal {
  fileName: string;
  message: string;
}

export function AttachmentsPanel({ ownerEntity, ownerId, title = '附件' }: { ownerEntity: string; ownerId: number; title?: string }) {
  const may = useMayCall({ attach: 'attachments.attach', rename: 'attachments.rename', remove: 'attachments.remove' });
  const invalidate = useInvalidate();
  const list = useApiQuery('attachments.list', { ownerEntity, ownerId });
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [renaming, setRenaming] = useState<Attachment | null>(null);
  const canAttach = may.attach;
  const canRename = may.rename;
  const canRemove = may.remove;
  const refresh = () => invalidate('attachments.');

  /** Files each received (uploaded, or read by the main process) and then attached, one after another. */
  async function attachAll(items: Array<{ fileName: string; receive: () => Promise<UploadedFile> }>, refusedAlready: Refusal[]) {
    const refused = [...refusedAlready];
    let attached = 0;
    for (const [i, item] of items.entries()) {
      setProgress({ done: i, total: items.length, current: item.fileName });
      try {
        const uploaded = await item.receive();
        await api.attachments.attach({ uploadToken: uploaded.uploadToken, ownerEntity, ownerId });
        attached++;
      } catch (error) {
        refused.push({ fileName: item.fileName, message: errorMessage(error) });
      }
    }
    setProgress(null);
    setRefusals(refused);
    if (attached > 0) setNotice({ severity: 'success', text: `已添加 ${attached} 个附件` });
    await refresh();
  }

  async function startUpload() {
    setNotice(null);
    setRefusals([]);
    if (!isDesktop()) {
      input.current?.click();
      return;
    }
    try {
      setProgress({ done: 0, total: 0, current: '' });
      const chosen = await api.attachments.chooseFiles();
      if (!chosen.chosen) {
        setProgress(null);
        return;
      }
      await attachAll(
        chosen.uploads.map((u) => ({ fileName: u.fileName, receive: async () => u })),
        chosen.refused,
      );
    } catch (error) {
      setProgress(null);
      setNotice({ severity: 'error', text: errorMessage(error) });
    }
  }

  async function onFilesPicked(files: FileList | null) {
    const picked = files ? [...files] : [];
    if (input.current) input.current.value = ''; // the same file can be picked again
    if (picked.length === 0) return;
    await attachAll(
      picked.map((file) => ({ fileName: file.name, receive: () => uploadAttachment(file) })),
      [],
    );
  }

  async function download(attachment: Attachment) {
    setNotice(null);
    try {
      const message = await downloadAttachment(attachment);
      if (message) setNotice({ severity: 'success', text: message });
    } catch (error) {
      setNotice({ severity: 'error', text: errorMessage(error) });
    }
  }

  const items = list.data ?? [];
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="subtitle1" component="h3">
            {title}
            {items.length > 0 ? `（${items.length}）` : ''}
          </Typography>
          {canAttach && (
            <Typography variant="body2" color="text.secondary">
              {HINT}
            </Typography>
          )}
        </Box>
        {canAttach && (
          <Button variant="outlined" startIcon={<UploadFileOutlined />} onClick={() => void startUpload()} disabled={progress !== null}>
            上传附件
          </Button>
        )}
        <input ref={input} type="file" accept={ACCEPT} multiple hidden aria-label="选择要上传的文件" onChange={(e) => void onFilesPicked(e.target.files)} />
      </Stack>

      {progress && (
        <Box sx={{ mb: 1.5 }} role="status">
          <LinearProgress variant={progress.total > 0 ? 'determinate' : 'indeterminate'} value={progress.total > 0 ? (progress.done / progress.total) * 100 : 0} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {progress.total > 0 ? `正在上传（${progress.done + 1}/${progress.total}）：${progress.current}` : '请在对话框中选择文件…'}
          </Typography>
        </Box>
      )}
      {notice && (
        <Alert severity={notice.severity} onClose={() => setNotice(null)} sx={{ mb: 1.5 }}>
          {notice.text}
        </Alert>
      )}
      {refusals.length > 0 && (
        <Alert severity="warning" onClose={() => setRefusals([])} sx={{ mb: 1.5 }}>
          {refusals.length === 1 ? '这个文件没有添加：' : `这 ${refusals.length} 个文件没有添加：`}
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {refusals.map((r, i) => (
              <li key={`${r.fileName}-${i}`}>
                {r.fileName}：{r.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}

      {list.isLoading ? (
        <LoadingState label="正在读取附件…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="还没有附件" hint={canAttach ? '点击“上传附件”添加照片或扫描件' : undefined} />
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(168px, 1fr))', gap: 2 }}>
          {items.map((a) => (
            <Stack key={a.id} spacing={0.75} sx={{ alignItems: 'flex-start', minWidth: 0 }} data-testid="attachment-item">
              <AttachmentThumb attachment={a} />
              <Tooltip title={a.fileName}>
                <Typography variant="body2" noWrap sx={{ maxWidth: '100%', fontWeight: 500 }}>
                  {a.fileName}
                </Typography>
              </Tooltip>
              <Typography variant="caption" color="text.secondary">
                {formatFileSize(a.bytes)}
                {a.width && a.height ? ` · ${a.width}×${a.height}` : ''}
                {a.missing ? ' · 文件缺失' : ''}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {a.createdBy} · {formatDateTime(a.createdAt)}
              </Typography>
              <Stack direction="row" spacing={0.5}>
                <Tooltip title="下载">
                  <span>
                    <IconButton size="small" aria-label={`下载 ${a.fileName}`} onClick={() => void download(a)} disabled={a.missing}>
                      <DownloadOutlined fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
                {canRename && (
                  <Tooltip title="重命名">
                    <IconButton size="small" aria-label={`重命名 ${a.fileName}`} onClick={() => setRenaming(a)}>
                      <EditOutlined fontSize="small" />
                    </IconButton>
                  </Tooltip>
                )}
                {canRemove && (
                  <Tooltip title="删除">
                    <IconButton size="small" aria-label={`删除 ${a.fileName}`} onClick={() => setRemoving(a)}>
                      <DeleteOutlined fontSize="small" />
                    </IconButton>
                  </Tooltip>
                )}
              </Stack>
            </Stack>
          ))}
        </Box>
      )}

      {removing && (
        <ConfirmDialog
          title="删除附件"
          intro={`删除附件“${removing.fileName}”？删除后在程序中不能恢复（删除前做的备份中仍有这个文件）。`}
          confirmLabel="删除"
          onConfirm={async () => {
            await api.attachments.remove({ id: removing.id });
            setNotice({ severity: 'success', text: `已删除：${removing.fileName}` });
          }}
          onDone={refresh}
          onClose={() => setRemoving(null)}
        />
      )}
      {renaming && <RenameDialog attachment={renaming} onRenamed={refresh} onClose={() => setRenaming(null)} />}
    </Paper>
  );
}

function RenameDialog({ attachment, onRenamed, onClose }: { attachment: Attachment; onRenamed: () => Promise<unknown>; onClose: () => void }) {
  const [name, setName] = useState(attachment.fileName);
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      title="重命名附件"
      formError={error}
      submitOnEnter
      maxWidth="xs"
      onSubmit={async () => {
        setError(null);
        try {
          await api.attachments.rename({ id: attachment.id, fileName: name });
          return true;
        } catch (e) {
          setError(errorMessage(e));
          return false;
        }
      }}
      onSaved={onRenamed}
      onClose={onClose}
    >
      <TextField label="文件名" value={name} onChange={(e) => setName(e.target.value)} fullWidth autoFocus slotProps={{ htmlInput: { maxLength: ATTACHMENT_NAME_MAX } }} sx={{ mt: 1 }} />
    </FormDialog>
  );
}
