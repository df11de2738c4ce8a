import { useMemo } from 'react';
import { Alert, Box } from '@mui/material';
import type { ProfileField, SaveProfileInput, VillageProfile } from '../../../../shared/api/villages';
import { api } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import type { FieldProps } from './DictionarySelect';
import { ProfileFieldInput } from './ProfileFieldInput';
import { PROFILE_FIELD_KINDS, formValue, maskedPhones, sectionIssues, sectionSchema } from './profileFields';

/**
 * Edits one section of the profile. Checked as the user types with the shared schemas and the
 * rules between fields (against the stored values of the other sections too); saves only this
 * section's fields, so the other sections stay as they are.
 */
export function ProfileSectionDialog({
  title,
  fields,
  profile,
  onClose,
  onSaved,
}: {
  title: string;
  fields: readonly ProfileField[];
  profile: VillageProfile;
  onClose: () => void;
  onSaved: () => Promise<unknown> | void;
}) {
  const masked = useMemo(() => maskedPhones(profile), [profile]);
  const schema = useMemo(() => sectionSchema(fields, profile, masked), [fields, profile, masked]);
  const form = useZodForm(schema, Object.fromEntries(fields.map((f) => [f, formValue(f, profile)])));
  // rules between fields that no field shows yet (an untouched field, or one of another section)
  const pending = sectionIssues(fields, form.values, profile, masked).filter((i) => !(fields as readonly string[]).includes(i.path) || form.errorOf(i.path) === undefined);
  const touchedAny = fields.some((f) => form.values[f] !== formValue(f, profile));
  const wide = (f: ProfileField) => (PROFILE_FIELD_KINDS[f] as { multiline?: boolean }).multiline === true;

  const save = () =>
    form.submit(async (parsed) => {
      const changes = Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter(([, v]) => v !== undefined));
      await api.villages.saveProfile({ unitId: profile.unitId, ...changes } as SaveProfileInput);
    });

  return (
    <FormDialog
      title={`编辑：${title}`}
      intro={profile.saved ? undefined : '该村（社区）的档案尚未填写，保存后即建立档案。不知道的项目可以留空。'}
      formError={form.formError}
      onSubmit={save}
      onSaved={onSaved}
      onClose={onClose}
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: fields.length > 1 ? '1fr 1fr' : '1fr', columnGap: 2, rowGap: 0.5 }}>
        {fields.map((f, i) => (
          <Box key={f} sx={{ gridColumn: wide(f) ? '1 / -1' : undefined }}>
            <ProfileFieldInput field={f} props={form.textProps(f) as FieldProps} maskedPhone={masked[f]} autoFocus={i === 0} />
          </Box>
        ))}
      </Box>
      {touchedAny && pending.length > 0 && !form.formError && (
        <Alert severity="warning">
          {pending.map((i) => (
            <div key={i.path + i.message}>{i.message}</div>
          ))}
        </Alert>
      )}
    </FormDialog>
  );
}
