import { Box, Button, Chip, Stack, Tooltip, Typography } from '@mui/material';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import VisibilityOffOutlined from '@mui/icons-material/VisibilityOffOutlined';
import VisibilityOutlined from '@mui/icons-material/VisibilityOutlined';
import { useLocation, useNavigate } from 'react-router';
import { PROFILE_PHONE_FIELDS, type VillageProfile } from '../../../../shared/api/villages';
import { formatDateTime } from '../../components/format';
import { useDictionary } from '../../components/useDictionary';

/** Name, street, code and kind of the unit; back to the list, 打印简表, and 显示完整电话 for editors. */
export function VillageHeader({
  profile,
  canReveal,
  revealed,
  revealing,
  onReveal,
  onHide,
}: {
  profile: VillageProfile;
  canReveal: boolean;
  revealed: boolean;
  revealing: boolean;
  onReveal: () => void;
  onHide: () => void;
}) {
  const navigate = useNavigate();
  const location = useLocation();
  const kinds = useDictionary('unit_kind');
  const hasPhones = PROFILE_PHONE_FIELDS.some((f) => profile[f]);
  // opened from the list: back keeps its filters and page; opened directly: go to the list
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/villages'));
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
      <Button startIcon={<ArrowBackOutlined />} onClick={back} sx={{ flexShrink: 0 }}>
        返回列表
      </Button>
      <Box sx={{ minWidth: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="h6" component="h2" noWrap title={profile.fullName}>
            {profile.name}
          </Typography>
          <Chip size="small" label={kinds.labelOf(profile.kind) || profile.kind} />
          {profile.status === 'retired' && <Chip size="small" color="default" variant="outlined" label="已撤销" />}
        </Stack>
        <Typography variant="body2" color="text.secondary" noWrap>
          {profile.streetName} · 代码 <span style={{ fontFamily: 'monospace' }}>{profile.code}</span>
          {profile.updatedAt ? ` · 档案更新于 ${formatDateTime(profile.updatedAt)}` : ' · 档案尚未填写'}
        </Typography>
      </Box>
      <Box sx={{ flex: 1 }} />
      {canReveal &&
        (revealed ? (
          <Button startIcon={<VisibilityOffOutlined />} onClick={onHide} disabled={revealing} sx={{ flexShrink: 0 }}>
            隐藏完整电话
          </Button>
        ) : (
          <Tooltip title={hasPhones ? '联系电话属于个人信息，默认部分隐藏；显示完整号码会记入操作日志' : '尚未填写联系电话'}>
            <span>
              <Button startIcon={<VisibilityOutlined />} onClick={onReveal} disabled={!hasPhones} sx={{ flexShrink: 0 }}>
                显示完整电话
              </Button>
            </span>
          </Tooltip>
        ))}
      <Button variant="outlined" startIcon={<PrintOutlined />} onClick={() => navigate(`/print/village/${profile.unitId}`)} sx={{ flexShrink: 0 }}>
        打印简表
      </Button>
    </Stack>
  );
}
