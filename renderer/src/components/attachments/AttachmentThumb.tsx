import { useEffect, useState } from 'react';
import { Box } from '@mui/material';
import ImageOutlined from '@mui/icons-material/ImageOutlined';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import ReportProblemOutlined from '@mui/icons-material/ReportProblemOutlined';
import type { Attachment } from '../../../../shared/api/attachments';
import { attachmentThumbnailUrl } from '../../api/client';

const SIZE = 120;

/**
 * The preview of one attachment: its thumbnail (fetched with the session, shown from an object URL
 * that is let go with the component), or an icon for a PDF, a picture without a thumbnail, or a
 * file that is missing.
 */
export function AttachmentThumb({ attachment }: { attachment: Attachment }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const wanted = attachment.hasThumbnail && !attachment.missing;

  useEffect(() => {
    if (!wanted) return undefined;
    let made: string | null = null;
    let cancelled = false;
    attachmentThumbnailUrl(attachment.id).then(
      (u) => {
        if (cancelled) URL.revokeObjectURL(u);
        else {
          made = u;
          setUrl(u);
        }
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [attachment.id, wanted]);

  const frame = {
    width: SIZE,
    height: SIZE,
    borderRadius: 1,
    bgcolor: 'grey.100',
    border: 1,
    borderColor: 'divider',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    overflow: 'hidden',
    color: 'text.secondary',
  } as const;

  if (attachment.missing) {
    return (
      <Box sx={{ ...frame, color: 'warning.main' }} role="img" aria-label="文件缺失">
        <ReportProblemOutlined fontSize="large" />
      </Box>
    );
  }
  if (url && !failed) {
    return (
      <Box sx={frame}>
        <Box component="img" src={url} alt={attachment.fileName} sx={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' }} />
      </Box>
    );
  }
  return (
    <Box sx={frame} role="img" aria-label={attachment.kind === 'pdf' ? 'PDF 文件' : '图片'}>
      {attachment.kind === 'pdf' ? <PictureAsPdfOutlined fontSize="large" /> : <ImageOutlined fontSize="large" />}
    </Box>
  );
}
