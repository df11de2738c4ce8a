import { Fragment } from 'react';
import { Box, Button, Chip, Link, Stack, TableCell, TableRow, Typography } from '@mui/material';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import type { RecipientStatement } from '../../../../../shared/api/funds/reports';
import type { Balance } from '../../../../../shared/api/funds/records';
import { formatYuan } from '../../../../../shared/domain/money';
import { api, ApiCallError } from '../../../api/client';
import { skipToken, useApiQuery } from '../../../components/apiQueries';
import { useExportButton } from '../../../components/ExportButton';
import { Money, MoneyCell, ReportTable, type ReportColumn } from '../../../components/ReportTable';
import { useWorkingYear, YearSelect } from '../../../components/YearSelect';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { formatRate, programmePath } from './fundFormat';
import { byId } from './statementText';
import { disbursementStatusLabel, statementSummary } from '../../../../../shared/api/funds/ledger-layout';
import { readStatementParams } from './statementParams';
import { useBack } from './useBack';

const STATUS_COLORS: Record<string, 'warning' | 'info' | 'success' | 'error'> = { 待审核: 'warning', 已审核: 'info', 已拨付: 'success', 冲销: 'error' };

type Sum = { label: string; balance: Balance };

/** The statement's columns: the rows are the page's own (a programme, its disbursements, its 小计); the 合计 under them. */
const COLUMNS: ReportColumn<never, Sum>[] = [
  { key: 'date', header: '日期', width: 110, total: (s) => s.label },
  { key: 'voucherNo', header: '凭证号', width: 130 },
  { key: 'summary', header: '摘要' },
  { key: 'status', header: '状态', width: 90 },
  { key: 'allocated', header: '分配', numeric: true, width: 140, total: (s) => <Money fen={s.balance.allocatedFen} /> },
  { key: 'paid', header: '拨付', numeric: true, width: 140, total: (s) => <Money fen={s.balance.paidFen} /> },
  { key: 'unpaid', header: '未拨付', numeric: true, width: 140, total: (s) => <Money fen={s.balance.unpaidFen} /> },
];

/**
 * A recipient's 对账单 for a year (`#/funds/statement?year=2026&unitId=12` or `&person=张三`):
 * each programme's allocation and every disbursement against it — pending ones too, shown but
 * not counted as paid; reversals negative — with each programme's 小计 and the year's 合计.
 * A unit's statement prints (persons' are exported only: PRINT_FORMS records unit ids).
 */
