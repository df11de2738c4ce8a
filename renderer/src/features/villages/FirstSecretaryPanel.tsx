import { useState } from 'react';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import PersonAddAltOutlined from '@mui/icons-material/PersonAddAltOutlined';
import type { FirstSecretary } from '../../../../shared/api/villages';
import { ReportTable, type ReportColumn } from '../../components/ReportTable';
import { useCurrentUser } from '../auth/useCurrentUser';
import { LabelValueGrid } from './LabelValueGrid';
import { AppointDialog, CorrectDialog, EndDialog } from './FirstSecretaryDialogs';

type Open = { kind: 'appoint' } | { kind: 'end'; record: FirstSecretary } | { kind: 'correct'; record: FirstSecretary } | null;

/** 第一书记: the current one (任命 / 离任 / 更正) and the history of past ones (更正). */
export function FirstSecretaryPanel({
  unitId,
  current,
  records,
  onSaved,
}: {
  unitId: number;
  current: FirstSecretary | null;
  records: FirstSecretary[];
  onSaved: () => Promise<unknown> | void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const { canCall } = useCurrentUser();
  const canAppoint = canCall('villages.setFirstSecretary');
  const canCorrect = canCall('villages.updateFirstSecretary');
  const past = records.filter((r) => !r.current);
  const columns: ReportColumn<FirstSecretary>[] = [
    { key: 'name', header: '姓名', cell: (r) => r.name },
    { key: 'dispatchingUnit', header: '派出单位', cell: (r) => r.dispatchingUnit },
    { key: 'term', header: '任职时间', nowrap: true, cell: (r) => `${r.startedOn} 至 ${r.endedOn}` },
    { key: 'note', header: '备注', width: '40%', cell: (r) => r.note },
    ...(canCorrect
      ? [
          {
            key: 'actions',
            header: '操作',
            cell: (r) => (
              <Button size="small" aria-label={`更正${r.name}的记录`} onClick={() => setOpen({ kind: 'correct', record: r })}>
                更正
              </Button>
            ),
          } satisfies ReportColumn<FirstSecretary>,
        ]
      : []),
  ];
  return (
    <Paper variant="outlined" component="section" aria-label="第一书记" sx={{ p: 1.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, minHeight: 32 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          第一书记
        </Typography>
        <Box sx={{ flex: 1 }} />
        {canCorrect && current && (
          <Button size="small" onClick={() => setOpen({ kind: 'correct', record: current })}>
            更正
          </Button>
        )}
        {canCall('villages.endFirstSecretary') && current && (
          <Button size="small" onClick={() => setOpen({ kind: 'end', record: current })}>
            离任
          </Button>
        )}
        {canAppoint && (
          <Button size="small" variant="contained" startIcon={<PersonAddAltOutlined />} onClick={() => setOpen({ kind: 'appoint' })}>
            任命新的第一书记
          </Button>
        )}
      </Stack>
      {current ? (
        <LabelValueGrid
          ariaLabel="现任第一书记"
          rows={[
            { label: '现任第一书记', value: current.name },
            { label: '派出单位', value: current.dispatchingUnit },
            { label: '任职开始日期', value: current.startedOn },
            { label: '备注', value: current.note ?? '—' },
          ]}
        />
      ) : (
        <Typography color="text.secondary" sx={{ py: 1 }}>
          目前没有在任的第一书记{canAppoint ? '。选派后点击“任命新的第一书记”登记。' : '。'}
        </Typography>
      )}
      <Typography variant="body2" component="h4" sx={{ mt: 2, mb: 0.5, fontWeight: 600 }}>
        历任第一书记
      </Typography>
      {past.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          暂无历任记录
        </Typography>
      ) : (
        <ReportTable label="历任第一书记" columns={columns} rows={past} rowKey={(r) => r.id} outlined={false} maxHeight="none" />
      )}
      {open?.kind === 'appoint' && <AppointDialog unitId={unitId} current={current} onClose={() => setOpen(null)} onSaved={onSaved} />}
      {open?.kind === 'end' && <EndDialog unitId={unitId} current={open.record} onClose={() => setOpen(null)} onSaved={onSaved} />}
      {open?.kind === 'correct' && <CorrectDialog record={open.record} onClose={() => setOpen(null)} onSaved={onSaved} />}
    </Paper>
  );
}
