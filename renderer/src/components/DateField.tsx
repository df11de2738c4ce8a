import dayjs from 'dayjs';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';

/** A date picker whose value is ISO "YYYY-MM-DD" text (or '' when empty), as the contract wants. */
export function DateField({
  label,
  value,
  onChange,
  error,
  helperText,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: boolean;
  helperText?: string;
  name?: string;
}) {
  const parsed = value ? dayjs(value, 'YYYY-MM-DD') : null;
  return (
    <DatePicker
      label={label}
      value={parsed && parsed.isValid() ? parsed : null}
      format="YYYY-MM-DD"
      onChange={(d) => onChange(d && d.isValid() ? d.format('YYYY-MM-DD') : '')}
      slotProps={{ textField: { size: 'small', fullWidth: true, error, helperText, name } }}
    />
  );
}

export const today = () => dayjs().format('YYYY-MM-DD');
