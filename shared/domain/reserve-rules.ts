/**
 * Local rules of the secretary reserve pool (DOMAIN.md §2), kept as settings (设置 → 阈值与规则):
 * age cap, who counts as 年轻人才, the education floor by age, the pool's composition targets
 * and how many reserves each village should hold. Education floors are values of the
 * education_level dictionary, compared by that dictionary's order.
 */

export interface ReserveRules {
  /** 年龄上限: older people are not taken into the pool */
  ageCap: number;
  /** 年轻人才: age ≤ this */
  youngAgeMax: number;
  /** lowest education (education_level value) for someone aged ≤ youngAgeMax */
  youngEducationFloor: string;
  /** lowest education for everyone older */
  otherEducationFloor: string;
  /** 党员占比 target, percent */
  partyMemberMinPercent: number;
  /** 女性占比 target, percent */
  femaleMinPercent: number;
  /** reserves each village must hold at least, and should hold */
  perVillageMin: number;
  perVillageTarget: number;
}

export const DEFAULT_RESERVE_RULES: ReserveRules = {
  ageCap: 45,
  youngAgeMax: 35,
  youngEducationFloor: 'junior_college',
  otherEducationFloor: 'senior_high',
  partyMemberMinPercent: 60,
  femaleMinPercent: 20,
  perVillageMin: 1,
  perVillageTarget: 2,
};

/** The education_level value a person of this age must reach at least. */
export function educationFloorFor(age: number, rules: ReserveRules): string {
  return age <= rules.youngAgeMax ? rules.youngEducationFloor : rules.otherEducationFloor;
}

/**
 * Whether `education` reaches the floor for `age`, given the dictionary's values from lowest to
 * highest. An education not in the order (retired and deleted, or unknown) does not reach it.
 */
export function meetsEducationFloor(age: number, education: string, order: readonly string[], rules: ReserveRules): boolean {
  const have = order.indexOf(education);
  const need = order.indexOf(educationFloorFor(age, rules));
  return have >= 0 && need >= 0 && have >= need;
}

export const isYoungTalent = (age: number, rules: ReserveRules) => age <= rules.youngAgeMax;
