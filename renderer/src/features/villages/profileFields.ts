import { z } from 'zod';
import {
  VILLAGE_FIELD_LABELS,
  VILLAGE_QUANTITIES,
  formatQuantity,
  parseQuantity,
  profileFields,
  profileIssues,
  type ProfileField,
  type ProfileFieldValues,
  type VillageProfile,
} from '../../../../shared/api/villages';
import type { DictionaryName } from '../../../../shared/api/dictionaries';
import type { RuleIssue } from '../../../../shared/domain/income-bands';

/**
 * How each profile field is shown and typed. The schemas are the shared ones (profileFields,
 * profileIssues); this file only converts between what the form holds (text) and what the API
 * takes (integers in stored units, booleans, dictionary values).
 */
import { PROFILE_FIELD_KINDS, displayFieldValue, type FieldKind } from '../../../../shared/api/villages/field-kinds';
import { formatYuan } from '../../../../shared/domain/money';

export { PROFILE_FIELD_KINDS, type FieldKind };

/** Shorter labels where the section title already says whose they are. */
const SHORT_LABELS: Partial<Record<ProfileField, string>> = {
  secretaryName: '姓名',
  secretaryGender: '性别',
  secretaryBirthMonth: '出生年月',
  secretaryEducation: '学历',
  secretarySinceMonth: '任现职时间',
  secretaryPhone: '联系电话',
  directorName: '村（居）委会主任',
  supervisorName: '监委会主任',
};

/**
 * The label people read. Quantities get their plain name: the unit people type (亩, 平方公里 …)
 * stands beside the value and in the field, never the stored one of VILLAGE_FIELD_LABELS.
 */
export function fieldLabel(field: ProfileField): string {
  const kind = PROFILE_FIELD_KINDS[field];
  if (kind.type === 'quantity') return VILLAGE_QUANTITIES[kind.quantity].label;
  return SHORT_LABELS[field] ?? VILLAGE_FIELD_LABELS[field];
}

/** A stored value as the read-only grid shows it; null when there is nothing to show. */
export function displayValue(field: ProfileField, profile: VillageProfile, labelOf: (name: DictionaryName, value: string) => string): string | null {
  return displayFieldValue(PROFILE_FIELD_KINDS[field], profile[field], { labelOf, formatFen: formatYuan, withUnit: true }) || null;
}

/** A stored value as the form holds it (text; 是/否 as yes/no). */
export function formValue(field: ProfileField, profile: VillageProfile): string {
  const kind = PROFILE_FIELD_KINDS[field];
  const value = profile[field];
  if (kind.type === 'flag' || kind.type === 'optionalFlag') return value === true ? 'yes' : value === false ? 'no' : '';
  if (value === null) return '';
  if (kind.type === 'quantity') return formatQuantity(kind.quantity, value as number);
  return String(value);
}

/**
 * The schema of one field as the form holds it: converts the typed text, then applies the
 * shared schema. A phone still showing its masked form (the user did not retype it) is left out
 * of the save (undefined), so the stored number is kept.
 */
function fieldSchema(field: ProfileField, maskedPhone: string | null): z.ZodType {
  const kind = PROFILE_FIELD_KINDS[field];
  const shared = profileFields[field] as z.ZodType;
  switch (kind.type) {
    case 'quantity':
      // a typed decimal becomes the stored integer; what does not parse goes on to the shared schema for its message
      return z.preprocess((v) => (typeof v === 'string' ? (parseQuantity(kind.quantity, v) ?? (v.trim() === '' ? null : v)) : v), shared);
    case 'flag':
    case 'optionalFlag':
      return z.preprocess((v) => (v === 'yes' ? true : v === 'no' ? false : v === '' && kind.type === 'flag' ? undefined : v), shared);
    case 'phone':
      return maskedPhone === null ? shared : z.preprocess((v) => (v === maskedPhone ? undefined : v), shared.optional());
    default:
      return shared;
  }
}

/** The values of `fields` that parse, as the API takes them (a field that does not parse is left out). */
export function parsedValues(fields: readonly ProfileField[], values: Record<string, unknown>, masked: Record<string, string | null>): Partial<ProfileFieldValues> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const r = fieldSchema(f, masked[f] ?? null).safeParse(values[f]);
    if (r.success && r.data !== undefined) out[f] = r.data;
  }
  return out as Partial<ProfileFieldValues>;
}

/** The current stored values of the profile's figures (phones as given: they are in no rule). */
export function profileAsValues(profile: VillageProfile): Partial<ProfileFieldValues> {
  const out: Record<string, unknown> = {};
  for (const f of Object.keys(PROFILE_FIELD_KINDS)) out[f] = profile[f as ProfileField];
  return out as Partial<ProfileFieldValues>;
}

/** The rules between fields, on the section's typed values merged over the stored others. */
export function sectionIssues(fields: readonly ProfileField[], values: Record<string, unknown>, profile: VillageProfile, masked: Record<string, string | null>): RuleIssue[] {
  return profileIssues({ ...profileAsValues(profile), ...parsedValues(fields, values, masked) });
}

/**
 * The form schema of a section: every field converted and checked as the user types, and the
 * rules between fields (also against the stored fields of other sections). The rules run even
 * while another field is wrong (zod skips an object's refinements then), on the fields that
 * parse, so a rule's message shows on its field as soon as it applies. An issue of a field
 * outside the section has no field to show on: it goes to the form ('_').
 */
export function sectionSchema(fields: readonly ProfileField[], profile: VillageProfile, masked: Record<string, string | null>) {
  const object = z.object(Object.fromEntries(fields.map((f) => [f, fieldSchema(f, masked[f] ?? null)])));
  return z.record(z.string(), z.unknown()).transform((raw, ctx) => {
    const result = object.safeParse(raw);
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    for (const issue of sectionIssues(fields, raw, profile, masked)) {
      const inSection = (fields as readonly string[]).includes(issue.path);
      ctx.addIssue({ code: 'custom', path: inSection ? [issue.path] : [], message: issue.message });
    }
    return result.success ? (result.data as Partial<ProfileFieldValues>) : z.NEVER;
  });
}

/** Which phones of the profile are masked (the form leaves them out of the save unless retyped). */
export function maskedPhones(profile: VillageProfile): Record<string, string | null> {
  if (profile.phonesRevealed) return {};
  return {
    secretaryPhone: profile.secretaryPhone,
    directorPhone: profile.directorPhone,
    supervisorPhone: profile.supervisorPhone,
  };
}
