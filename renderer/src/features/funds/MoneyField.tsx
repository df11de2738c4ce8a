import { InputAdornment, MenuItem, Select, TextField } from '@mui/material';
import type { MoneyUnit } from '../../../../shared/domain/parse/money';
import { switchUnit, type MoneyValue } from './moneyInput';

const UNITS: MoneyUnit[] = ['万元', '元'];

/**
 * An amount typed in 元 or 万元, the unit chosen at the end of the field. Switching the unit keeps
 * the amount (170 万元 → 1700000 元) when the text reads as one. The form turns it into 分 with
 * moneyInput.ts.
 */
export function MoneyField({
  label,
  name,
  value,
  onChange,
  error,
  helperText,
  autoFocus,
}: {
  label: string;
  name: string;
  value: MoneyValue;
  onChange: (value: MoneyValue) => void;
  error?: boolean;
  helperText?: string;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      label={label}
      name={name}
      value={value.text}
      autoFocus={autoFocus}
      onChange={(e) => onChange({ ...value, text: e.target.value })}
      error={error}
      helperText={helperText ?? ' '}
      slotProps={{
        htmlInput: { inputMode: 'decimal' },
        input: {
          sx: { '& input': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } },
          endAdornment: (
            <InputAdornment position="end">
              <Select
                variant="standard"
                disableUnderline
                value={value.unit}
                onChange={(e) => onChange(switchUnit(value, e.target.value as MoneyUnit))}
                inputProps={{ 'aria-label': `${label}的单位` }}
                sx={{ fontSize: 14, '& .MuiSelect-select': { py: 0 } }}
              >
                {UNITS.map((u) => (
                  <MenuItem key={u} value={u}>
                    {u}
                  </MenuItem>
                ))}
              </Select>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}

/** MoneyField props bound to a useZodForm field holding a MoneyValue. */
export function moneyProps(
  form: { values: Record<string, unknown>; set: (field: string, value: unknown) => void; errorOf: (field: string) => string | undefined; formError: string | null },
  field: string,
) {
  const error = form.errorOf(field);
  return {
    name: field,
    value: form.values[field] as MoneyValue,
    onChange: (v: MoneyValue) => form.set(field, v),
    error: Boolean(error),
    // the service's long refusal (over budget, over the allocation …) shows once, under the form
    helperText: error === form.formError ? undefined : error,
  };
}
