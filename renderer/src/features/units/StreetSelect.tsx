import { MenuItem, TextField } from '@mui/material';
import type { StreetNode } from '../../../../shared/api/units';

/**
 * 所属街道（镇） picker bound to a form's parentId. `onChosen` gets the street so the dialog can
 * carry its code prefix into the code field.
 */
export function StreetSelect({
  streets,
  fieldProps,
  onChosen,
}: {
  streets: StreetNode[];
  fieldProps: { name: string; value: unknown; error: boolean; helperText: string; onBlur: () => void };
  onChosen: (street: StreetNode) => void;
}) {
  return (
    <TextField
      select
      label="所属街道（镇）"
      {...fieldProps}
      value={fieldProps.value ?? ''}
      onChange={(e) => {
        const street = streets.find((s) => s.id === Number(e.target.value));
        if (street) onChosen(street);
      }}
    >
      {streets.map((s) => (
        <MenuItem key={s.id} value={s.id}>
          {s.name}（{s.code}）
        </MenuItem>
      ))}
    </TextField>
  );
}
