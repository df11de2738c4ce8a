import { MenuItem, Paper, TextField } from '@mui/material';
import { programmeLabel } from '../../../../shared/api/funds/import-definition';
import { formatYuan } from '../../../../shared/domain/money';
import { useApiQuery } from '../../components/apiQueries';
import { ImportButtons } from '../imports/ImportButtons';
import { ImportWizard } from '../imports/ImportWizard';
import { useFundsRefresh } from './fundQueries';

/**
 * 导入拨付记录, for the funds page and a programme's page: 下载导入模板 for everyone, the import
 * for 管理员 and 经办人. Every row of the file is paid from the 经费项目 chosen here (the page's
 * programme when there is one) and arrives 待审核; the preview shows what each row leaves of
 * its allocation and rejects the rows that would overspend it.
 */
export function DisbursementImportButton({ year, programmeId }: { year: number; programmeId?: number }) {
  return <ImportButtons kind="disbursements" label="导入拨付记录" wizard={(onClose) => <DisbursementImportWizard year={year} programmeId={programmeId ?? null} onClose={onClose} />} />;
}

function DisbursementImportWizard({ year, programmeId, onClose }: { year: number; programmeId: number | null; onClose: () => void }) {
  const refresh = useFundsRefresh();
  const list = useApiQuery('funds.programmes', { year });
  const programmes = list.data ?? [];
  const nameOf = (id: number | null | undefined) => {
    const p = programmes.find((x) => x.id === id);
    return p ? programmeLabel(p) : null;
  };
  return (
    <ImportWizard
      kind="disbursements"
      title="导入拨付记录"
      intro="财政或街道报来的拨付明细可以直接导入：每一行按区划代码、“街道 + 单位名称”或受款人姓名找到所选经费项目中的分配，登记为“待审核”的拨付记录。"
      initialOptions={{ year, programmeId }}
      describeOptions={(o) => {
        const name = nameOf(o.programmeId);
        return name ? `登记到“${name}”` : null;
      }}
      renderOptions={(options, setOptions) => (
        // the field takes the whole width so the chosen programme reads in full; the rules sit under it
        <Paper variant="outlined" sx={{ p: 2 }}>
          <TextField
            select
            required
            fullWidth
            label="经费项目"
            value={options.programmeId ?? ''}
            onChange={(e) => setOptions({ ...options, programmeId: Number(e.target.value) })}
            error={list.isError}
            helperText={
              list.isPending
                ? '正在加载经费项目…'
                : list.isError
                  ? '经费项目加载失败，请关闭后重试'
                  : programmes.length === 0
                    ? `${year}年还没有经费项目，请先新建经费项目并分配`
                    : !options.programmeId
                      ? '请选择表中各行记到哪个经费项目'
                      : '表中各行都记到所选项目中对应对象的分配下，对象须已分配。金额默认按元；表头或标题行注明“万元”的按万元。'
            }
            slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 360, maxWidth: 720 } } } } } }}
          >
            {programmes.map((p) => (
              <MenuItem key={p.id} value={p.id} sx={{ whiteSpace: 'normal' }}>
                {p.name}（拨付对象：{p.recipientKindLabel}，已分配 {formatYuan(p.balance.allocatedFen)} 元）
              </MenuItem>
            ))}
          </TextField>
        </Paper>
      )}
      onCommitted={() => void refresh()}
      onClose={onClose}
    />
  );
}
