import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, type DialogProps } from '@mui/material';

/**
 * The frame of every editing dialog: title, optional explanation, fields, the refusal message,
 * 取消 and the confirm button. `onSubmit` returns true when saved; the dialog then runs
 * `onSaved` (e.g. reload lists) and closes. With useZodForm this is the form pattern of the app:
 * `onSubmit={() => form.submit((input) => api.x.save(input))}`.
 */
export function FormDialog({
  title,
  intro,
  children,
  formError,
  submitLabel = '保存',
  danger = false,
  submitDisabled = false,
  submitOnEnter = false,
  actions,
  maxWidth,
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
  /** the confirm button waits (a preview not seen yet …) */
  submitDisabled?: boolean;
  /** Enter in a field confirms (short forms: a password) */
  submitOnEnter?: boolean;
  /** more buttons, between 取消 and the confirm button (预览 …) */
  actions?: ReactNode;
  maxWidth?: DialogProps['maxWidth'];
  onSubmit: () => Promise<boolean>;
  onSaved?: () => Promise<unknown> | void;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  // a generated id: a title with spaces would split aria-labelledby into several ids
  const titleId = useId();
  const submit = async () => {
    setBusy(true);
    try {
      if (await onSubmit()) {
        await onSaved?.();
        onClose();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      maxWidth={maxWidth}
      slotProps={
        submitOnEnter
          ? {
              paper: {
                component: 'form',
                onSubmit: (e: FormEvent) => {
                  e.preventDefault();
                  if (!busy && !submitDisabled) void submit();
                },
              },
            }
          : undefined
      }
    >
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
        {actions}
        <Button
          type={submitOnEnter ? 'submit' : 'button'}
          variant="contained"
          color={danger ? 'error' : 'primary'}
          disabled={busy || submitDisabled}
          onClick={submitOnEnter ? undefined : () => void submit()}
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
