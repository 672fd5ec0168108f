import type { ReactNode } from 'react';
import { IconButton } from './IconButton';

/** A message above the work area: an error, a warning, or news; dismissable when `onDismiss` is given. */
export function Notice({
  tone,
  children,
  onDismiss,
  testId,
}: {
  tone: 'error' | 'warning' | 'info' | 'success';
  children: ReactNode;
  onDismiss?: () => void;
  testId?: string;
}) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <div className="notice-body">{children}</div>
      {onDismiss && <IconButton icon="close" label="Dismiss" onClick={onDismiss} />}
    </div>
  );
}
