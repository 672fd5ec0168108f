import type { ButtonHTMLAttributes } from 'react';
import { Icon } from './icons';

interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  icon: string;
  /** Read by screen readers and shown as the tooltip: an icon alone says nothing to them. */
  label: string;
  /** Shown beside the icon; without it the button shows the icon only. */
  text?: string;
  variant?: 'plain' | 'primary' | 'danger';
}

export function IconButton({ icon, label, text, variant = 'plain', className, type = 'button', ...rest }: IconButtonProps) {
  return (
    <button
      type={type}
      aria-label={label}
      title={label}
      className={['btn', `btn-${variant}`, text ? '' : 'btn-icon', className ?? ''].filter(Boolean).join(' ')}
      {...rest}
    >
      <Icon name={icon} />
      {text && <span>{text}</span>}
    </button>
  );
}
