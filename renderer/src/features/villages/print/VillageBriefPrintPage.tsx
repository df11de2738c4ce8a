import { useQueries, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import dayjs from 'dayjs';
import { api, ApiCallError } from '../../../api/client';
import { ErrorState, LoadingState } from '../../../components/States';
import { PrintLayout, PrintSheet } from '../../print/PrintLayout';
import { useVillageLabels } from '../useVillageLabels';
import { VillageBrief } from './VillageBrief';

/**
 * Print view of the 村情简表: `/print/village/:unitId` for one unit, `/print/village-street/:streetId`
 * for every unit of a street in one job (one page each). Printed or saved as PDF through
 * PrintLayout, logged as village_brief with the units' ids.
 */
export function VillageBriefPrintPage() {
  const params = useParams();
  const navigate = useNavigate();
  const labelOf = useVillageLabels();
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get() });
  const streetId = params.streetId ? Number(params.streetId) : null;
  const tree = useQuery({ queryKey: ['units.tree', false], queryFn: () => api.units.tree({ includeRetired: false }), enabled: streetId !== null });
  const street = streetId === null ? null : tree.data?.find((s) => s.id === streetId);
  const unitIds = streetId === null ? [Number(params.unitId)] : (street?.units.map((u) => u.id) ?? []);
  const details = useQueries({ queries: unitIds.map((unitId) => ({ queryKey: ['villages.get', unitId, false], queryFn: () => api.villages.get({ unitId }) })) });

  // a street's job is named after the street, one unit's after the unit (the PDF's name starts with it)
  const title = street ? `${street.name} 村情简表` : `${details[0]?.data?.profile.name ?? ''}村情简表`;
  if (settings.isPending || (streetId !== null && tree.isPending) || details.some((d) => d.isPending)) return <LoadingState label="正在准备打印…" fullPage />;
  const failed = details.find((d) => d.isError);
  if (failed) return <ErrorState error={failed.error} fullPage />;
  if (streetId !== null && !street) return <ErrorState error={new ApiCallError({ code: 'NOT_FOUND', message: '没有这个街道（镇）' })} fullPage />;
  const printedOn = dayjs().format('YYYY年M月D日');
  return (
    <PrintLayout title={title} pageCount={unitIds.length} job={{ form: 'village_brief', ids: unitIds }} onBack={() => navigate(-1)}>
      {details.map((d) =>
        d.data ? (
          <PrintSheet key={d.data.profile.unitId}>
            <VillageBrief detail={d.data} departmentName={settings.data?.departmentName ?? ''} printedOn={printedOn} labelOf={labelOf} />
          </PrintSheet>
        ) : null,
      )}
    </PrintLayout>
  );
}
