import { useRef } from 'react';
import { Box, MenuItem, TextField } from '@mui/material';
import type { Programme } from '../../../../shared/api/funds/records';
import { formatYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { useApiQuery } from '../../components/apiQueries';
import { DateField } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';
import { DictionarySelect, type FieldProps } from '../villages/DictionarySelect';
import { MoneyField, moneyProps } from './MoneyField';
import { programmeFormSchema, programmeFormValues } from './programmeForm';

/**
 * 新建 / 修改经费项目. The budget is typed in 万元 or 元; a change of budget below what is allocated,
 * or of the recipient kind that existing allocations no longer fit, is refused by the service
 * with the amounts, shown here.
 */
export function ProgrammeDialog({
  year,
  programme,
  onClose,
  onSaved,
}: {
  year: number;
  /** null: a new programme */
  programme: Programme | null;
  onClose: () => void;
  onSaved: (saved: Programme) => Promise<unknown> | void;
}) {
  const form = useZodForm(programmeFormSchema, programmeFormValues(year, programme));
  const settings = useApiQuery('settings.get');
  const workingYear = settings.data?.workingYear ?? year;
  const years = [...new Set([workingYear + 1, workingYear, workingYear - 1, workingYear - 2, year, programme?.year ?? year])].sort((a, b) => b - a);
  const props = (field: string) => form.textProps(field) as FieldProps;
  const saved = useRef<Programme | null>(null);

  const submit = () =>
    form.submit(async (parsed) => {
      saved.current = programme ? await api.funds.updateProgramme({ ...parsed, id: programme.id }) : await api.funds.createProgramme(parsed);
    });
  return (
    <FormDialog
      title={programme ? `修改经费项目：${programme.name}` : '新建经费项目'}
      intro={
        programme && programme.balance.allocatedFen > 0
          ? `已分配 ${formatYuan(programme.balance.allocatedFen)} 元，预算不能低于这个数。`
          : '预算可以按万元或元填写，精确到分。拨付标准和标准金额用于批量分配时的默认金额。'
      }
      formError={form.formError}
      onSubmit={submit}
      onSaved={() => onSaved(saved.current!)}
      onClose={onClose}
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2, rowGap: 0.5 }}>
        <Box sx={{ gridColumn: '1 / -1' }}>
          <TextField label="项目名称" autoFocus={!programme} {...props('name')} slotProps={{ htmlInput: { maxLength: 100 } }} />
        </Box>
        <TextField select label="年度" {...props('year')}>
          {years.map((y) => (
            <MenuItem key={y} value={String(y)}>
              {y}年
            </MenuItem>
          ))}
        </TextField>
        <DictionarySelect label="资金类别" dictionary="fund_category" props={props('category')} />
        <DictionarySelect label="资金来源层级" dictionary="fund_source_level" props={props('sourceLevel')} />
        <DictionarySelect label="拨付对象类别" dictionary="fund_recipient_kind" props={props('recipientKind')} />
        <MoneyField label="预算" {...moneyProps(form, 'budgetFen')} />
        <TextField label="文号（选填）" placeholder="如 市中组字〔2026〕5号" {...props('documentNo')} />
        <TextField label="拨付标准（选填）" placeholder="如 10万元/街道" {...props('standardText')} />
        <MoneyField label="标准金额（选填，每个对象）" {...moneyProps(form, 'standardFen')} />
        <DateField label="应拨付日期（选填）" {...form.dateProps('dueOn')} />
        <Box />
        <Box sx={{ gridColumn: '1 / -1' }}>
          <TextField label="备注（选填）" multiline minRows={2} {...props('note')} />
        </Box>
      </Box>
    </FormDialog>
  );
}
