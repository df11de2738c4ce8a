import { useMemo, useState } from 'react';
import { Alert, Autocomplete, Box, Button, Checkbox, Chip, FormControlLabel, FormGroup, FormLabel, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { z } from 'zod';
import { BatchAllocateInput, type BatchPreview, type Programme } from '../../../../shared/api/funds/records';
import type { StreetNode, UnitRow } from '../../../../shared/api/units';
import { formatYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { Money, ReportTable, type ReportColumn } from '../../components/ReportTable';
import { useDictionary } from '../../components/useDictionary';
import { useZodForm } from '../../components/useZodForm';
import { MoneyField, moneyProps } from './MoneyField';
import { fenToMoney, requiredMoney } from './moneyInput';
import { acceptsUnit, unitLabel, useUnitChoices, useUnitTree } from './unitChoices';

type ScopeKind = 'allStreets' | 'unitsOfStreets' | 'units';

/**
 * The dialog's choices → the contract's BatchAllocateInput (checked by it, so the form refuses
 * what the service would, in its words). `defaultKinds`: the 单位类别 ticked until the clerk
 * changes them.
 */
function batchSchema(programmeId: number, defaultKinds: string[]) {
  return z
    .object({
      scope: z.enum(['allStreets', 'unitsOfStreets', 'units']),
      streets: z.array(z.custom<StreetNode>()),
      unitKinds: z.array(z.string()).nullable(),
      units: z.array(z.custom<UnitRow>()),
      amountFen: requiredMoney('每个单位的金额'),
      dueOn: z.string(),
      skipExisting: z.boolean(),
    })
    .transform((v): z.input<typeof BatchAllocateInput> => ({
      programmeId,
      scope:
        v.scope === 'allStreets'
          ? { kind: 'allStreets' }
          : v.scope === 'unitsOfStreets'
            ? { kind: 'unitsOfStreets', streetIds: v.streets.map((s) => s.id), unitKinds: v.unitKinds ?? defaultKinds }
            : { kind: 'units', unitIds: v.units.map((u) => u.id) },
      amountFen: v.amountFen,
      dueOn: v.dueOn === '' ? null : v.dueOn,
      existing: v.skipExisting ? 'skip' : 'refuse',
    }))
    .pipe(BatchAllocateInput);
}

/**
 * 按标准批量分配: the same amount to every street, to every 村（社区） of chosen streets (by
 * 单位类别), or to chosen units. The clerk must see the preview — each row, the total, what is
 * skipped, 未分配 before and after, and why it cannot be saved — before 确认分配 saves it; any
 * change to the choices asks for a new preview. The service saves all rows or none.
 */
export function BatchAllocateDialog({ programme: p, onClose, onSaved }: { programme: Programme; onClose: () => void; onSaved: () => Promise<unknown> | void }) {
  const kinds = useDictionary('unit_kind');
  const tree = useUnitTree();
  // a programme for 社区 starts with every kind but 行政村 ticked (the service refuses 行政村 for it)
  const defaultKinds = useMemo(
    () => (p.recipientKind === 'community' ? kinds.items.filter((k) => !k.retired && k.value !== 'village').map((k) => k.value) : []),
    [p.recipientKind, kinds.items],
  );
  const schema = useMemo(() => batchSchema(p.id, defaultKinds), [p.id, defaultKinds]);
  const form = useZodForm(schema, {
    scope: p.recipientKind === 'street' ? 'allStreets' : 'unitsOfStreets',
    streets: [],
    unitKinds: null,
    units: [],
    amountFen: fenToMoney(p.standardFen, '万元'),
    dueOn: '',
    skipExisting: true,
  });
  const [preview, setPreview] = useState<{ key: string; data: BatchPreview } | null>(null);
  const [previewing, setPreviewing] = useState(false);

  const scope = form.values.scope as ScopeKind;
  const streets = form.values.streets as StreetNode[];
  const units = form.values.units as UnitRow[];
  const chosenKinds = (form.values.unitKinds as string[] | null) ?? defaultKinds;
  const key = JSON.stringify(form.parsed);
  const fresh = preview !== null && form.parsed !== null && preview.key === key ? preview.data : null;
  const creating = fresh ? fresh.rows.length - fresh.skipped : 0;

  const showPreview = async () => {
    setPreviewing(true);
    try {
      await form.submit(async (input) => setPreview({ key: JSON.stringify(input), data: await api.funds.previewBatch(input) }));
    } finally {
      setPreviewing(false);
    }
  };

  return (
    <FormDialog
      title={`批量分配：${p.name}`}
      maxWidth="md"
      formError={form.formError}
      submitLabel={fresh && creating > 0 ? `确认分配（${creating} 个单位）` : '确认分配'}
      submitDisabled={previewing || !fresh || fresh.problem !== null || creating === 0}
      actions={
        <Button variant={fresh ? 'outlined' : 'contained'} disabled={previewing || fresh !== null} onClick={() => void showPreview()}>
          预览
        </Button>
      }
      onSubmit={() => form.submit((input) => api.funds.allocateBatch(input))}
      onSaved={onSaved}
      onClose={onClose}
    >
      <Stack spacing={1.5}>
        <Typography variant="body2" color="text.secondary">
          按标准给一批单位分配相同的金额。先点“预览”核对每个单位和合计，确认无误后再保存；全部保存或全不保存。本项目未分配 {formatYuan(p.unallocatedFen)} 元。
        </Typography>
        <Box>
          <FormLabel id="batch-scope">分配范围</FormLabel>
          <RadioGroup row aria-labelledby="batch-scope" value={scope} onChange={(e) => form.set('scope', e.target.value as ScopeKind)}>
            <FormControlLabel value="allStreets" control={<Radio size="small" />} label="所有街道" />
            <FormControlLabel value="unitsOfStreets" control={<Radio size="small" />} label="选定街道的村（社区）" />
            <FormControlLabel value="units" control={<Radio size="small" />} label="选定的单位" />
          </RadioGroup>
        </Box>
        {scope === 'unitsOfStreets' && (
          <>
            <Autocomplete
              multiple
              size="small"
              options={tree.streets}
              value={streets}
              onChange={(_, v) => form.set('streets', v)}
              getOptionLabel={(s) => s.name}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              disableCloseOnSelect
              limitTags={6}
              renderInput={(params) => <TextField {...params} label="街道（镇）" placeholder={streets.length === 0 ? '不选则为全部街道' : undefined} />}
            />
            <FormGroup row aria-label="单位类别">
              <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center', mr: 1.5 }}>
                单位类别（不选则为全部）：
              </Typography>
              {kinds.activeItems.map((k) => (
                <FormControlLabel
                  key={k.value}
                  control={
                    <Checkbox
                      size="small"
                      checked={chosenKinds.includes(k.value)}
                      onChange={(e) => form.set('unitKinds', e.target.checked ? [...chosenKinds, k.value] : chosenKinds.filter((v) => v !== k.value))}
                    />
                  }
                  label={k.label}
                />
              ))}
            </FormGroup>
          </>
        )}
        {scope === 'units' && <UnitsPicker value={units} onChange={(v) => form.set('units', v)} accept={(u) => acceptsUnit(p.recipientKind, u)} />}
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
          <MoneyField label="每个单位的金额" {...moneyProps(form, 'amountFen')} />
          <DateField label={`应拨付日期（选填${p.dueOn ? `，默认 ${p.dueOn}` : ''}）`} {...form.dateProps('dueOn')} />
        </Box>
        <FormControlLabel
          control={<Checkbox size="small" checked={Boolean(form.values.skipExisting)} onChange={(e) => form.set('skipExisting', e.target.checked)} />}
          label="跳过本项目中已分配的单位（不勾选则有已分配的单位时不能保存）"
        />
        {fresh && <PreviewTable preview={fresh} />}
        {preview && !fresh && <Alert severity="info">分配条件已改变，请重新预览。</Alert>}
      </Stack>
    </FormDialog>
  );
}

type PreviewRow = BatchPreview['rows'][number];

function PreviewTable({ preview }: { preview: BatchPreview }) {
  const creating = preview.rows.length - preview.skipped;
  // streets only: the street column would repeat the name
  const showStreet = preview.rows.some((r) => r.name !== r.streetName);
  return (
    <Stack spacing={1} role="region" aria-label="分配预览">
      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        将分配 <b>{creating}</b> 个单位，合计 <b>{formatYuan(preview.totalFen)}</b> 元
        {preview.skipped > 0 ? `，跳过已分配的 ${preview.skipped} 个` : ''}；未分配 {formatYuan(preview.unallocatedBeforeFen)} 元 → <b>{formatYuan(preview.unallocatedAfterFen)}</b> 元
      </Typography>
      {preview.problem && <Alert severity="error">{preview.problem}</Alert>}
      <ReportTable label="预览明细" columns={previewColumns(showStreet)} rows={preview.rows} rowKey={(r) => r.unitId} maxHeight={300} />
    </Stack>
  );
}

/** 序号 · 街道（镇）(when the rows are not streets) · 单位 · 代码 · 本次分配（元）, marking units already allocated. */
function previewColumns(showStreet: boolean): ReportColumn<PreviewRow>[] {
  return [
    { key: 'no', header: '序号', numeric: true, cell: (_, i) => i + 1 },
    ...(showStreet ? [{ key: 'street', header: '街道（镇）', cell: (r) => r.streetName } satisfies ReportColumn<PreviewRow>] : []),
    { key: 'name', header: '单位', cell: (r) => r.name },
    { key: 'code', header: '代码', mono: true, cell: (r) => r.code },
    {
      key: 'amount',
      header: '本次分配（元）',
      numeric: true,
      cell: (r) => (
        <>
          {r.alreadyAllocatedFen !== null && <Chip size="small" label={`已分配 ${formatYuan(r.alreadyAllocatedFen)}`} sx={{ mr: 1, height: 20 }} />}
          <Money fen={r.amountFen} />
        </>
      ),
    },
  ];
}

/** Several units by name, code or pinyin initials. */
function UnitsPicker({ value, onChange, accept }: { value: UnitRow[]; onChange: (units: UnitRow[]) => void; accept: (u: UnitRow) => boolean }) {
  const [text, setText] = useState('');
  const choices = useUnitChoices(text, accept);
  return (
    <Autocomplete
      multiple
      size="small"
      options={choices.options}
      value={value}
      onChange={(_, v) => onChange(v)}
      inputValue={text}
      onInputChange={(_, t, reason) => {
        // keep the typed text after choosing one, to choose the next of the same search
        if (reason !== 'reset') setText(t);
      }}
      filterOptions={choices.searching ? (o) => o : undefined}
      getOptionLabel={unitLabel}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      groupBy={(u) => (u.level === 'street' ? '街道（镇）' : (u.streetName ?? ''))}
      disableCloseOnSelect
      limitTags={8}
      loading={choices.loading}
      loadingText="正在查找…"
      noOptionsText="没有找到符合的单位"
      renderInput={(params) => <TextField {...params} label={`选定的单位（已选 ${value.length} 个）`} placeholder="输入名称、代码或拼音首字母" />}
    />
  );
}
