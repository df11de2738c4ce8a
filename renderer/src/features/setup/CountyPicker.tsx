import { useDeferredValue, useState } from 'react';
import { Autocomplete, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { CountyItem } from '../../../../shared/api/divisions';
import { skipToken, useApiQuery } from '../../components/apiQueries';

/**
 * Two ways to the district: type its name, code or pinyin initials, or go province → city →
 * county. Both end in the same CountyItem.
 */
export function CountyPicker({ value, onChange }: { value: CountyItem | null; onChange: (county: CountyItem | null) => void }) {
  const [text, setText] = useState('');
  const query = useDeferredValue(text.trim());
  const found = useApiQuery('divisions.searchCounties', query.length > 0 ? { query, limit: 30 } : skipToken);
  const [provinceCode, setProvinceCode] = useState('');
  const [cityCode, setCityCode] = useState('');
  const provinces = useApiQuery('divisions.provinces');
  const cities = useApiQuery('divisions.cities', provinceCode !== '' ? { provinceCode } : skipToken);
  const counties = useApiQuery('divisions.counties', cityCode !== '' ? { cityCode } : skipToken);

  return (
    <Stack spacing={2}>
      <Autocomplete
        options={query ? (found.data ?? []) : []}
        value={value}
        onChange={(_, county) => onChange(county)}
        inputValue={text}
        onInputChange={(_, v) => setText(v)}
        filterOptions={(x) => x}
        getOptionLabel={(c) => c.fullName}
        isOptionEqualToValue={(a, b) => a.code === b.code}
        loading={found.isFetching}
        noOptionsText={query ? '没有找到，请换个写法，或在下方逐级选择' : '请输入区县名称、代码或拼音首字母'}
        loadingText="正在查找…"
        renderOption={(props, c) => (
          <li {...props} key={c.code}>
            <Stack direction="row" spacing={2} sx={{ width: '100%', justifyContent: 'space-between' }}>
              <span>{c.fullName}</span>
              <Typography component="span" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                {c.code}
              </Typography>
            </Stack>
          </li>
        )}
        renderInput={(params) => (
          <TextField {...params} label="查找区（县）" placeholder="如：市中区、370103 或 szq" helperText="输入名称、6位代码或拼音首字母" />
        )}
      />
      <Typography variant="body2" color="text.secondary">
        或逐级选择：
      </Typography>
      <Stack direction="row" spacing={2}>
        <TextField
          select
          label="省（自治区、直辖市）"
          value={provinceCode}
          onChange={(e) => {
            setProvinceCode(e.target.value);
            setCityCode('');
          }}
          slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 360 } } } } } }}
        >
          {(provinces.data ?? []).map((p) => (
            <MenuItem key={p.code} value={p.code}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="市（地区、州）" value={cityCode} disabled={!provinceCode} onChange={(e) => setCityCode(e.target.value)}>
          {(cities.data ?? []).map((c) => (
            <MenuItem key={c.code} value={c.code}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="区（县）"
          value={value && value.cityCode === cityCode ? value.code : ''}
          disabled={!cityCode}
          onChange={(e) => onChange((counties.data ?? []).find((c) => c.code === e.target.value) ?? null)}
        >
          {(counties.data ?? []).map((c) => (
            <MenuItem key={c.code} value={c.code}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
    </Stack>
  );
}
