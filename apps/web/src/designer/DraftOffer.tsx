import type { StoredDraft } from '../state/draft-storage';
import { retypeNotice } from '../state/draft-secrets';
import { RelativeTime } from '../ui/RelativeTime';
import { Notice } from '../ui/Notice';

interface DraftOfferProps {
  draft: StoredDraft;
  serverVersion: number;
  onRestore: () => void;
  onDiscard: () => void;
}

/** Unsaved work from an earlier visit (a reload, a crash): take it back or let it go. */
export function DraftOffer({ draft, serverVersion, onRestore, onDiscard }: DraftOfferProps) {
  const retype = retypeNotice(draft.document, draft.typedSecrets);
  return (
    <Notice tone="warning" testId="draft-offer">
      <span>
        You have unsaved changes from <RelativeTime iso={draft.savedAt} />
        {draft.baseVersion < serverVersion ? `, made on version ${draft.baseVersion}; version ${serverVersion} has been saved since.` : '.'}
      </span>
      {retype && (
        <p className="draft-retype" data-testid="draft-retype">
          {retype}
        </p>
      )}
      <span className="notice-actions">
        <button type="button" className="btn btn-primary" onClick={onRestore} data-testid="draft-restore">
          Restore my changes
        </button>
        <button type="button" className="btn btn-plain" onClick={onDiscard} data-testid="draft-discard">
          Discard them
        </button>
      </span>
    </Notice>
  );
}
