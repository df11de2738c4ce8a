import { MenuItem, TextField } from '@mui/material';
import { useApiQuery } from './apiQueries';

/**
 * The 年度 picker of the report pages: next year (budgets planned ahead), the working year (设置)
 * and the ten before it — and the chosen year even when it is outside that range (a link to an
 * old statement). useWorkingYear is the year those pages open on.
 */
export function useWorkingYear(): number {
  const settings = useApiQuery('settings.get');
  return settings.data?.workingYear ?? new Date().getFullYear();
}

export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const workingYear = useWorkingYear();
  const years = Array.from({ length: 12 }, (_, i) => workingYear + 1 - i);
  if (!years.includes(value)) years.push(value);
  return (
    <TextField select size="small" fullWidth={false} label="年度" value={value} onChange={(e) => onChange(Number(e.target.value))} sx={{ width: 110, flexShrink: 0 }}>
      {years.map((y) => (
        <MenuItem key={y} value={y}>
          {y}年
        </MenuItem>
      ))}
    </TextField>
  );
}
