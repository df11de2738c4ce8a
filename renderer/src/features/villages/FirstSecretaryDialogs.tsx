import { useState } from 'react';
import { TextField } from '@mui/material';
import { EndFirstSecretaryInput, SetFirstSecretaryInput, UpdateFirstSecretaryInput, type FirstSecretary } from '../../../../shared/api/villages';
import { api } from '../../api/client';
import { DateField, today } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';

type Saved = () => Promise<unknown> | void;

/**
 * 任命新的第一书记. A current one leaves on 前任离任日期, which follows the new start date until
 * the user sets it apart; the current one then moves to the history.
 */
export function AppointDialog({ unitId, current, onClose, onSaved }: { unitId: number; current: FirstSecretary | null; onClose: () => void; onSaved: Saved }) {
  const start = today();
  const form = useZodForm(SetFirstSecretaryInput, {
    unitId,
    name: '',
    dispatchingUnit: '',
    startedOn: start,
    ...(current ? { previousEndedOn: start } : {}),
    note: '',
  });
  const [ownEnd, setOwnEnd] = useState(false);
  const startProps = form.dateProps('startedOn');
  return (
    <FormDialog
      title="任命新的第一书记"
      intro={current ? `现任第一书记${current.name}将于“前任离任日期”离任，转入历史记录。` : '任命后显示为现任第一书记。'}
      formError={form.formError}
      submitLabel="任命"
      onSubmit={() => form.submit((input) => api.villages.setFirstSecretary(input))}
      onSaved={onSaved}
      onClose={onClose}
    >
      <TextField label="姓名" autoFocus {...form.textProps('name')} />
      <TextField label="派出单位（选填）" placeholder="如 区财政局" {...form.textProps('dispatchingUnit')} />
      <DateField
        label="任职开始日期"
        {...startProps}
        onChange={(value) => {
          startProps.onChange(value);
          if (current && !ownEnd) form.set('previousEndedOn', value);
        }}
      />
      {current && (
        <DateField
          label={`前任（${current.name}）离任日期`}
          {...form.dateProps('previousEndedOn')}
          onChange={(value) => {
            setOwnEnd(true);
            form.set('previousEndedOn', value);
          }}
          helperText={form.errorOf('previousEndedOn') ?? '默认与新任的开始日期相同'}
        />
      )}
      <TextField label="备注（选填）" multiline minRows={2} {...form.textProps('note')} />
    </FormDialog>
  );
}

/** 离任: the current one leaves on a date and moves to the history. */
export function EndDialog({ unitId, current, onClose, onSaved }: { unitId: number; current: FirstSecretary; onClose: () => void; onSaved: Saved }) {
  const form = useZodForm(EndFirstSecretaryInput, { unitId, endedOn: today() });
  return (
    <FormDialog
      title={`第一书记离任：${current.name}`}
      intro={`${current.name}自 ${current.startedOn} 起任第一书记。离任后转入历史记录，本村（社区）暂无现任第一书记。`}
      formError={form.formError}
      submitLabel="离任"
      onSubmit={() => form.submit((input) => api.villages.endFirstSecretary(input))}
      onSaved={onSaved}
      onClose={onClose}
    >
      <DateField label="离任日期" {...form.dateProps('endedOn')} />
    </FormDialog>
  );
}

/** 更正: fixes a record (a typo, a date); terms of one unit may not overlap (the service checks). */
export function CorrectDialog({ record, onClose, onSaved }: { record: FirstSecretary; onClose: () => void; onSaved: Saved }) {
  const form = useZodForm(UpdateFirstSecretaryInput, {
    id: record.id,
    name: record.name,
    dispatchingUnit: record.dispatchingUnit ?? '',
    startedOn: record.startedOn,
    endedOn: record.endedOn ?? '',
    note: record.note ?? '',
  });
  return (
    <FormDialog
      title={`更正第一书记记录：${record.name}`}
      intro="用于更正录入错误。更换第一书记请用“任命新的第一书记”，以保留任职历史。"
      formError={form.formError}
      onSubmit={() => form.submit((input) => api.villages.updateFirstSecretary(input))}
      onSaved={onSaved}
      onClose={onClose}
    >
      <TextField label="姓名" autoFocus {...form.textProps('name')} />
      <TextField label="派出单位（选填）" {...form.textProps('dispatchingUnit')} />
      <DateField label="任职开始日期" {...form.dateProps('startedOn')} />
      <DateField
        label={record.current ? '离任日期（在任的留空）' : '离任日期'}
        {...form.dateProps('endedOn')}
        helperText={form.errorOf('endedOn') ?? (record.current ? '在任的留空；离任请用“离任”' : ' ')}
      />
      <TextField label="备注（选填）" multiline minRows={2} {...form.textProps('note')} />
    </FormDialog>
  );
}
