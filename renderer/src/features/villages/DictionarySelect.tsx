import { MenuItem, TextField } from '@mui/material';
import type { DictionaryName } from '../../../../shared/api/dictionaries';
import { useDictionary } from '../../components/useDictionary';

/** Select props as useZodForm's textProps gives them. */
export interface FieldProps {
  name: string;
  value: string | number;
  onChange: (e: { target: { value: string } }) => void;
  onBlur: () => void;
  error: boolean;
  helperText: string;
}

/**
 * A dictionary field: the items in use, plus the stored value even when it has been retired
 * since (marked 已停用), and 未填写 for none.
 */
export function DictionarySelect({ label, dictionary, props }: { label: string; dictionary: DictionaryName; props: FieldProps }) {
  const dict = useDictionary(dictionary);
  const current = String(props.value ?? '');
  const items = dict.items.filter((i) => !i.retired || i.value === current);
  const missing = current !== '' && !items.some((i) => i.value === current);
  return (
    <TextField select label={label} {...props}>
      <MenuItem value="">未填写</MenuItem>
      {items.map((i) => (
        <MenuItem key={i.value} value={i.value}>
          {i.retired ? `${i.label}（已停用）` : i.label}
        </MenuItem>
      ))}
      {/* while the dictionary loads (or if the value has left it) the value still needs an option */}
      {missing && (
        <MenuItem value={current} sx={{ display: dict.items.length ? undefined : 'none' }}>
          {current}
        </MenuItem>
      )}
    </TextField>
  );
}
