import { InputAdornment, TextField } from '@mui/material';
import SearchOutlined from '@mui/icons-material/SearchOutlined';

/**
 * A text field with a magnifier in front, for the places that search or filter by text (the
 * units page's 查找单位, the operation log's 内容包含). Named by `label` where the form shows
 * labels, or by `ariaLabel` where it shows only the placeholder.
 */
export function SearchField({
  value,
  onChange,
  placeholder,
  label,
  ariaLabel,
  maxLength,
  onEnter,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  label?: string;
  ariaLabel?: string;
  maxLength?: number;
  /** called when Enter is pressed in the field */
  onEnter?: () => void;
}) {
  return (
    <TextField
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={
        onEnter &&
        ((e) => {
          if (e.key === 'Enter') onEnter();
        })
      }
      slotProps={{
        htmlInput: { 'aria-label': ariaLabel, maxLength },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchOutlined fontSize="small" />
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
