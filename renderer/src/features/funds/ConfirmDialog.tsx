import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';

/** A yes/no dialog for a change without fields (删除 …): the service's refusal shows inside it. */
export function ConfirmDialog({
  title,
  intro,
  confirmLabel,
  danger = true,
  onConfirm,
  onDone,
  onClose,
}: {
  title: string;
  intro: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  onDone: () => Promise<unknown> | void;
  onClose: () => void;
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
      {null}
    </FormDialog>
  );
}
