import { Stack, Tab, Tabs, Typography } from '@mui/material';
import { useWorkingYear, YearSelect } from '../../components/YearSelect';
import { usePersistentState } from '../../components/usePersistentState';
import { ProgrammesPanel } from './ProgrammesPanel';
import { YearSummaryPanel } from './reports/YearSummaryPanel';
import { RecipientBalancesPanel } from './reports/RecipientBalancesPanel';
import { StreetBalancesPanel } from './reports/StreetBalancesPanel';
import { OverduePanel } from './reports/OverduePanel';

const TABS = [
  { key: 'programmes', label: '经费项目' },
  { key: 'summary', label: '年度汇总' },
  { key: 'recipients', label: '按拨付对象' },
  { key: 'streets', label: '按街道' },
  { key: 'overdue', label: '逾期未拨付' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

/**
 * 经费台账: one year at a time (the working year unless the clerk picks another, remembered for
 * this window), its programmes, and the same money seen by category, recipient, street and
 * what is overdue. A programme opens on its own page (funds/programmes/:programmeId).
 */
export function FundsPage() {
  const workingYear = useWorkingYear();
  const [view, setView] = usePersistentState<{ year: number | null; tab: TabKey }>('funds.view', { year: null, tab: 'programmes' });
  const year = view.year ?? workingYear;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2">
          经费台账
        </Typography>
        <YearSelect value={year} onChange={(y) => setView((v) => ({ ...v, year: y }))} />
        <Tabs value={view.tab} onChange={(_, tab: TabKey) => setView((v) => ({ ...v, tab }))} sx={{ flex: 1 }}>
          {TABS.map((t) => (
            <Tab key={t.key} value={t.key} label={t.label} />
          ))}
        </Tabs>
      </Stack>
      {view.tab === 'programmes' && <ProgrammesPanel year={year} />}
      {view.tab === 'summary' && <YearSummaryPanel year={year} onShowOverdue={() => setView((v) => ({ ...v, tab: 'overdue' }))} />}
      {view.tab === 'recipients' && <RecipientBalancesPanel year={year} />}
      {view.tab === 'streets' && <StreetBalancesPanel year={year} />}
      {view.tab === 'overdue' && <OverduePanel year={year} />}
    </Stack>
  );
}
