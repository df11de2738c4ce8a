import { useState } from 'react';
import { Box, Button, Chip, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import type { VillageYear } from '../../../../shared/api/villages';
import { api } from '../../api/client';
import { useApiQuery } from '../../components/apiQueries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { moneyColumn, ReportTable, type ReportColumn } from '../../components/ReportTable';
import { EmptyState } from '../../components/States';
import { useDictionary } from '../../components/useDictionary';
import { useCurrentUser } from '../auth/useCurrentUser';
import { YearDialog, type YearTarget } from './YearDialog';
import { suggestedYear } from './yearForm';

const count = (n: number | null) => (n === null ? '' : n.toLocaleString('zh-CN'));

/** 年度数据: one row per year, newest first; 新增 / 编辑 / 删除 for those who may edit. */
export function YearTable({ unitId, unitName, years, onSaved }: { unitId: number; unitName: string; years: VillageYear[]; onSaved: () => Promise<unknown> | void }) {
  const [target, setTarget] = useState<YearTarget | null>(null);
  const [deleting, setDeleting] = useState<VillageYear | null>(null);
  const settings = useApiQuery('settings.get');
  const stars = useDictionary('star_rating');
  const fortress = useDictionary('fortress_index');
  const { canCall } = useCurrentUser();
  const canSave = canCall('villages.saveYear');
  const canDelete = canCall('villages.deleteYear');
  const taken = years.map((y) => y.year);
  const workingYear = settings.data?.workingYear ?? new Date().getFullYear();
  const add = () => setTarget({ mode: 'create', year: suggestedYear(workingYear, taken) });
  const countColumn = (key: 'households' | 'residentPopulation' | 'memberTotal', header: string): ReportColumn<VillageYear> => ({ key, header, numeric: true, cell: (y) => count(y[key]) });
  const columns: ReportColumn<VillageYear>[] = [
    { key: 'year', header: '年度', sx: { fontWeight: 600 }, cell: (y) => y.year },
    moneyColumn(
      'collectiveIncomeFen',
      <>
        集体经营性
        <br />
        收入（元）
      </>,
      (y) => y.collectiveIncomeFen,
    ),
    { key: 'incomeBand', header: '收入档次', nowrap: true, cell: (y) => y.incomeBandLabel ?? '' },
    moneyColumn('collectiveAssetsFen', '集体资产（元）', (y) => y.collectiveAssetsFen),
    moneyColumn('liabilitiesFen', '负债（元）', (y) => y.liabilitiesFen),
    { key: 'starRating', header: '评星定级', cell: (y) => stars.labelOf(y.starRating) || y.starRating },
    { key: 'fortressIndex', header: '堡垒指数', cell: (y) => fortress.labelOf(y.fortressIndex) || y.fortressIndex },
    { key: 'weakOrg', header: '软弱涣散', cell: (y) => (y.weakOrg ? <Chip size="small" color="warning" label="是" /> : '否') },
    countColumn('households', '户数'),
    countColumn('residentPopulation', '常住人口'),
    countColumn('memberTotal', '党员'),
    { key: 'note', header: '备注', width: '100%', sx: { wordBreak: 'break-all' }, cell: (y) => y.note },
    ...(canSave || canDelete
      ? [
          {
            key: 'actions',
            header: '操作',
            nowrap: true,
            cell: (y) => (
              <>
                {canSave && (
                  <Tooltip title="编辑">
                    <IconButton size="small" aria-label={`编辑${y.year}年度`} onClick={() => setTarget({ mode: 'edit', row: y })}>
                      <EditOutlined fontSize="small" />
                    </IconButton>
                  </Tooltip>
                )}
                {canDelete && (
                  <Tooltip title="删除">
                    <IconButton size="small" aria-label={`删除${y.year}年度`} onClick={() => setDeleting(y)}>
                      <DeleteOutlined fontSize="small" />
                    </IconButton>
                  </Tooltip>
                )}
              </>
            ),
          } satisfies ReportColumn<VillageYear>,
        ]
      : []),
  ];

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, minHeight: 32 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          年度数据
        </Typography>
        <Typography variant="body2" color="text.secondary">
          每年一行，金额单位：元；收入档次按“设置 → 阈值与规则”中的标准划分
        </Typography>
        <Box sx={{ flex: 1 }} />
        {canSave && years.length > 0 && (
          <Button size="small" variant="contained" startIcon={<AddOutlined />} onClick={add}>
            新增年度
          </Button>
        )}
      </Stack>
      {years.length === 0 ? (
        <EmptyState
          title="尚无年度数据"
          hint={canSave ? '每年填写一次集体经营性收入、资产负债、评星定级等数据' : '经办人填写后在此显示'}
          action={
            canSave && (
              <Button variant="contained" startIcon={<AddOutlined />} onClick={add}>
                新增年度
              </Button>
            )
          }
        />
      ) : (
        <ReportTable label="年度数据" columns={columns} rows={years} rowKey={(y) => y.year} rowProps={(y) => ({ hover: true, 'data-year': y.year })} outlined={false} maxHeight="none" />
      )}
      {target && <YearDialog unitId={unitId} unitName={unitName} target={target} takenYears={taken} onClose={() => setTarget(null)} onSaved={onSaved} />}
      {deleting && (
        <ConfirmDialog
          title={`删除${deleting.year}年度数据`}
          intro={`将删除“${unitName}”${deleting.year}年度的全部数据（收入、资产、评星定级等），其他年度不受影响。删除会记入操作日志。`}
          confirmLabel="删除"
          onConfirm={() => api.villages.deleteYear({ unitId, year: deleting.year })}
          onDone={onSaved}
          onClose={() => setDeleting(null)}
        />
      )}
    </Paper>
  );
}
