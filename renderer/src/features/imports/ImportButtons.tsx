import { useState, type ReactNode } from 'react';
import { Button } from '@mui/material';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import type { ImportKind } from '../../../../shared/api/import-kinds';
import { useCurrentUser } from '../auth/useCurrentUser';
import { TemplateButton } from './TemplateButton';

/**
 * A module's import in its toolbar: 下载导入模板 for everyone, and `label` (导入 …) opening the
 * module's wizard for those who may import (imports.open).
 */
export function ImportButtons({ kind, label, wizard }: { kind: ImportKind; label: string; wizard: (onClose: () => void) => ReactNode }) {
  const { canCall } = useCurrentUser();
  const [open, setOpen] = useState(false);
  return (
    <>
      <TemplateButton kind={kind} />
      {canCall('imports.open') && (
        <Button startIcon={<UploadFileOutlined />} onClick={() => setOpen(true)}>
          {label}
        </Button>
      )}
      {open && wizard(() => setOpen(false))}
    </>
  );
}
