import { z } from 'zod';
import { FirstSecretary } from './first-secretary';
import { VillageProfile } from './profile';
import { VillageYear } from './years';

/** One village's whole file (一村一档), as `get` returns it. */

export const VillageDetail = z.object({
  profile: VillageProfile,
  /** newest year first */
  years: z.array(VillageYear),
  /** the current one first, then past ones, latest first */
  firstSecretaries: z.array(FirstSecretary),
  currentFirstSecretary: FirstSecretary.nullable(),
});
export type VillageDetail = z.infer<typeof VillageDetail>;
