import { useState } from 'react';
import { Alert, Box, Button, Chip, IconButton, List, ListItemButton, ListItemText, ListSubheader, Paper, Snackbar, Stack, Tooltip, Typography } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import ArrowDownwardOutlined from '@mui/icons-material/ArrowDownwardOutlined';
import ArrowUpwardOutlined from '@mui/icons-material/ArrowUpwardOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import RestoreOutlined from '@mui/icons-material/RestoreOutlined';
import type { DictionaryInfo, ManagedItem } from '../../../../shared/api/dictionaries';
import type { DictionaryName } from '../../../../shared/domain/dictionaries';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../components/apiQueries';
import { ReportTable, type ReportColumn } from '../../components/ReportTable';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useMayCall } from '../auth/useCurrentUser';
import { ConfirmItemDialog, ItemFormDialog, type ItemAction } from './DictionaryDialogs';

type Dialog = { kind: 'add' } | { kind: 'edit'; item: ManagedItem } | { kind: ItemAction; item: ManagedItem } | null;

/** 字典管理: the dictionaries on the left, the chosen one's items on the right. */
export function DictionariesTab() {
  const list = useApiQuery('dictionaries.list');
  const [chosen, setChosen] = useState<DictionaryName | null>(null);
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.length === 0) return <EmptyState title="没有字典" />;
  const current = chosen ?? list.data[0]!.name;
  // the dictionaries grouped by the module that uses them, in registry order
  const modules = [...new Set(list.data.map((d) => d.moduleLabel))];
  return (
    <Box sx={{ display: 'flex', gap: 2, height: '100%', minHeight: 420 }}>
      <Paper variant="outlined" sx={{ width: 250, flexShrink: 0, overflow: 'auto' }}>
        <List dense aria-label="字典列表" disablePadding>
          {modules.map((m) => (
            <li key={m}>
              <ul style={{ padding: 0 }}>
                <ListSubheader sx={{ lineHeight: '32px' }}>{m}</ListSubheader>
                {list.data
                  .filter((d) => d.moduleLabel === m)
                  .map((d) => (
                    <ListItemButton key={d.name} selected={d.name === current} onClick={() => setChosen(d.name)}>
                      <ListItemText
                        primary={d.label}
                        secondary={`${d.activeCount} 项在用${d.retiredCount ? `，${d.retiredCount} 项停用` : ''}`}
                        slotProps={{ primary: { noWrap: true, title: d.label } }}
                      />
                    </ListItemButton>
                  ))}
              </ul>
            </li>
          ))}
        </List>
      </Paper>
      <Box sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <DictionaryItems key={current} name={current} />
      </Box>
    </Box>
  );
}

