import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api, ApiCallError, errorMessage } from '../../../api/client';
import { ErrorState, LoadingState } from '../../../components/States';
import { PrintLayout, PrintSheet } from '../../print/PrintLayout';
import { readStatementParams } from '../reports/statementParams';
import { useBack } from '../reports/useBack';
import { FundStatement } from './FundStatement';
import { usePrintedPages } from './usePrintedPages';

/**
 * Print view of a unit's year 对账单 (`/print/fund-statement/:unitId?year=2026`): A4 portrait,
 * the print logged (fund_statement, the unit's id) before the system print dialog opens.
 */
export function FundStatementPrintPage() {
  const { unitId } = useParams();
  const [search] = useSearchParams();
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get() });
  const workingYear = settings.data?.workingYear ?? new Date().getFullYear();
  const parsed = readStatementParams(new URLSearchParams({ year: search.get('year') ?? String(workingYear), unitId: unitId ?? '' }), workingYear);
  const input = parsed.ok ? { year: parsed.year, recipient: parsed.recipient } : null;
  const statement = useQuery({ queryKey: ['funds.statement', input], queryFn: () => api.funds.statement(input!), enabled: input !== null && !settings.isPending });
  const { ref, pages } = usePrintedPages('portrait');
  const back = useBack(parsed.ok ? `/funds/statement?year=${parsed.year}&unitId=${unitId}` : '/funds');

  if (!parsed.ok) return <ErrorState error={new ApiCallError({ code: 'VALIDATION', message: parsed.message })} fullPage />;
  if (settings.isPending || statement.isPending) return <LoadingState label="正在准备打印…" fullPage />;
  if (statement.isError) return <ErrorState error={statement.error} onRetry={() => void statement.refetch()} fullPage />;
  const s = statement.data;
  const print = async () => {
    try {
      await api.print.record({ form: 'fund_statement', ids: [Number(unitId)] });
      window.print();
    } catch (error) {
      window.alert(errorMessage(error));
    }
  };
  return (
    <PrintLayout title={`${s.name}${s.year}年度经费对账单`} pageCount={pages} onPrint={() => void print()} onBack={back}>
      <PrintSheet>
        <div ref={ref}>
          <FundStatement statement={s} organisation={settings.data?.departmentName ?? ''} />
        </div>
      </PrintSheet>
    </PrintLayout>
  );
}
