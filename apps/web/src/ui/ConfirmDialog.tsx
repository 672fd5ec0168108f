import type { ReactNode } from 'react';
import { FormDialog } from './FormDialog';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmText: string;
  danger?: boolean;
  /** May fail: the dialog then stays open and shows why (e.g. the server refused). */
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

export function ConfirmDialog({ title, children, confirmText, danger = false, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <FormDialog title={title} testId="confirm-dialog" submitText={confirmText} danger={danger} onSubmit={onConfirm} onClose={onClose}>
      {children}
    </FormDialog>
  );
}
