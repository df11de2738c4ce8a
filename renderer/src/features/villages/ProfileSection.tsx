import { useState, type ReactNode } from 'react';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import EditOutlined from '@mui/icons-material/EditOutlined';
import type { ProfileField, VillageProfile } from '../../../../shared/api/villages';
import { useVillageLabels } from './useVillageLabels';
import { LabelValueGrid, type LabelValue } from './LabelValueGrid';
import { ProfileSectionDialog } from './ProfileSectionDialog';
import { displayValue, fieldLabel } from './profileFields';

/**
 * One titled part of the profile: a read-only label/value grid of its fields and, for those who
 * may edit, 编辑 opening a dialog with exactly these fields.
 */
export function ProfileSection({
  title,
  fields,
  profile,
  canEdit,
  extraRows = [],
  onSaved,
  children,
}: {
  title: string;
  fields: readonly ProfileField[];
  profile: VillageProfile;
  canEdit: boolean;
  /** rows shown before the section's own fields (e.g. the unit's 城乡分类, edited elsewhere) */
  extraRows?: LabelValue[];
  onSaved: () => Promise<unknown> | void;
  /** replaces the grid (e.g. the note as a paragraph) */
  children?: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const labelOf = useVillageLabels();
  const rows: LabelValue[] = [...extraRows, ...fields.map((f) => ({ label: fieldLabel(f), value: displayValue(f, profile, labelOf) }))];
  const empty = fields.every((f) => displayValue(f, profile, labelOf) === null);
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 1.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1, minHeight: 32 }} spacing={1}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {empty && !children && (
          <Typography variant="body2" color="text.secondary">
            {canEdit ? '尚未填写，点击右侧“编辑”填写' : '尚未填写'}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        {canEdit && (
          <Button size="small" startIcon={<EditOutlined />} onClick={() => setEditing(true)} aria-label={`编辑${title}`}>
            编辑
          </Button>
        )}
      </Stack>
      {children ?? <LabelValueGrid rows={rows} ariaLabel={title} />}
      {editing && <ProfileSectionDialog title={title} fields={fields} profile={profile} onClose={() => setEditing(false)} onSaved={onSaved} />}
    </Paper>
  );
}
