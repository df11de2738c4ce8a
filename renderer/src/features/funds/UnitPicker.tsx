import { useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import type { UnitRow } from '../../../../shared/api/units';
import { unitLabel, useUnitChoices } from './unitChoices';

/**
 * Choose one unit (street or 村/社区) by name, code or pinyin initials. `taken` units (already
 * allocated) show but cannot be chosen.
 */
export function UnitPicker({
  label,
  value,
  onChange,
  accept,
  taken,
  error,
  helperText,
}: {
  label: string;
  value: UnitRow | null;
  onChange: (unit: UnitRow | null) => void;
  accept: (u: UnitRow) => boolean;
  taken: ReadonlySet<number>;
  error?: boolean;
  helperText?: string;
}) {
  const [text, setText] = useState('');
  const typed = value && text === unitLabel(value) ? '' : text;
  const choices = useUnitChoices(typed, accept);
  return (
    <Autocomplete
      size="small"
      options={choices.options}
      value={value}
      onChange={(_, unit) => onChange(unit)}
      inputValue={text}
      onInputChange={(_, t) => setText(t)}
      // while searching, the service has already matched (pinyin too); do not filter again
      filterOptions={choices.searching ? (o) => o : undefined}
      getOptionLabel={unitLabel}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionDisabled={(u) => taken.has(u.id)}
      groupBy={(u) => (u.level === 'street' ? '街道（镇）' : (u.streetName ?? ''))}
      renderOption={(props, u) => (
        <li {...props} key={u.id}>
          {u.name}
          <span style={{ marginLeft: 8, color: '#888', fontFamily: 'monospace', fontSize: 12 }}>{u.code}</span>
          {taken.has(u.id) && <span style={{ marginLeft: 8, fontSize: 12 }}>（已分配）</span>}
        </li>
      )}
      loading={choices.loading}
      loadingText="正在查找…"
      noOptionsText={typed ? '没有找到符合的单位' : '没有可选的单位'}
      renderInput={(params) => <TextField {...params} label={label} placeholder="输入名称、代码或拼音首字母" error={error} helperText={helperText ?? ' '} />}
    />
  );
}
