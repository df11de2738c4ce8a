import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PROFILE_PHONE_FIELDS, type VillageDetail } from '../../../../shared/api/villages';
import { api } from '../../api/client';

/**
 * One unit's file, with the phones masked; `reveal()` fetches them in full once (the service
 * logs that read) and overlays them. Saves refresh the masked file only, so a later refresh is
 * never another logged read; a profile save hides the phones again (its answer is masked, and
 * the shown numbers may have changed).
 */
export function useVillageDetail(unitId: number | null) {
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  // [.., reveal]: the same key as the print view's, so a save refreshes both
  const key = ['villages.get', unitId, false] as const;
  const revealKey = ['villages.get', unitId, true] as const;
  const base = useQuery({ queryKey: key, queryFn: () => api.villages.get({ unitId: unitId! }), enabled: unitId !== null });
  const full = useQuery({
    queryKey: revealKey,
    queryFn: () => api.villages.get({ unitId: unitId!, reveal: true }),
    enabled: unitId !== null && revealed,
    staleTime: Infinity,
    gcTime: 0,
  });

  let data: VillageDetail | undefined = base.data;
  if (data && revealed && full.data) {
    const phones = Object.fromEntries(PROFILE_PHONE_FIELDS.map((f) => [f, full.data.profile[f]]));
    data = { ...data, profile: { ...data.profile, ...phones, phonesRevealed: true } };
  }

  const hide = () => {
    setRevealed(false);
    queryClient.removeQueries({ queryKey: revealKey, exact: true });
  };
  const refresh = async ({ hidePhones = false } = {}) => {
    if (hidePhones) hide();
    await Promise.all([
      // every cached read of this unit except a revealed one (refetching that would be another logged read)
      queryClient.invalidateQueries({ queryKey: ['villages.get', unitId], predicate: (q) => q.queryKey[2] !== true }),
      queryClient.invalidateQueries({ queryKey: ['villages.list'] }),
    ]);
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