export function StatementPage() {
  const navigate = useNavigate();
  const back = useBack('/funds');
  const [params, setParams] = useSearchParams();
  const workingYear = useWorkingYear();
  const parsed = readStatementParams(params, workingYear);
  const input = parsed.ok ? { year: parsed.year, recipient: parsed.recipient } : null;
  const statement = useApiQuery('funds.statement', input ?? skipToken);
  const exporter = useExportButton(() => api.funds.exportStatement(input!));

  const backButton = (
    <Button startIcon={<ArrowBackOutlined />} onClick={back} sx={{ flexShrink: 0 }}>
      返回
    </Button>
  );
  if (!parsed.ok)
    return (
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        {backButton}
        <ErrorState error={new ApiCallError({ code: 'VALIDATION', message: parsed.message })} />
      </Stack>
    );
  if (statement.isPending) return <LoadingState />;
  if (statement.isError)
    return (
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        {backButton}
        <ErrorState error={statement.error} onRetry={() => void statement.refetch()} />
      </Stack>
    );
  const s = statement.data;
  const unitId = 'unitId' in parsed.recipient ? parsed.recipient.unitId : null;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        {backButton}
        <Typography variant="h6" component="h2" sx={{ flex: 1, minWidth: 0 }} noWrap title={s.name}>
          {s.name} {s.year}年经费对账单
        </Typography>
        <YearSelect
          value={s.year}
          onChange={(year) => {
            const next = new URLSearchParams(params);
            next.set('year', String(year));
            setParams(next, { replace: true });
          }}
        />
        {exporter.button}
        <Button
          variant="outlined"
          startIcon={<PrintOutlined />}
          disabled={s.lines.length === 0}
          onClick={() => navigate(unitId !== null ? `/print/fund-statement/${unitId}?year=${s.year}` : `/print/fund-statement?year=${s.year}&person=${encodeURIComponent(s.name)}`)}
          sx={{ flexShrink: 0 }}
        >
          打印
        </Button>
      </Stack>
      {exporter.feedback}
      <Typography variant="body2" color="text.secondary">
        {[s.streetName && s.streetName !== s.name && `所属街道（镇）：${s.streetName}`, s.code && `区划代码：${s.code}`, unitId === null && '受款人（个人）', '单位：元'].filter(Boolean).join('　　')}
      </Typography>
      <TotalsLine statement={s} />
      {s.lines.length === 0 ? (
        <EmptyState title={`${s.year}年没有分配给${s.name}的经费`} hint="换个年度看看" />
      ) : (
        <ReportTable label={`${s.name}${s.year}年经费对账单`} columns={COLUMNS} total={{ label: `合计（${s.lines.length} 个项目）`, balance: s.total }} fixedLayout minWidth={860}>
          {s.lines.map((line) => (
            <Fragment key={line.allocation.id}>
              <TableRow sx={{ '& td': { bgcolor: 'grey.50', borderTop: 2, borderTopColor: 'divider' } }}>
                <TableCell colSpan={4}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                    <Link component={RouterLink} to={programmePath(line.programmeId)} underline="hover" sx={{ fontWeight: 700 }}>
                      {line.programmeName}
                    </Link>
                    <Typography variant="caption" color="text.secondary">
                      {line.categoryLabel}
                      {line.allocation.dueOn ? ` · 应拨付日期 ${line.allocation.dueOn}` : ''}
                    </Typography>
                    {line.allocation.overdue && <Chip size="small" color="error" variant="outlined" label="逾期" />}
                  </Stack>
                </TableCell>
                <MoneyCell fen={line.allocation.amountFen} />
                <TableCell />
                <TableCell />
              </TableRow>
              {line.disbursements.length === 0 && (
                <TableRow>
                  <TableCell colSpan={7} sx={{ color: 'text.secondary' }}>
                    尚无拨付记录
                  </TableCell>
                </TableRow>
              )}
              {line.disbursements.map((d) => {
                const status = disbursementStatusLabel(d);
                return (
                  <TableRow key={d.id} sx={d.status !== 'paid' ? { '& td': { color: 'text.secondary' } } : undefined}>
                    <TableCell sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{d.paidOn}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{d.voucherNo ?? ''}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{statementSummary(d, d.reversesId === null ? undefined : byId(line.disbursements).get(d.reversesId))}</TableCell>
                    <TableCell>
                      <Chip size="small" variant="outlined" color={STATUS_COLORS[status] ?? 'default'} label={status} />
                    </TableCell>
                    <TableCell />
                    <MoneyCell fen={d.amountFen} />
                    <TableCell />
                  </TableRow>
                );
              })}
              <TableRow>
                <TableCell colSpan={4} align="right" sx={{ color: 'text.secondary' }}>
                  小计{line.allocation.balance.pendingFen !== 0 ? `（待审核/在途 ${formatYuan(line.allocation.balance.pendingFen)} 未计入已拨付）` : ''}
                </TableCell>
                <MoneyCell fen={line.allocation.amountFen} />
                <MoneyCell fen={line.allocation.balance.paidFen} />
                <MoneyCell fen={line.allocation.balance.unpaidFen} />
              </TableRow>
            </Fragment>
          ))}
        </ReportTable>
      )}
    </Stack>
  );
}

function TotalsLine({ statement: s }: { statement: RecipientStatement }) {
  const items = [
    ['分配', formatYuan(s.total.allocatedFen)],
    ['已拨付', formatYuan(s.total.paidFen)],
    ['待审核/在途', formatYuan(s.total.pendingFen)],
    ['未拨付', formatYuan(s.total.unpaidFen)],
    ['拨付率', formatRate(s.total.rateBp)],
  ] as const;
  return (
    <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
      {items.map(([label, value]) => (
        <Box key={label}>
          <Typography variant="caption" color="text.secondary" component="p">
            {label}
          </Typography>
          <Typography sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', fontWeight: 700 }}>{value}</Typography>
        </Box>
      ))}
    </Box>
  );
}
