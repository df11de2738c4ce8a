import { useState } from 'react';
import type { z } from 'zod';
import type { SettingSection, UpdateSettingsInput } from '../../../../shared/api/settings';
import { api, ApiCallError } from '../../api/client';
import { useApiQuery, useInvalidate } from '../../components/apiQueries';
import { useZodForm } from '../../components/useZodForm';

export const useSettings = () => useApiQuery('settings.get');

/**
 * A form over one settings section (or, with `section` null, top-level settings), saved with
 * settings.update. The service names fields by their full path (`pipeline.ageCap`); the form
 * knows them without the section's prefix.
 */
export function useSettingsSection<S extends z.ZodType>(section: SettingSection | null, schema: S, initial: Record<string, unknown>, toInput: (parsed: z.output<S>) => UpdateSettingsInput) {
  const form = useZodForm(schema, initial);
  const invalidate = useInvalidate();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setSaved(false);
    try {
      const done = await form.submit(async (parsed) => {
        try {
          await api.settings.update(toInput(parsed));
        } catch (error) {
          if (error instanceof ApiCallError && section !== null) {
            const prefix = `${section}.`;
            const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.startsWith(prefix) ? k.slice(prefix.length) : k, v]));
            throw new ApiCallError({ code: error.code, message: error.message, fields });
          }
          throw error;
        }
      });
      if (done) {
        await invalidate('settings.get');
        setSaved(true);
      }
    } finally {
      setBusy(false);
    }
  };
  return { form, save, saved, busy, clearSaved: () => setSaved(false) };
}
