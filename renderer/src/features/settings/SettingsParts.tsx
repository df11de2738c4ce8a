import type { ReactNode } from 'react';
import { Alert, Box, Button, Paper, Snackbar, Stack, Typography } from '@mui/material';

/** One titled block of the settings page. */
export function Section({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      {hint && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {hint}
        </Typography>
      )}
      <Box sx={{ mt: hint ? 0 : 1 }}>{children}</Box>
    </Paper>
  );
}

/** A label and its value on one line. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 2, py: 0.5 }}>
      <Typography sx={{ width: 110, flexShrink: 0 }} color="text.secondary">
        {label}
      </Typography>
      <Typography component="div" sx={{ wordBreak: 'break-all' }}>
        {children}
      </Typography>
    </Box>
  );
}

/** 保存 with the refusal message beside it and a short "已保存" notice; nothing for read-only viewers. */
export function SaveBar({
  readOnly,
  busy,
  formError,
  saved,
  onSave,
  onSavedShown,
  label = '保存',
}: {
  readOnly: boolean;
  busy: boolean;
  formError: string | null;
  saved: boolean;
  onSave: () => void;
  onSavedShown: () => void;
  label?: string;
}) {
  if (readOnly) return null;
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mt: 1 }}>
      <Button variant="contained" disabled={busy} onClick={onSave}>
        {label}
      </Button>
      {formError && (
        <Alert severity="error" sx={{ py: 0 }}>
          {formError}
        </Alert>
      )}
      <Snackbar open={saved} autoHideDuration={2500} onClose={onSavedShown} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity="success" variant="filled">
          已保存
        </Alert>
      </Snackbar>
    </Stack>
  );
}
