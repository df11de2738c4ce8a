import { Alert, Button, Stack } from '@mui/material';

/** A step's failed call: the Chinese message, 重试, and 重新选择文件 (e.g. the file was forgotten meanwhile). */
export function ErrorAlert({ message, onRetry, onRestart }: { message: string; onRetry?: () => void; onRestart?: () => void }) {
  return (
    <Alert
      severity="error"
      action={
        <Stack direction="row" spacing={1}>
          {onRetry && (
            <Button color="inherit" size="small" onClick={onRetry}>
              重试
            </Button>
          )}
          {onRestart && (
            <Button color="inherit" size="small" onClick={onRestart}>
              重新选择文件
            </Button>
          )}
        </Stack>
      }
    >
      {message}
    </Alert>
  );
}
