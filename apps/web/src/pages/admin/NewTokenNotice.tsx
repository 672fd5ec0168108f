import { useState } from 'react';
import type { TokenCreated } from '@duto/model';
import { IconButton } from '../../ui/IconButton';

/** A token just made: shown this once (the server keeps only its hash), with a copy button. */
export function NewTokenNotice({ created, onDone }: { created: TokenCreated; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean>();
  const copy = () =>
    navigator.clipboard.writeText(created.token).then(
      () => setCopied(true),
      () => setCopied(false),
    );

  return (
    <div className="notice notice-warning new-token" role="status" data-testid="new-token">
      <div className="new-token-body">
        <p>
          <strong>{`Copy the token “${created.name}” now.`}</strong> It is shown this once: Duto keeps only a hash of it. Anyone who has it acts as{' '}
          {created.role} until it is revoked.
        </p>
        <div className="new-token-value">
          <input className="input input-code" readOnly value={created.token} aria-label="The new token" onFocus={(e) => e.target.select()} data-testid="new-token-value" />
          <IconButton icon="copy" text={copied ? 'Copied' : 'Copy'} label="Copy the token" onClick={() => void copy()} data-testid="copy-token" />
        </div>
        {copied === false && <p className="inline-problem small">This browser refused to copy: select the token and copy it by hand.</p>}
        <p className="muted small">
          Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </div>
      <button type="button" className="btn btn-plain" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