function DictionaryItems({ name }: { name: DictionaryName }) {
  const detail = useApiQuery('dictionaries.detail', { name });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const may = useMayCall({
    add: 'dictionaries.addItem',
    move: 'dictionaries.moveItem',
    edit: 'dictionaries.updateItem',
    retire: 'dictionaries.retireItem',
    restore: 'dictionaries.restoreItem',
    delete: 'dictionaries.deleteItem',
  });
  const anyAction = may.move || may.edit || may.retire || may.restore || may.delete;
  const move = useApiMutation('dictionaries.moveItem', {
    invalidates: ['dictionaries.'],
    onError: (error) => setNotice(errorMessage(error)),
  });
  if (detail.isPending) return <LoadingState />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { dictionary, items } = detail.data;
  const columns: ReportColumn<ManagedItem>[] = [
    { key: 'no', header: '序号', width: 64, cell: (_, index) => index + 1 },
    { key: 'label', header: '名称', sx: { wordBreak: 'break-all' }, cell: (item) => item.label },
    ...(dictionary.groups !== null ? [{ key: 'group', header: '分组', width: 72, cell: (item) => item.group ?? '—' } satisfies ReportColumn<ManagedItem>] : []),
    { key: 'usage', header: '使用记录', width: 88, numeric: true, cell: (item) => (dictionary.usedBy.length === 0 ? '—' : item.usageCount) },
    { key: 'state', header: '状态', width: 84, cell: (item) => (item.retired ? <Chip size="small" label="已停用" /> : <Chip size="small" color="success" variant="outlined" label="在用" />) },
    ...(anyAction
      ? [
          {
            key: 'actions',
            header: '操作',
            width: 196,
            sx: { py: 0 },
            cell: (item, index) => (
              <Stack direction="row">
                <Action shown={may.move} title="上移" disabled={index === 0 || move.isPending} onClick={() => move.mutate({ name, value: item.value, direction: 'up' })} label={`上移${item.label}`}>
                  <ArrowUpwardOutlined fontSize="small" />
                </Action>
                <Action
                  shown={may.move}
                  title="下移"
                  disabled={index === items.length - 1 || move.isPending}
                  onClick={() => move.mutate({ name, value: item.value, direction: 'down' })}
                  label={`下移${item.label}`}
                >
                  <ArrowDownwardOutlined fontSize="small" />
                </Action>
                <Action shown={may.edit} title="编辑" onClick={() => setDialog({ kind: 'edit', item })} label={`编辑${item.label}`}>
                  <EditOutlined fontSize="small" />
                </Action>
                {item.retired ? (
                  <Action shown={may.restore} title="恢复" onClick={() => setDialog({ kind: 'restore', item })} label={`恢复${item.label}`}>
                    <RestoreOutlined fontSize="small" />
                  </Action>
                ) : (
                  <Action shown={may.retire} title="停用" onClick={() => setDialog({ kind: 'retire', item })} label={`停用${item.label}`}>
                    <BlockOutlined fontSize="small" />
                  </Action>
                )}
                <Action shown={may.delete} title="删除" onClick={() => setDialog({ kind: 'delete', item })} label={`删除${item.label}`}>
                  <DeleteOutlined fontSize="small" />
                </Action>
              </Stack>
            ),
          } satisfies ReportColumn<ManagedItem>,
        ]
      : []),
  ];
  return (
    <Stack spacing={1} sx={{ flex: 1, minHeight: 0 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h3">
            {dictionary.label}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {dictionary.description}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {usageText(dictionary)}
          </Typography>
        </Box>
        {may.add && (
          <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setDialog({ kind: 'add' })} sx={{ flexShrink: 0 }}>
            新增条目
          </Button>
        )}
      </Stack>
      {items.length === 0 ? (
        <EmptyState title="这个字典还没有条目" hint={may.add ? '点击“新增条目”添加' : undefined} />
      ) : (
        <ReportTable
          label={`${dictionary.label}的条目`}
          columns={columns}
          rows={items}
          rowKey={(item) => item.value}
          rowProps={(item) => ({ hover: true, sx: item.retired ? { '& td': { color: 'text.disabled' } } : undefined })}
          maxHeight="fill"
        />
      )}
      <Typography variant="caption" color="text.secondary">
        停用的条目不能再被选用，已有记录照常显示；未被任何记录使用的条目才能删除。
      </Typography>
      {dialog?.kind === 'add' && <ItemFormDialog dictionary={dictionary} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <ItemFormDialog dictionary={dictionary} item={dialog.item} onClose={() => setDialog(null)} />}
      {dialog && (dialog.kind === 'retire' || dialog.kind === 'restore' || dialog.kind === 'delete') && (
        <ConfirmItemDialog action={dialog.kind} dictionary={dictionary} item={dialog.item} onClose={() => setDialog(null)} />
      )}
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)}>
        {notice ? <Alert severity="error">{notice}</Alert> : undefined}
      </Snackbar>
    </Stack>
  );
}

function usageText(d: DictionaryInfo): string {
  if (d.usedBy.length > 0) return `用于：${d.usedBy.join('；')}`;
  return `用于“${d.moduleLabel}”模块（该模块尚未启用，目前没有记录使用）`;
}

/** A row's icon button with its tooltip; nothing for those who may not (`shown` false). */
function Action({ shown, title, label, disabled, onClick, children }: { shown: boolean; title: string; label: string; disabled?: boolean; onClick: () => void; children: React.ReactNode }) {
  if (!shown) return null;
  return (
    <Tooltip title={title}>
      <span>
        <IconButton size="small" aria-label={label} disabled={disabled} onClick={onClick}>
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}
