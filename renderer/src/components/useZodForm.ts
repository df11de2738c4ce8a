import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { zodErrorToApiError } from '../../../shared/api/zod-errors';
import { ApiCallError } from '../api/client';

/**
 * Form state checked against the same zod schema the main process uses, as the user types.
 * Errors show for fields the user has touched, or for all after a submit attempt; errors the
 * service returns (e.g. a duplicate code) are shown on their field until it is edited.
 */
export function useZodForm<S extends z.ZodType>(schema: S, initial: Record<string, unknown>) {
  const [values, setValues] = useState<Record<string, unknown>>(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const checked = useMemo(() => schema.safeParse(values), [schema, values]);
  const clientErrors = useMemo(() => (checked.success ? {} : (zodErrorToApiError(checked.error).fields ?? {})), [checked]);

  const errorOf = (field: string): string | undefined =>
    serverErrors[field] ?? (touched[field] || submitted ? clientErrors[field] : undefined);

  const set = (field: string, value: unknown) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => ({ ...t, [field]: true }));
    setServerErrors(({ [field]: _dropped, ...rest }) => rest);
    setFormError(null);
  };

  /** Shows a refusal under the form that no field holds (a step before the save failed). */
  const fail = (message: string | null) => setFormError(message);

  /** Props for a MUI TextField bound to `field`. */
  const textProps = (field: string) => ({
    name: field,
    value: (values[field] as string | number | null | undefined) ?? '',
    onChange: (e: { target: { value: string } }) => set(field, e.target.value),
    onBlur: () => setTouched((t) => ({ ...t, [field]: true })),
    error: Boolean(errorOf(field)),
    helperText: errorOf(field) ?? ' ',
  });

  /** Props for a DateField bound to `field` (ISO date text). */
  const dateProps = (field: string) => ({
    name: field,
    value: String(values[field] ?? ''),
    onChange: (value: string) => set(field, value),
    error: Boolean(errorOf(field)),
    helperText: errorOf(field) ?? ' ',
  });

  /** Runs `send` with the parsed values if they pass; shows the service's refusal otherwise. */
  const submit = async (send: (parsed: z.output<S>) => Promise<unknown>): Promise<boolean> => {
    setSubmitted(true);
    const result = schema.safeParse(values);
    if (!result.success) {
      setFormError(zodErrorToApiError(result.error).message);
      return false;
    }
    try {
      await send(result.data);
      return true;
    } catch (error) {
      if (error instanceof ApiCallError) {
        setServerErrors(error.fields);
        setFormError(error.message);
      } else {
        setFormError('保存失败，请重试');
      }
      return false;
    }
  };

  return {
    values,
    set,
    textProps,
    dateProps,
    errorOf,
    submit,
    fail,
    formError,
    isValid: Object.keys(clientErrors).length === 0,
    /** the values as the schema reads them now, or null while they do not pass */
    parsed: checked.success ? (checked.data as z.output<S>) : null,
  };
}
