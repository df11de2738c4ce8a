import { MenuItem, TextField } from '@mui/material';
import { AddItemInput, UpdateItemInput, type DictionaryInfo, type ManagedItem } from '../../../../shared/api/dictionaries';
import { api } from '../../api/client';
import { useInvalidate } from '../../components/apiQueries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';

/** Reloads what shows a dictionary: the list's counts, the managed view, and every picker using it. */
export function useRefreshDictionary() {
  const invalidate = useInvalidate();
  return () => invalidate('dictionaries.');
}

/** 新增条目 / 编辑条目: name, the group in grouped dictionaries, and (when adding) an optional code. */
export function ItemFormDialog({ dictionary, item, onClose }: { dictionary: DictionaryInfo; item?: ManagedItem; onClose: () => void }) {
  const editing = item !== undefined;
  const groups = dictionary.groups;
  const form = useZodForm(
    editing ? UpdateItemInput : AddItemInput,
    editing
      ? { name: dictionary.name, value: item.value, label: item.label, group: item.group ?? null }
      : { name: dictionary.name, label: '', value: '', group: groups ? '' : null },
  );
  const refresh = useRefreshDictionary();
  return (
    <FormDialog
      title={editing ? `编辑条目：${item.label}` : `新增条目：${dictionary.label}`}
      intro={editing ? '改名后，所有使用该条目的记录都显示新名称。' : '新条目排在最后，可用上移、下移调整顺序。'}
      formError={form.formError}
      onSubmit={() =>
        form.submit((input) =>
          editing ? api.dictionaries.updateItem(input as Parameters<typeof api.dictionaries.updateItem>[0]) : api.dictionaries.addItem(input as Parameters<typeof api.dictionaries.addItem>[0]),
        )
      }
      onSaved={refresh}
      onClose={onClose}
    >
      <TextField label="名称" autoFocus {...form.textProps('label')} />
      {groups && (
        <TextField select label="分组" {...form.textProps('group')}>
          {groups.map((g) => (
            <MenuItem key={g} value={g}>
              {g}
            </MenuItem>
          ))}
        </TextField>
      )}
      {editing ? (
        <TextField label="代码（不能修改）" value={item.value} slotProps={{ input: { readOnly: true } }} helperText="记录中保存的是代码，改名不影响已有记录" />
      ) : (
        <TextField
          label="代码（可不填）"
          {...form.textProps('value')}
          helperText={form.errorOf('value') ?? '留空则按名称的拼音自动生成；保存后不能修改'}
          slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
        />
      )}
    </FormDialog>
  );
}

export type ItemAction = 'retire' | 'restore' | 'delete';

const ACTIONS: Record<ItemAction, { verb: string; danger: boolean }> = {
  retire: { verb: '停用', danger: false },
  restore: { verb: '恢复', danger: false },
  delete: { verb: '删除', danger: true },
};

function introOf(action: ItemAction, item: ManagedItem, dictionary: DictionaryInfo): string {
  const used = dictionary.usedBy.length > 0 && item.usageCount > 0 ? `目前有 ${item.usageCount} 条记录使用它。` : '';
  switch (action) {
    case 'retire':
      return `停用后，“${item.label}”不能再被选用；已使用它的记录保持不变，照常显示。${used}以后可以恢复。`;
    case 'restore':
      return `恢复后，“${item.label}”可以重新被选用。`;
    case 'delete':
      return `删除后“${item.label}”从字典中彻底移除（操作日志留有记录）。只有没有任何记录使用的条目才能删除；正在使用的条目请停用。`;
  }
}

/** 停用 / 恢复 / 删除 one item, with the service's refusal shown in the dialog. */
export function ConfirmItemDialog({ action, dictionary, item, onClose }: { action: ItemAction; dictionary: DictionaryInfo; item: ManagedItem; onClose: () => void }) {
  const refresh = useRefreshDictionary();
  const { verb, danger } = ACTIONS[action];
  const ref = { name: dictionary.name, value: item.value };
  return (
    <ConfirmDialog
      title={`${verb}条目：${item.label}`}
      intro={introOf(action, item, dictionary)}
      confirmLabel={`确认${verb}`}
      danger={danger}
      onConfirm={() => (action === 'retire' ? api.dictionaries.retireItem(ref) : action === 'restore' ? api.dictionaries.restoreItem(ref) : api.dictionaries.deleteItem(ref))}
      onDone={refresh}
      onClose={onClose}
    />
  );
}
