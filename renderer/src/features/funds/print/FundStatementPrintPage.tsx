import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api, ApiCallError } from '../../../api/client';
import { ErrorState, LoadingState } from '../../../components/States';
import { PrintLayout, PrintSheet } from '../../print/PrintLayout';
import { statementPath } from '../reports/fundFormat';
import { readStatementParams } from '../reports/statementParams';
import { useBack } from '../reports/useBack';
import { FundStatement } from './FundStatement';
import { usePrintedPages } from './usePrintedPages';

/**
 * Print view of a year 对账单: a unit's (`/print/fund-statement/:unitId?year=2026`) or a
 * person's (`/print/fund-statement?year=2026&person=张三`). A4 portrait; printed or saved as PDF
 * through PrintLayout, logged as fund_statement with the unit's id, or fund_statement_person
 * with the allocations the statement lists.
 */
export function FundStatementPrintPage() {
  const { unitId } = useParams();
  const [search] = useSearchParams();
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get() });
  const workingYear = settings.data?.workingYear ?? new Date().getFullYear();
  const who: Record<string, string> = unitId !== undefined ? { unitId } : { person: search.get('person') ?? '' };
  const parsed = readStatementParams(new URLSearchParams({ year: search.get('year') ?? String(workingYear), ...who }), workingYear);
  const input = parsed.ok ? { year: parsed.year, recipient: parsed.recipient } : null;
  const statement = useQuery({ queryKey: ['funds.statement', input], queryFn: () => api.funds.statement(input!), enabled: input !== null && !settings.isPending });
  const { ref, pages } = usePrintedPages('portrait');
  const back = useBack(parsed.ok ? statementPath(parsed.year, { unitId: 'unitId' in parsed.recipient ? parsed.recipient.unitId : null, personName: 'personName' in parsed.recipient ? parsed.recipient.personName : null }) : '/funds');

  if (!parsed.ok) return <ErrorState error={new ApiCallError({ code: 'VALIDATION', message: parsed.message })} fullPage />;
  if (settings.isPending || statement.isPending) return <LoadingState label="正在准备打印…" fullPage />;
  if (statement.isError) return <ErrorState error={statement.error} onRetry={() => void statement.refetch()} fullPage />;
  const s = statement.data;
  const job = unitId !== undefined ? { form: 'fund_statement', ids: [Number(unitId)] } : { form: 'fund_statement_person', ids: s.lines.map((l) => l.allocation.id) };
  return (
    <PrintLayout title={`${s.name}${s.year}年度经费对账单`} pageCount={pages} job={job} onBack={back}>
      <PrintSheet>
        <div ref={ref}>
          <FundStatement statement={s} organisation={settings.data?.departmentName ?? ''} />
        </div>
      </PrintSheet>
    </PrintLayout>
  );
}
