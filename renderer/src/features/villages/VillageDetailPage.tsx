import { Alert, Box, Button, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useParams, useSearchParams } from 'react-router';
import { PROFILE_SECTIONS, type VillageDetail } from '../../../../shared/api/villages';
import { URBAN_RURAL_CLASSES } from '../../../../shared/domain/division';
import { ErrorState, LoadingState, UnavailablePage } from '../../components/States';
import { useCurrentUser } from '../auth/useCurrentUser';
import { FirstSecretaryPanel } from './FirstSecretaryPanel';
import { ProfileSection } from './ProfileSection';
import { VillageHeader } from './VillageHeader';
import { YearTable } from './YearTable';
import { useVillageDetail } from './useVillageDetail';

const TABS = [
  { key: 'basic', label: '基本情况' },
  { key: 'team', label: '班子与第一书记' },
  { key: 'years', label: '年度数据' },
  { key: 'note', label: '备注' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

const section = (key: string) => PROFILE_SECTIONS.find((s) => s.key === key)!;

/** 村情档案详情 (一村一档): route /villages/:unitId, the tab in ?tab= so back and print return to it. */
export function VillageDetailPage() {
  const params = useParams();
  const unitId = /^\d+$/.test(params.unitId ?? '') ? Number(params.unitId) : null;
  const [search, setSearch] = useSearchParams();
  const tab: TabKey = TABS.find((t) => t.key === search.get('tab'))?.key ?? 'basic';
  const { canCall } = useCurrentUser();
  const canEdit = canCall('villages.saveProfile');
  // seeing the phones in full (a logged read) is the editors' right (electron/services/privacy.ts)
  const canReveal = canEdit;
  const detail = useVillageDetail(unitId);

  if (unitId === null)
    return (
      <UnavailablePage backTo="/villages" backLabel="返回村情档案列表">
        <Alert severity="error">地址中的村（社区）编号不正确，请从村情档案列表打开。</Alert>
      </UnavailablePage>
    );
  if (detail.base.isPending) return <LoadingState label="正在打开村情档案…" />;
  if (detail.base.isError)
    return (
      <UnavailablePage backTo="/villages" backLabel="返回村情档案列表">
        <ErrorState error={detail.base.error} onRetry={() => void detail.base.refetch()} />
      </UnavailablePage>
    );
  const data = detail.data!;
  const { profile } = data;

  return (
    <Stack spacing={1.5}>
      <VillageHeader profile={profile} canReveal={canReveal} revealed={detail.revealed} revealing={detail.revealing} onReveal={detail.reveal} onHide={detail.hide} />
      {detail.revealError !== null && <ErrorState error={detail.revealError} />}
      <Tabs value={tab} onChange={(_, key: TabKey) => setSearch(key === 'basic' ? {} : { tab: key }, { replace: true })} sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40, '& .MuiTab-root': { minHeight: 40 } }}>
        {TABS.map((t) => (
          <Tab key={t.key} value={t.key} label={t.key === 'years' && data.years.length ? `${t.label}（${data.years.length}）` : t.label} />
        ))}
      </Tabs>
      <Box role="tabpanel" aria-label={TABS.find((t) => t.key === tab)!.label}>
        <TabContent tab={tab} data={data} canEdit={canEdit} detail={detail} />
      </Box>
    </Stack>
  );
}


function TabContent({ tab, data, canEdit, detail }: { tab: TabKey; data: VillageDetail; canEdit: boolean; detail: ReturnType<typeof useVillageDetail> }) {
  const { profile } = data;
  const saved = () => detail.refresh({ hidePhones: true });
  const sectionProps = (key: string) => ({ title: section(key).title, fields: section(key).fields, profile, canEdit, onSaved: saved });
  switch (tab) {
    case 'basic':
      return (
        <Stack spacing={1.5}>
          {!profile.saved && (
            <Alert severity="info">
              该村（社区）的村情档案尚未填写。{canEdit ? '请点击各部分右上角的“编辑”开始填写，不掌握的项目可以留空。' : '经办人填写后在此显示。'}
            </Alert>
          )}
          <ProfileSection
            {...sectionProps('basic')}
            extraRows={[
              { label: '全称', value: profile.fullName },
              { label: '城乡分类', value: URBAN_RURAL_CLASSES.find((c) => c.value === profile.urbanRuralClass)?.label ?? null },
            ]}
          />
          <ProfileSection {...sectionProps('party')} />
          <ProfileSection {...sectionProps('economy')} />
        </Stack>
      );
    case 'team':
      return (
        <Stack spacing={1.5}>
          {detail.revealed && (
            <Alert severity="info" action={<Button color="inherit" size="small" onClick={detail.hide}>隐藏</Button>}>
              已显示完整联系电话，本次查看已记入操作日志。
            </Alert>
          )}
          <ProfileSection {...sectionProps('secretary')} />
          <ProfileSection {...sectionProps('team')} />
          <FirstSecretaryPanel unitId={profile.unitId} current={data.currentFirstSecretary} records={data.firstSecretaries} onSaved={() => detail.refresh()} />
        </Stack>
      );
    case 'years':
      return <YearTable unitId={profile.unitId} unitName={profile.name} years={data.years} onSaved={() => detail.refresh()} />;
    case 'note':
      return (
        <ProfileSection {...sectionProps('other')} title="备注">
          {profile.note ? (
            <Typography sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', px: 0.5 }}>{profile.note}</Typography>
          ) : (
            <Typography color="text.secondary" sx={{ px: 0.5 }}>
              {canEdit ? '尚未填写备注。可点击右上角“编辑”记录需要说明的情况。' : '尚未填写备注。'}
            </Typography>
          )}
        </ProfileSection>
      );
  }
}
