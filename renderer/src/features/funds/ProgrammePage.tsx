import { useState } from 'react';
import { Alert, Box, Button, Stack, Tab, Tabs, Typography } from '@mui/material';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ProgrammeDetail } from '../../../../shared/api/funds/records';
import { api } from '../../api/client';
import { skipToken, useApiQuery } from '../../components/apiQueries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useExportButton } from '../../components/ExportButton';
import { ErrorState, LoadingState, UnavailablePage } from '../../components/States';
import { useCurrentUser } from '../auth/useCurrentUser';
import { AllocationsTable } from './AllocationsTable';
import { DisbursementsTable } from './DisbursementsTable';
import { useFundsRefresh } from './fundQueries';
import { ProgrammeDialog } from './ProgrammeDialog';
import { BalanceCards, ProgrammeFacts } from './ProgrammeSummary';

const TABS = [
  { key: 'allocations', label: '分配明细' },
  { key: 'disbursements', label: '拨付记录' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

/**
 * 经费项目 page (route funds/programmes/:programmeId): the programme's facts and balances, its
 * allocations by street and its disbursements through 待审核 → 已审核 → 已拨付. The tab is in
 * ?tab= so going back and printing return to it. Editors change things; 查阅 only reads,
 * exports and prints.
 */
export function ProgrammePage() {
  const params = useParams();
  const id = /^\d+$/.test(params.programmeId ?? '') ? Number(params.programmeId) : null;
  const [search, setSearch] = useSearchParams();
  const tab: TabKey = TABS.find((t) => t.key === search.get('tab'))?.key ?? 'allocations';
  const detail = useApiQuery('funds.programme', id === null ? skipToken : { id });

  if (id === null)
    return (
      <UnavailablePage backTo="/funds" backLabel="返回经费台账">
        <Alert severity="error">地址中的经费项目编号不正确，请从经费台账的项目列表打开。</Alert>
      </UnavailablePage>
    );
  if (detail.isPending) return <LoadingState label="正在打开经费项目…" />;
  if (detail.isError)
    return (
      <UnavailablePage backTo="/funds" backLabel="返回经费台账">
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      </UnavailablePage>
    );
  const data = detail.data;
  const counts: Record<TabKey, number> = { allocations: data.allocations.length, disbursements: data.disbursements.length };
  return (
    // the page fills the window: the tab's table scrolls under its header and 合计
    <Stack spacing={1.5} sx={{ height: '100%' }}>
      <ProgrammeHeader detail={data} />
      <BalanceCards detail={data} />
      <Tabs
        value={tab}
        onChange={(_, key: TabKey) => setSearch(key === 'allocations' ? {} : { tab: key }, { replace: true })}
        sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40, '& .MuiTab-root': { minHeight: 40 } }}
      >
        {TABS.map((t) => (
          <Tab key={t.key} value={t.key} label={counts[t.key] ? `${t.label}（${counts[t.key]}）` : t.label} />
        ))}
      </Tabs>
      <Box role="tabpanel" aria-label={TABS.find((t) => t.key === tab)!.label} sx={{ flex: 1, minHeight: 320, display: 'flex', flexDirection: 'column' }}>
        {tab === 'allocations' ? <AllocationsTable detail={data} /> : <DisbursementsTable detail={data} />}
      </Box>
    </Stack>
  );
}


/** Name and facts; 修改 / 删除 for editors; 导出台账, 打印台账 for everyone. (导入拨付记录 sits with the disbursements.) */
function ProgrammeHeader({ detail }: { detail: ProgrammeDetail }) {
  const navigate = useNavigate();
  const location = useLocation();
  const { canCall } = useCurrentUser();
  const refresh = useFundsRefresh();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const p = detail.programme;
  const exporter = useExportButton(() => api.funds.exportLedger({ programmeId: p.id }), { label: '导出台账' });
  // opened from the list: back keeps the list's year and tab; opened directly: go to the list
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/funds'));
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
        <Button startIcon={<ArrowBackOutlined />} onClick={back} sx={{ flexShrink: 0, mt: 0.25 }}>
          返回
        </Button>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" sx={{ wordBreak: 'break-all', lineHeight: 1.4 }}>
            {p.name}
          </Typography>
          <ProgrammeFacts detail={detail} />
        </Box>
        <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>
          {canCall('funds.updateProgramme') && (
            <Button startIcon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改
            </Button>
          )}
          {canCall('funds.deleteProgramme') && detail.allocations.length === 0 && (
            <Button color="error" startIcon={<DeleteOutlined />} onClick={() => setDeleting(true)}>
              删除
            </Button>
          )}
          {exporter.button}
          <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => navigate(`/print/fund-ledger/${p.id}`)}>
            打印台账
          </Button>
        </Stack>
      </Stack>
      {exporter.feedback}
      {editing && <ProgrammeDialog year={p.year} programme={p} onClose={() => setEditing(false)} onSaved={refresh} />}
      {deleting && (
        <ConfirmDialog
          title="删除经费项目"
          intro={`将删除“${p.name}”（${p.year}年度）。该项目尚无分配，删除会记入操作日志。`}
          confirmLabel="删除"
          onConfirm={() => api.funds.deleteProgramme({ id: p.id })}
          onDone={async () => {
            navigate('/funds', { replace: true });
            await refresh();
          }}
          onClose={() => setDeleting(false)}
        />
      )}
    </Stack>
  );
}
