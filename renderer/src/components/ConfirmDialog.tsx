import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { FormDialog } from './FormDialog';

/**
 * The one yes/no dialog, for a change without fields (删除 …, 停用, 撤销上次恢复): what will
 * happen, 取消 and the confirm button (red unless `danger` is false). The service's refusal shows
 * inside it and nothing closes; once done, `onDone` runs (reload lists) and it closes.
 */
export function ConfirmDialog({
  title,
  intro,
  confirmLabel,
  danger = true,
  onConfirm,
  onDone,
  onClose,
  children = null,
}: {
  title: string;
  intro: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  onDone?: () => Promise<unknown> | void;
  onClose: () => void;
  /** a line under the explanation */
  children?: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      title={title}
      intro={intro}
      formError={error}
      submitLabel={confirmLabel}
      danger={danger}
      onSubmit={async () => {
        setError(null);
        try {
          await onConfirm();
          return true;
        } catch (e) {
          setError(errorMessage(e));
          return false;
        }
      }}
      onSaved={onDone}
      onClose={onClose}
    >
      {children}
    </FormDialog>
  );
}
