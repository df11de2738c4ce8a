import { useEffect, useState } from 'react';
import { Autocomplete, Box, Button, MenuItem, TextField } from '@mui/material';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction, type AuditFilter } from '../../../../shared/api/audit';
import { AUDIT_ENTITIES, entityLabel } from '../../../../shared/api/audit-words';
import { useApiQuery } from '../../components/apiQueries';
import { DateField } from '../../components/DateField';
import { SearchField } from '../../components/SearchField';

/** The filter as the form holds it; '' = no filter. */
export interface AuditFilterState {
  from: string;
  to: string;
  /** '' all accounts, 'none' rows without an account, else the account id */
  user: string;
  actions: AuditAction[];
  entity: string;
  text: string;
}

export const EMPTY_FILTER: AuditFilterState = { from: '', to: '', user: '', actions: [], entity: '', text: '' };

export function toApiFilter(f: AuditFilterState): AuditFilter {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.user === 'none' ? { userId: null } : f.user ? { userId: Number(f.user) } : {}),
    ...(f.actions.length > 0 ? { actions: f.actions } : {}),
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
  };
}

export const isEmptyFilter = (f: AuditFilterState) => JSON.stringify(toApiFilter(f)) === '{}';

/** 操作日志 filters: dates, account, actions, object type, text (applied as you type, after a pause). */
export function AuditFilterBar({ value, onChange }: { value: AuditFilterState; onChange: (next: AuditFilterState) => void }) {
  const users = useApiQuery('audit.users');
  const [text, setText] = useState(value.text);
  // the search text waits for a pause in typing before it asks the database
  useEffect(() => {
    if (text === value.text) return;
    const timer = setTimeout(() => onChange({ ...value, text }), 400);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  const set = (patch: Partial<AuditFilterState>) => onChange({ ...value, ...patch });
  const rangeError = value.from !== '' && value.to !== '' && value.from > value.to;

  return (
    <Box
      role="search"
      aria-label="筛选操作日志"
      sx={{ display: 'grid', gridTemplateColumns: '150px 150px 170px minmax(200px, 1.4fr) 120px minmax(160px, 1fr) auto', gap: 1, alignItems: 'start' }}
    >
      <DateField label="开始日期" value={value.from} onChange={(from) => set({ from })} />
      <DateField label="结束日期" value={value.to} onChange={(to) => set({ to })} error={rangeError} helperText={rangeError ? '不能早于开始日期' : undefined} />
      <TextField select label="账户" value={value.user} onChange={(e) => set({ user: e.target.value })} slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 360 } } } } } }}>
        <MenuItem value="">全部账户</MenuItem>
        {(users.data ?? []).map((u) => (
          <MenuItem key={u.userId ?? 'none'} value={u.userId === null ? 'none' : String(u.userId)}>
            {u.name}
            {u.username ? `（${u.username}）` : ''}
          </MenuItem>
        ))}
      </TextField>
      <Autocomplete
        multiple
        size="small"
        limitTags={2}
        options={[...AUDIT_ACTIONS]}
        value={value.actions}
        onChange={(_, actions) => set({ actions })}
        getOptionLabel={(a) => AUDIT_ACTION_LABELS[a]}
        disableCloseOnSelect
        renderInput={(params) => <TextField {...params} label="操作" placeholder={value.actions.length === 0 ? '全部操作' : undefined} />}
      />
      <TextField select label="对象" value={value.entity} onChange={(e) => set({ entity: e.target.value })}>
        <MenuItem value="">全部对象</MenuItem>
        {AUDIT_ENTITIES.map((e) => (
          <MenuItem key={e} value={e}>
            {entityLabel(e)}
          </MenuItem>
        ))}
      </TextField>
      <SearchField label="内容包含" placeholder="名称、代码、编号…" maxLength={100} value={text} onChange={setText} onEnter={() => onChange({ ...value, text })} />
      <Button
        sx={{ height: 40, whiteSpace: 'nowrap' }}
        disabled={isEmptyFilter(value) && text === ''}
        onClick={() => {
          setText('');
          onChange(EMPTY_FILTER);
        }}
      >
        清除筛选
      </Button>
    </Box>
  );
}
