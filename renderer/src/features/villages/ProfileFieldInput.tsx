import { InputAdornment, MenuItem, TextField } from '@mui/material';
import { VILLAGE_QUANTITIES, type ProfileField } from '../../../../shared/api/villages';
import { DictionarySelect, type FieldProps } from './DictionarySelect';
import { PROFILE_FIELD_KINDS, fieldLabel } from './profileFields';


/**
 * One profile field's editor, by its kind: counts and quantities as text (a quantity in the unit
 * people use, e.g. 亩 with decimals), dictionaries and 是/否 as selects, phones and 年月 as text.
 * `maskedPhone`: the phone as shown masked; left as is, the stored number is kept.
 */
export function ProfileFieldInput({ field, props, maskedPhone, autoFocus }: { field: ProfileField; props: FieldProps; maskedPhone?: string | null; autoFocus?: boolean }) {
  const kind = PROFILE_FIELD_KINDS[field];
  const label = fieldLabel(field);
  switch (kind.type) {
    case 'count':
      return (
        <TextField
          label={label}
          {...props}
          autoFocus={autoFocus}
          slotProps={{ htmlInput: { inputMode: 'numeric' }, input: { endAdornment: <InputAdornment position="end">{kind.unit}</InputAdornment> } }}
        />
      );
    case 'quantity': {
      const q = VILLAGE_QUANTITIES[kind.quantity];
      return (
        <TextField
          label={label}
          {...props}
          autoFocus={autoFocus}
          slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">{q.unit}</InputAdornment> } }}
        />
      );
    }
    case 'dict':
      return <DictionarySelect label={label} dictionary={kind.dictionary} props={props} />;
    case 'flag':
    case 'optionalFlag':
      return (
        <TextField select label={label} {...props}>
          {kind.type === 'optionalFlag' && <MenuItem value="">未填写</MenuItem>}
          <MenuItem value="yes">是</MenuItem>
          <MenuItem value="no">否</MenuItem>
        </TextField>
      );
    case 'gender':
      return (
        <TextField select label={label} {...props}>
          <MenuItem value="">未填写</MenuItem>
          <MenuItem value="male">男</MenuItem>
          <MenuItem value="female">女</MenuItem>
        </TextField>
      );
    case 'yearMonth':
      return <TextField label={label} {...props} autoFocus={autoFocus} placeholder="如 1975-03" helperText={props.helperText.trim() ? props.helperText : '年-月，如 1975-03'} />;
    case 'phone': {
      const untouched = Boolean(maskedPhone) && props.value === maskedPhone;
      const hint = untouched ? '号码已隐藏；不改动则保留原号码，如需更正请整体重新输入' : props.helperText;
      return <TextField label={label} {...props} autoFocus={autoFocus} helperText={props.error ? props.helperText : hint} slotProps={{ htmlInput: { inputMode: 'tel' } }} />;
    }
    default: {
      const multiline = kind.type === 'text' && kind.multiline === true;
      return <TextField label={label} {...props} autoFocus={autoFocus} multiline={multiline} minRows={multiline ? 4 : undefined} />;
    }
  }
}
