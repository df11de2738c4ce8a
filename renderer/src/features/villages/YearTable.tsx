import { useState } from 'react';
import { Box, Button, Chip, IconButton, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import { useQuery } from '@tanstack/react-query';
import type { VillageYear } from '../../../../shared/api/villages';
import { formatYuan } from '../../../../shared/domain/money';
import { api, errorMessage } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { EmptyState } from '../../components/States';
import { useDictionary } from '../../components/useDictionary';
import { YearDialog, type YearTarget } from './YearDialog';
import { suggestedYear } from './yearForm';

const money = (fen: number | null) => (fen === null ? '' : formatYuan(fen));
const count = (n: number | null) => (n === null ? '' : n.toLocaleString('zh-CN'));

/** 年度数据: one row per year, newest first; 新增 / 编辑 / 删除 for those who may edit. */
export function YearTable({
  unitId,
  unitName,
  years,
  canEdit,
  onSaved,
}: {
  unitId: number;
  unitName: string;
  years: VillageYear[];
  canEdit: boolean;
  onSaved: () => Promise<unknown> | void;
}) {
  const [target, setTarget] = useState<YearTarget | null>(null);
  const [deleting, setDeleting] = useState<VillageYear | null>(null);
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get() });
  const stars = useDictionary('star_rating');
  const fortress = useDictionary('fortress_index');
  const taken = years.map((y) => y.year);
  const workingYear = settings.data?.workingYear ?? new Date().getFullYear();
  const add = () => setTarget({ mode: 'create', year: suggestedYear(workingYear, taken) });

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
        {canEdit && years.length > 0 && (
          <Button size="small" variant="contained" startIcon={<AddOutlined />} onClick={add}>
            新增年度
          </Button>
        )}
      </Stack>
      {years.length === 0 ? (
        <EmptyState
          title="尚无年度数据"
          hint={canEdit ? '每年填写一次集体经营性收入、资产负债、评星定级等数据' : '经办人填写后在此显示'}
          action={
            canEdit && (
              <Button variant="contained" startIcon={<AddOutlined />} onClick={add}>
                新增年度
              </Button>
            )
          }
        />
      ) : (
        <TableContainer>
          <Table size="small" aria-label="年度数据" sx={{ '& th': { whiteSpace: 'nowrap', fontWeight: 600, bgcolor: 'grey.50', px: 1 }, '& td': { px: 1 }, '& .num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>年度</TableCell>
                <TableCell className="num">
                  集体经营性
                  <br />
                  收入（元）
                </TableCell>
                <TableCell>收入档次</TableCell>
                <TableCell className="num">集体资产（元）</TableCell>
                <TableCell className="num">负债（元）</TableCell>
                <TableCell>评星定级</TableCell>
                <TableCell>堡垒指数</TableCell>
                <TableCell>软弱涣散</TableCell>
                <TableCell className="num">户数</TableCell>
                <TableCell className="num">常住人口</TableCell>
                <TableCell className="num">党员</TableCell>
                <TableCell sx={{ width: '100%' }}>备注</TableCell>
                {canEdit && <TableCell>操作</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {years.map((y) => (
                <TableRow key={y.year} hover data-year={y.year}>
                  <TableCell sx={{ fontWeight: 600 }}>{y.year}</TableCell>
                  <TableCell className="num">{money(y.collectiveIncomeFen)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{y.incomeBandLabel ?? ''}</TableCell>
                  <TableCell className="num">{money(y.collectiveAssetsFen)}</TableCell>
                  <TableCell className="num">{money(y.liabilitiesFen)}</TableCell>
                  <TableCell>{stars.labelOf(y.starRating) || y.starRating}</TableCell>
                  <TableCell>{fortress.labelOf(y.fortressIndex) || y.fortressIndex}</TableCell>
                  <TableCell>{y.weakOrg ? <Chip size="small" color="warning" label="是" /> : '否'}</TableCell>
                  <TableCell className="num">{count(y.households)}</TableCell>
                  <TableCell className="num">{count(y.residentPopulation)}</TableCell>
                  <TableCell className="num">{count(y.memberTotal)}</TableCell>
                  <TableCell sx={{ wordBreak: 'break-all' }}>{y.note}</TableCell>
                  {canEdit && (
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <Tooltip title="编辑">
                        <IconButton size="small" aria-label={`编辑${y.year}年度`} onClick={() => setTarget({ mode: 'edit', row: y })}>
                          <EditOutlined fontSize="small" />
                        </IconButton>
                      </Tooltip>
                      <Tooltip title="删除">
                        <IconButton size="small" aria-label={`删除${y.year}年度`} onClick={() => setDeleting(y)}>
                          <DeleteOutlined fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {target && <YearDialog unitId={unitId} unitName={unitName} target={target} takenYears={taken} onClose={() => setTarget(null)} onSaved={onSaved} />}
      {deleting && <DeleteYearDialog unitId={unitId} unitName={unitName} row={deleting} onClose={() => setDeleting(null)} onSaved={onSaved} />}
    </Paper>
  );
}

function DeleteYearDialog({ unitId, unitName, row, onClose, onSaved }: { unitId: number; unitName: string; row: VillageYear; onClose: () => void; onSaved: () => Promise<unknown> | void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      title={`删除${row.year}年度数据`}
      intro={`将删除“${unitName}”${row.year}年度的全部数据（收入、资产、评星定级等），其他年度不受影响。删除会记入操作日志。`}
      formError={error}
      submitLabel="删除"
      danger
      onSubmit={async () => {
        try {
          await api.villages.deleteYear({ unitId, year: row.year });
          return true;
        } catch (e) {
          setError(errorMessage(e));
          return false;
        }
      }}
      onSaved={onSaved}
      onClose={onClose}
    >
      {null}
    </FormDialog>
  );
}
