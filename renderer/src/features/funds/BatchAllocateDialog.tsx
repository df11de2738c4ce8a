import { useState } from 'react';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { z } from 'zod';
import type { BatchAllocateInput, BatchPreview, Programme } from '../../../../shared/api/funds/records';
import type { StreetNode, UnitRow } from '../../../../shared/api/units';
import { formatYuan } from '../../../../shared/domain/money';
import { api, errorMessage } from '../../api/client';
import { DateField } from '../../components/DateField';
import { useDictionary } from '../../components/useDictionary';
import { MoneyField } from './MoneyField';
import { fenToMoney, requiredMoney, type MoneyValue } from './moneyInput';
import { acceptsUnit, unitLabel, useUnitChoices, useUnitTree } from './unitChoices';
import { fundTableSx } from './fundTableSx';

type ScopeKind = 'allStreets' | 'unitsOfStreets' | 'units';
type Input = z.input<typeof BatchAllocateInput>;

const amountSchema = requiredMoney('每个单位的金额');

/**
 * 按标准批量分配: the same amount to every street, to every 村（社区） of chosen streets (by
 * 单位类别), or to chosen units. The clerk must see the preview — each row, the total, what is
 * skipped, 未分配 before and after, and why it cannot be saved — before 确认分配 saves it; any
 * change to the choices asks for a new preview. The service saves all rows or none.
 */
export function BatchAllocateDialog({ programme: p, onClose, onSaved }: { programme: Programme; onClose: () => void; onSaved: () => Promise<unknown> | void }) {
  const kinds = useDictionary('unit_kind');
  const tree = useUnitTree();
  const [scope, setScope] = useState<ScopeKind>(p.recipientKind === 'street' ? 'allStreets' : 'unitsOfStreets');
  const [streets, setStreets] = useState<StreetNode[]>([]);
  // a programme for 社区 starts with every kind but 行政村 ticked (the service refuses 行政村 for it)
  const [unitKinds, setUnitKinds] = useState<string[] | null>(null);
  const [units, setUnits] = useState<UnitRow[]>([]);
  const [amount, setAmount] = useState<MoneyValue>(fenToMoney(p.standardFen, '万元'));
  const [dueOn, setDueOn] = useState('');
  const [skipExisting, setSkipExisting] = useState(true);
  const [preview, setPreview] = useState<{ key: string; data: BatchPreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const chosenKinds = unitKinds ?? (p.recipientKind === 'community' ? kinds.activeItems.filter((k) => k.value !== 'village').map((k) => k.value) : []);
  const parsedAmount = amountSchema.safeParse(amount);
  const amountError = parsedAmount.success ? null : (parsedAmount.error.issues[0]?.message ?? '请填写每个单位的金额');
  const input: Input | null = parsedAmount.success
    ? {
        programmeId: p.id,
        scope:
          scope === 'allStreets'
            ? { kind: 'allStreets' }
            : scope === 'unitsOfStreets'
              ? { kind: 'unitsOfStreets', streetIds: streets.map((s) => s.id), unitKinds: chosenKinds }
              : { kind: 'units', unitIds: units.map((u) => u.id) },
        amountFen: parsedAmount.data,
        dueOn: dueOn === '' ? null : dueOn,
        existing: skipExisting ? 'skip' : 'refuse',
      }
    : null;
  const key = JSON.stringify(input);
  const fresh = preview !== null && preview.key === key ? preview.data : null;
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setError(null);
  };

  const run = async () => {
    if (!input) {
      setError(amountError);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (!fresh) {
        setPreview({ key, data: await api.funds.previewBatch(input) });
        return;
      }
      await api.funds.allocateBatch(input);
      await onSaved();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const creating = fresh ? fresh.rows.length - fresh.skipped : 0;
  return (
    <Dialog open onClose={onClose} maxWidth="md" aria-labelledby="batch-allocate-title">
      <DialogTitle id="batch-allocate-title">批量分配：{p.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} sx={{ pt: 0.5 }}>
          <Typography variant="body2" color="text.secondary">
            按标准给一批单位分配相同的金额。先点“预览”核对每个单位和合计，确认无误后再保存；全部保存或全不保存。本项目未分配 {formatYuan(p.unallocatedFen)} 元。
          </Typography>
          <Box>
            <FormLabel id="batch-scope">分配范围</FormLabel>
            <RadioGroup row aria-labelledby="batch-scope" value={scope} onChange={(e) => changed(setScope)(e.target.value as ScopeKind)}>
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
                onChange={(_, v) => changed(setStreets)(v)}
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
                        onChange={(e) => changed(setUnitKinds)(e.target.checked ? [...chosenKinds, k.value] : chosenKinds.filter((v) => v !== k.value))}
                      />
                    }
                    label={k.label}
                  />
                ))}
              </FormGroup>
            </>
          )}
          {scope === 'units' && <UnitsPicker value={units} onChange={changed(setUnits)} accept={(u) => acceptsUnit(p.recipientKind, u)} />}
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
            <MoneyField label="每个单位的金额" name="amountFen" value={amount} onChange={changed(setAmount)} error={Boolean(amountError) && amount.text !== ''} helperText={amount.text !== '' ? (amountError ?? undefined) : undefined} />
            <DateField label={`应拨付日期（选填${p.dueOn ? `，默认 ${p.dueOn}` : ''}）`} value={dueOn} onChange={changed(setDueOn)} />
          </Box>
          <FormControlLabel
            control={<Checkbox size="small" checked={skipExisting} onChange={(e) => changed(setSkipExisting)(e.target.checked)} />}
            label="跳过本项目中已分配的单位（不勾选则有已分配的单位时不能保存）"
          />
          {fresh && <PreviewTable preview={fresh} />}
          {preview && !fresh && <Alert severity="info">分配条件已改变，请重新预览。</Alert>}
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant={fresh ? 'outlined' : 'contained'} disabled={busy || fresh !== null} onClick={() => void run()}>
          预览
        </Button>
        <Button variant="contained" disabled={busy || !fresh || fresh.problem !== null || creating === 0} onClick={() => void run()}>
          {fresh && creating > 0 ? `确认分配（${creating} 个单位）` : '确认分配'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

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
      <TableContainer sx={{ maxHeight: 300, border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" stickyHeader aria-label="预览明细" sx={fundTableSx}>
          <TableHead>
            <TableRow>
              <TableCell className="num">序号</TableCell>
              {showStreet && <TableCell>街道（镇）</TableCell>}
              <TableCell>单位</TableCell>
              <TableCell>代码</TableCell>
              <TableCell className="num">本次分配（元）</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.rows.map((r, i) => (
              <TableRow key={r.unitId}>
                <TableCell className="num">{i + 1}</TableCell>
                {showStreet && <TableCell>{r.streetName}</TableCell>}
                <TableCell>{r.name}</TableCell>
                <TableCell className="mono">{r.code}</TableCell>
                <TableCell className="num">
                  {r.alreadyAllocatedFen !== null && <Chip size="small" label={`已分配 ${formatYuan(r.alreadyAllocatedFen)}`} sx={{ mr: 1, height: 20 }} />}
                  {formatYuan(r.amountFen)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Stack>
  );
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
