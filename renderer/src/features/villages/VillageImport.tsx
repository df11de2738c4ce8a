import { MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useApiQuery, useInvalidate } from '../../components/apiQueries';
import { ImportButtons } from '../imports/ImportButtons';
import { ImportWizard } from '../imports/ImportWizard';

/**
 * 村情档案's import, for the list's toolbar: 下载导入模板 for everyone, 导入 for 管理员 and
 * 经办人. The yearly figures of the file (集体经营性收入 …) go to the year chosen here.
 */
export function VillageImportButtons() {
  return <ImportButtons kind="villages" label="导入" wizard={(onClose) => <VillageImportWizard onClose={onClose} />} />;
}

function VillageImportWizard({ onClose }: { onClose: () => void }) {
  const invalidate = useInvalidate();
  const settings = useApiQuery('settings.get');
  const workingYear = settings.data?.workingYear ?? new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => workingYear + 1 - i);
  return (
    <ImportWizard
      kind="villages"
      title="导入村情档案"
      intro="各街道报来的村情统计表可以直接导入：按区划代码或“街道 + 村（社区）名称”找到对应的村（社区），更新表中填写的项目，表中没有的项目保持不变。"
      initialOptions={{ year: workingYear }}
      describeOptions={(o) => (o.year ? `年度数据写入 ${o.year} 年` : null)}
      renderOptions={(options, setOptions) => (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <TextField
              select
              label="年度数据写入"
              value={options.year ?? workingYear}
              onChange={(e) => setOptions({ ...options, year: Number(e.target.value) })}
              sx={{ width: 160 }}
            >
              {years.map((y) => (
                <MenuItem key={y} value={y}>
                  {y}年
                </MenuItem>
              ))}
            </TextField>
            <Typography variant="body2" color="text.secondary">
              表中的集体经营性收入、集体资产、负债、评星定级等年度数据记入所选年度；户数、人口、党员数同时更新档案和该年度。
            </Typography>
          </Stack>
        </Paper>
      )}
      // rows may have created units (组织架构) as well as changed profiles and years
      onCommitted={() => void invalidate('villages.', 'units.')}
      onClose={onClose}
    />
  );
}
