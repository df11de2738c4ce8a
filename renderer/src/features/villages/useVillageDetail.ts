import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { PROFILE_PHONE_FIELDS, type VillageDetail } from '../../../../shared/api/villages';
import { apiQueryKey, keyMatches, skipToken, useApiQuery } from '../../components/apiQueries';

/** A cached read of a unit's file with the phones in full (refetching one would be another logged read). */
const isRevealed = (key: readonly unknown[]) => {
  const input = key[1];
  return typeof input === 'object' && input !== null && (input as { reveal?: boolean }).reveal === true;
};

/**
 * One unit's file, with the phones masked; `reveal()` fetches them in full once (the service
 * logs that read) and overlays them. Saves refresh the masked file only, so a later refresh is
 * never another logged read; a profile save hides the phones again (its answer is masked, and
 * the shown numbers may have changed).
 */
export function useVillageDetail(unitId: number | null) {
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const base = useApiQuery('villages.get', unitId === null ? skipToken : { unitId });
  const full = useApiQuery('villages.get', unitId !== null && revealed ? { unitId, reveal: true } : skipToken, { staleTime: Infinity, gcTime: 0 });

  let data: VillageDetail | undefined = base.data;
  if (data && revealed && full.data) {
    const phones = Object.fromEntries(PROFILE_PHONE_FIELDS.map((f) => [f, full.data.profile[f]]));
    data = { ...data, profile: { ...data.profile, ...phones, phonesRevealed: true } };
  }

  const hide = () => {
    setRevealed(false);
    if (unitId !== null) queryClient.removeQueries({ queryKey: apiQueryKey('villages.get', { unitId, reveal: true }), exact: true });
  };
  const refresh = async ({ hidePhones = false } = {}) => {
    if (hidePhones) hide();
    // every cached read of a file (the print view's too) except a revealed one, and the list
    await queryClient.invalidateQueries({ predicate: (q) => keyMatches(q.queryKey, ['villages.get', 'villages.list']) && !isRevealed(q.queryKey) });
  };

  return {
    base,
    data,
    revealed,
    revealing: revealed && full.isFetching,
    revealError: revealed && full.isError ? full.error : null,
    reveal: () => setRevealed(true),
    hide,
    refresh,
  };
}
