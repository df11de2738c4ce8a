import { Box, Button, MenuItem, Stack, TextField } from '@mui/material';
import type { IncomeBandInfo } from '../../../../shared/api/villages';
import type { StreetNode } from '../../../../shared/api/units';
import { SearchField } from '../../components/SearchField';
import { useDictionary } from '../../components/useDictionary';
import { NO_FILTERS, activeFilterCount, type VillageFilters } from './villageFilters';

const YES_NO = [
  { value: '', label: '不限' },
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

/** Filters of the 村情档案 list: year, street, kind, income band, star, 堡垒指数, 软弱涣散, 第一书记, text. */
export function VillageFilterBar({
  filters,
  onChange,
  streets,
  bands,
  years,
  defaultYear,
}: {
  filters: VillageFilters;
  onChange: (next: VillageFilters) => void;
  streets: StreetNode[];
  bands: IncomeBandInfo[];
  years: number[];
  /** the year shown when none is chosen (the working year) */
  defaultYear: number;
}) {
  const kinds = useDictionary('unit_kind');
  const stars = useDictionary('star_rating');
  const fortress = useDictionary('fortress_index');
  const set = <K extends keyof VillageFilters>(key: K, value: VillageFilters[K]) => onChange({ ...filters, [key]: value });
  // empty choices show their words (不限 / 全部街道) instead of a blank box
  const small = { size: 'small' as const, fullWidth: false, slotProps: { select: { displayEmpty: true }, inputLabel: { shrink: true } } };
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <TextField select label="年度" {...small} sx={{ width: 112 }} value={filters.year ?? defaultYear} onChange={(e) => set('year', e.target.value === '' ? null : Number(e.target.value))}>
        {years.map((y) => (
          <MenuItem key={y} value={y}>
            {y}年
          </MenuItem>
        ))}
      </TextField>
      <TextField select label="街道（镇）" {...small} sx={{ width: 150 }} value={filters.streetId ?? ''} onChange={(e) => set('streetId', e.target.value === '' ? null : Number(e.target.value))}>
        <MenuItem value="">全部街道</MenuItem>
        {streets.map((s) => (
          <MenuItem key={s.id} value={s.id}>
            {s.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="类别"
        {...small}
        sx={{ width: 130 }}
        value={filters.kinds}
        slotProps={{ inputLabel: { shrink: true }, select: { multiple: true, displayEmpty: true, renderValue: (v) => ((v as string[]).length === 0 ? '全部' : (v as string[]).map((k) => kinds.labelOf(k)).join('、')) } }}
        onChange={(e) => set('kinds', e.target.value as unknown as string[])}
      >
        {kinds.items.map((k) => (
          <MenuItem key={k.value} value={k.value}>
            {k.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField select label="收入档次" {...small} sx={{ width: 130 }} value={filters.incomeBand} onChange={(e) => set('incomeBand', e.target.value)}>
        <MenuItem value="">不限</MenuItem>
        {bands.map((b) => (
          <MenuItem key={b.key} value={b.key}>
            {b.label}（{b.range}）
          </MenuItem>
        ))}
        <MenuItem value="unreported">未填报收入</MenuItem>
      </TextField>
      <TextField select label="评星定级" {...small} sx={{ width: 110 }} value={filters.starRating} onChange={(e) => set('starRating', e.target.value)}>
        <MenuItem value="">不限</MenuItem>
        {stars.items.map((i) => (
          <MenuItem key={i.value} value={i.value}>
            {i.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField select label="堡垒指数" {...small} sx={{ width: 110 }} value={filters.fortressIndex} onChange={(e) => set('fortressIndex', e.target.value)}>
        <MenuItem value="">不限</MenuItem>
        {fortress.items.map((i) => (
          <MenuItem key={i.value} value={i.value}>
            {i.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField select label="软弱涣散" {...small} sx={{ width: 110 }} value={filters.weak} onChange={(e) => set('weak', e.target.value)}>
        {YES_NO.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField select label="有第一书记" {...small} sx={{ width: 122 }} value={filters.hasFirstSecretary} onChange={(e) => set('hasFirstSecretary', e.target.value)}>
        {YES_NO.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
      <Box sx={{ width: 230 }}>
        <SearchField value={filters.text} onChange={(text) => set('text', text)} placeholder="村名、代码、拼音、书记姓名" ariaLabel="查找村（社区）" />
      </Box>
      <Button size="small" disabled={activeFilterCount(filters) === 0} onClick={() => onChange({ ...NO_FILTERS, year: filters.year })}>
        清除筛选
      </Button>
    </Stack>
  );
}
