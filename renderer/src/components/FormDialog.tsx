import { useId, useState, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack } from '@mui/material';

/**
 * The frame of every editing dialog: title, optional explanation, fields, the refusal message,
 * 取消 and the confirm button. `onSubmit` returns true when saved; the dialog then runs
 * `onSaved` (e.g. reload lists) and closes.
 */
export function FormDialog({
  title,
  intro,
  children,
  formError,
  submitLabel = '保存',
  danger = false,
  onSubmit,
  onSaved,
  onClose,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  formError: string | null;
  submitLabel?: string;
  danger?: boolean;
  onSubmit: () => Promise<boolean>;
  onSaved?: () => Promise<unknown> | void;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  // a generated id: a title with spaces would split aria-labelledby into several ids
  const titleId = useId();
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        {intro && <DialogContentText sx={{ mb: 2 }}>{intro}</DialogContentText>}
        <Stack spacing={0.5} sx={{ pt: intro ? 0 : 1 }}>
          {children}
          {formError && <Alert severity="error">{formError}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button
          variant="contained"
          color={danger ? 'error' : 'primary'}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              if (await onSubmit()) {
                await onSaved?.();
                onClose();
              }
            } finally {
              setBusy(false);
            }
          }}
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
