import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiCallError } from '../../../api/client';
import { ErrorState, LoadingState } from '../../../components/States';
import { PrintLayout, PrintSheet } from '../../print/PrintLayout';
import { FundLedger } from './FundLedger';
import { programmePath } from '../reports/fundFormat';
import { useBack } from '../reports/useBack';
import { usePrintedPages } from './usePrintedPages';

/**
 * Print view of a programme's 台账 (`/print/fund-ledger/:programmeId`): A4 landscape, the table
 * flowing over as many pages as it needs with its header repeated; printed or saved as PDF
 * through PrintLayout, logged as fund_ledger.
 */
export function FundLedgerPrintPage() {
  const programmeId = Number(useParams().programmeId);
  const valid = Number.isSafeInteger(programmeId) && programmeId > 0;
  const ledger = useQuery({ queryKey: ['funds.ledger', programmeId], queryFn: () => api.funds.ledger({ programmeId }), enabled: valid });
  const { ref, pages } = usePrintedPages('landscape');
  const back = useBack(valid ? programmePath(programmeId) : '/funds');

  if (!valid) return <ErrorState error={new ApiCallError({ code: 'VALIDATION', message: '没有这个经费项目' })} fullPage />;
  if (ledger.isPending) return <LoadingState label="正在准备打印…" fullPage />;
  if (ledger.isError) return <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} fullPage />;
  const p = ledger.data.programme;
  return (
    <PrintLayout title={`${p.year}年度${p.name}台账`} pageCount={pages} orientation="landscape" job={{ form: 'fund_ledger', ids: [programmeId] }} onBack={back}>
      <PrintSheet orientation="landscape">
        <div ref={ref}>
          <FundLedger ledger={ledger.data} />
        </div>
      </PrintSheet>
    </PrintLayout>
  );
}
