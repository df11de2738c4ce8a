import { MenuItem, TextField } from '@mui/material';
import { CreateStreetInput, CreateUnitInput, UpdateInput, type StreetNode, type UnitRow } from '../../../../shared/api/units';
import { URBAN_RURAL_CLASSES } from '../../../../shared/domain/division';
import { api } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import { StreetSelect } from './StreetSelect';
import { useUnitKinds } from './useUnitKinds';
import { useRefreshUnits } from './useUnitMutations';

export type UnitFormTarget =
  | { mode: 'create'; level: 'street'; districtCode: string }
  | { mode: 'create'; level: 'unit'; parentId: number | null }
  | { mode: 'edit'; row: UnitRow };

const schemaFor = (target: UnitFormTarget) =>
  target.mode === 'edit' ? UpdateInput : target.level === 'street' ? CreateStreetInput : CreateUnitInput;

function initialValues(target: UnitFormTarget, streets: StreetNode[]): Record<string, unknown> {
  if (target.mode === 'edit') {
    const { id, name, fullName, kind, urbanRuralClass, note } = target.row;
    return { id, name, fullName, kind, urbanRuralClass: urbanRuralClass ?? '', note: note ?? '' };
  }
  if (target.level === 'street') return { level: 'street', code: target.districtCode, name: '', kind: '街道', note: '' };
  const street = streets.find((s) => s.id === target.parentId);
  return { level: 'unit', parentId: target.parentId ?? undefined, code: street?.code ?? '', name: '', fullName: '', kind: 'village', urbanRuralClass: '', note: '' };
}

/** Add a street or a unit, or edit one (name, kind, 城乡分类, note; the code changes elsewhere). */
export function UnitFormDialog({ target, streets, onClose }: { target: UnitFormTarget; streets: StreetNode[]; onClose: () => void }) {
  const form = useZodForm(schemaFor(target), initialValues(target, streets));
  const kinds = useUnitKinds();
  const refresh = useRefreshUnits();
  const save = () =>
    form.submit(async (input) => {
      if (target.mode === 'edit') await api.units.update(input as UpdateInput);
      else await api.units.create(input as Parameters<typeof api.units.create>[0]);
    });
  const isStreet = target.mode === 'edit' ? target.row.level === 'street' : target.level === 'street';
  const title =
    target.mode === 'edit' ? `编辑：${target.row.name}` : isStreet ? '新增街道（镇）' : '新增村（社区）';

  return (
    <FormDialog title={title} formError={form.formError} onSubmit={save} onSaved={refresh} onClose={onClose}>
      {target.mode === 'create' && !isStreet && (
        <StreetSelect
          streets={streets}
          fieldProps={form.textProps('parentId')}
          onChosen={(street) => {
            form.set('parentId', street.id);
            const code = String(form.values.code ?? '');
            if (code === '' || code.length <= 9) form.set('code', street.code);
          }}
        />
      )}
      {target.mode === 'create' ? (
        <TextField
          label={isStreet ? '街道（镇）代码（9位）' : '村（社区）代码（12位）'}
          {...form.textProps('code')}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: isStreet ? 12 : 16 } }}
        />
      ) : (
        <TextField label="代码" value={target.row.code} disabled helperText="修改代码请使用“变更代码”，旧代码会留作历史" />
      )}
      <TextField label="名称" {...form.textProps('name')} autoFocus={target.mode === 'edit'} />
      {!isStreet && <TextField label="全称（选填，如“某某村村民委员会”）" {...form.textProps('fullName')} />}
      <TextField select label="类别" {...form.textProps('kind')}>
        {isStreet
          ? kinds.streetKinds.map((k) => (
              <MenuItem key={k} value={k}>
                {k}
              </MenuItem>
            ))
          : kinds.items
              .filter((k) => !k.retired || (target.mode === 'edit' && k.value === target.row.kind))
              .map((k) => (
              <MenuItem key={k.value} value={k.value}>
                {k.label}
              </MenuItem>
            ))}
      </TextField>
      {!isStreet && (
        <TextField select label="城乡分类代码（选填）" {...form.textProps('urbanRuralClass')}>
          <MenuItem value="">未填写</MenuItem>
          {URBAN_RURAL_CLASSES.map((c) => (
            <MenuItem key={c.value} value={c.value}>
              {c.label}
            </MenuItem>
          ))}
        </TextField>
      )}
      <TextField label="备注（选填）" multiline minRows={2} {...form.textProps('note')} />
    </FormDialog>
  );
}
