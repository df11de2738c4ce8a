import type { ReactNode } from 'react';
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import InboxOutlined from '@mui/icons-material/InboxOutlined';
import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/client';

const fullPageSx = { height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' } as const;

export function LoadingState({ label = '正在加载…', fullPage = false }: { label?: string; fullPage?: boolean }) {
  return (
    <Box sx={fullPage ? fullPageSx : { py: 6, display: 'flex', justifyContent: 'center' }} role="status">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <CircularProgress size={22} />
        <Typography color="text.secondary">{label}</Typography>
      </Stack>
    </Box>
  );
}

export function ErrorState({ error, onRetry, fullPage = false }: { error: unknown; onRetry?: () => void; fullPage?: boolean }) {
  return (
    <Box sx={fullPage ? fullPageSx : { py: 3 }}>
      <Alert
        severity="error"
        action={
          onRetry && (
            <Button color="inherit" size="small" onClick={onRetry}>
              重试
            </Button>
          )
        }
      >
        {errorMessage(error)}
      </Alert>
    </Box>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Stack spacing={1} sx={{ alignItems: 'center', py: 6, color: 'text.secondary' }}>
      <InboxOutlined sx={{ fontSize: 40, opacity: 0.6 }} />
      <Typography variant="subtitle1">{title}</Typography>
      {hint && <Typography variant="body2">{hint}</Typography>}
      {action}
    </Stack>
  );
}

/**
 * What a query shows, in one place: loading, the error with 重试, `empty` when `isEmpty(data)`,
 * else `children(data)`.
 */
export function QueryContent<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: { isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <LoadingState />;
  if (isEmpty?.(query.data)) return empty;
  return children(query.data);
}

/** A record page that cannot be shown (loading failed, not found): the reason, and the way back to its list. */
export function UnavailablePage({ backTo, backLabel, children }: { backTo: string; backLabel: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <Button startIcon={<ArrowBackOutlined />} onClick={() => navigate(backTo)}>
        {backLabel}
      </Button>
      <Box sx={{ alignSelf: 'stretch' }}>{children}</Box>
    </Stack>
  );
}
