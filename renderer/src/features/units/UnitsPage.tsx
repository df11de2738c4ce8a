import { useDeferredValue, useState } from 'react';
import { Alert, Box, Button, FormControlLabel, Paper, Snackbar, Stack, Switch, Typography } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import { useSearchParams } from 'react-router';
import type { UnitRow } from '../../../../shared/api/units';
import { errorMessage } from '../../api/client';
import { skipToken, useApiMutation, useApiQuery } from '../../components/apiQueries';
import { SearchField } from '../../components/SearchField';
import { ErrorState, LoadingState } from '../../components/States';
import { ChangeCodeDialog } from './ChangeCodeDialog';
import { RetireDialog } from './RetireDialog';
import { StreetList } from './StreetList';
import { UnitDetailDrawer } from './UnitDetailDrawer';
import { UnitFormDialog, type UnitFormTarget } from './UnitFormDialog';
import { UnitsGrid } from './UnitsGrid';
import { useCurrentUser } from '../auth/useCurrentUser';

type Dialog = { kind: 'form'; target: UnitFormTarget } | { kind: 'changeCode'; row: UnitRow } | { kind: 'retire'; row: UnitRow } | null;

/** 组织架构: streets on the left, their units on the right; search by name, code or pinyin. */
export function UnitsPage() {
  // the chosen street, search text and "show retired" live in the address, so they survive navigation
  const [params, setParams] = useSearchParams();
  const streetId = params.get('street') ? Number(params.get('street')) : null;
  const search = params.get('q') ?? '';
  const includeRetired = params.get('retired') === '1';
  const setParam = (key: string, value: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
      return next;
    }, { replace: true });

  const query = useDeferredValue(search.trim());
  const tree = useApiQuery('units.tree', { includeRetired });
  const settings = useApiQuery('settings.get');
  const found = useApiQuery('units.search', query === '' ? skipToken : { query, includeRetired, limit: 500 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  // 查阅 accounts read only; the API refuses their edits anyway
  const { canCall } = useCurrentUser();
  const restore = useApiMutation('units.restore', {
    invalidates: ['units.'],
    onSuccess: (row) => setNotice({ severity: 'success', text: `已恢复“${row.name}”` }),
    onError: (error) => setNotice({ severity: 'error', text: errorMessage(error) }),
  });

  if (tree.isPending) return <LoadingState />;
  if (tree.isError) return <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />;
  const streets = tree.data;
  const activeStreets = streets.filter((s) => s.status === 'active');
  const street = streetId === null ? null : (streets.find((s) => s.id === streetId) ?? null);
  const searching = query !== '';
  const rows: UnitRow[] = searching
    ? (found.data ?? [])
    : street
      ? street.units
      : streets.flatMap((s) => s.units);

  const actions = {
    open: (row: UnitRow) => setOpenId(row.id),
    edit: (row: UnitRow) => setDialog({ kind: 'form', target: { mode: 'edit', row } }),
    changeCode: (row: UnitRow) => setDialog({ kind: 'changeCode', row }),
    retire: (row: UnitRow) => setDialog({ kind: 'retire', row }),
    restore: (row: UnitRow) => restore.mutate({ id: row.id }),
  };
  const heading = searching ? `查找“${query}”的结果` : street ? street.name : '全部村（社区）';

  return (
    <Stack direction="row" spacing={2} sx={{ height: '100%', minHeight: 560 }}>
      <Paper variant="outlined" sx={{ width: 260, flexShrink: 0, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <Box sx={{ p: 1.5, pb: 0.5 }}>
          <SearchField placeholder="名称、代码或拼音" ariaLabel="查找单位" value={search} onChange={(text) => setParam('q', text)} />
          <FormControlLabel
            control={<Switch size="small" checked={includeRetired} onChange={(e) => setParam('retired', e.target.checked ? '1' : null)} />}
            label={<Typography variant="body2">显示已撤销</Typography>}
          />
        </Box>
        <StreetList
          streets={streets}
          selectedId={searching ? undefined : (street?.id ?? null)}
          onSelect={(id) => setParams((p) => {
            const next = new URLSearchParams(p);
            next.delete('q');
            if (id === null) next.delete('street');
            else next.set('street', String(id));
            return next;
          }, { replace: true })}
        />
      </Paper>
      <Stack spacing={1.5} sx={{ flex: 1, minWidth: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1, minWidth: 200 }} noWrap title={heading}>
            {heading}
            <Typography component="span" color="text.secondary" sx={{ ml: 1 }}>
              {rows.length} 条
            </Typography>
          </Typography>
          {street && !searching && (
            <Button size="small" onClick={() => actions.open(street)}>
              街道详情
            </Button>
          )}
          {canCall('units.update') && street && !searching && street.status === 'active' && (
            <Button size="small" onClick={() => actions.edit(street)}>
              编辑街道
            </Button>
          )}
          {canCall('units.retire') && street && !searching && street.status === 'active' && (
            <Button size="small" onClick={() => actions.retire(street)}>
              撤销街道
            </Button>
          )}
          {canCall('units.create') && (
            <>
              <Button
                variant="outlined"
                startIcon={<AddOutlined />}
                onClick={() => setDialog({ kind: 'form', target: { mode: 'create', level: 'street', districtCode: settings.data?.district?.code ?? '' } })}
              >
                新增街道（镇）
              </Button>
              <Button
                variant="contained"
                startIcon={<AddOutlined />}
                disabled={activeStreets.length === 0}
                onClick={() => setDialog({ kind: 'form', target: { mode: 'create', level: 'unit', parentId: street?.status === 'active' ? street.id : null } })}
              >
                新增村（社区）
              </Button>
            </>
          )}
        </Stack>
        {searching && found.isError && <ErrorState error={found.error} />}
        <Box sx={{ flex: 1, minHeight: 0 }}>
          <UnitsGrid
            rows={rows}
            actions={actions}
            showStreet={searching || street === null}
            emptyTitle={searching ? '没有找到匹配的单位' : '这里还没有村（社区）'}
            emptyHint={searching ? '可以输入名称的一部分、代码开头几位或拼音首字母（如 qxjd）' : canCall('units.create') ? '点击右上角“新增村（社区）”添加' : undefined}
          />
        </Box>
      </Stack>
      {dialog?.kind === 'form' && <UnitFormDialog target={dialog.target} streets={activeStreets} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'changeCode' && <ChangeCodeDialog row={dialog.row} streets={activeStreets} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'retire' && <RetireDialog row={dialog.row} onClose={() => setDialog(null)} />}
      {openId !== null && <UnitDetailDrawer id={openId} onClose={() => setOpenId(null)} />}
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)}>
        {notice ? <Alert severity={notice.severity}>{notice.text}</Alert> : undefined}
      </Snackbar>
    </Stack>
  );
}
