import type { PipelineDocument } from '@duto/model';
import type { TypedSecret } from './draft-secrets';

/**
 * Unsaved drafts, kept in this browser per pipeline until they are saved or discarded,
 * so that a reload, a crash or a closed tab loses nothing but typed secrets.
 */
export interface StoredDraft {
  /** The server version the draft started from. */
  baseVersion: number;
  savedAt: string;
  /** Without the values typed into secret fields (see draft-secrets.ts). */
  document: PipelineDocument;
  /** The secret fields whose typed value was left out. */
  typedSecrets: TypedSecret[];
}

const key = (pipelineId: string) => `duto.draft.${pipelineId}`;

export function readDraft(pipelineId: string, storage: Storage = window.localStorage): StoredDraft | undefined {
  try {
    const raw = storage.getItem(key(pipelineId));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Partial<StoredDraft>;
    if (typeof draft.baseVersion !== 'number' || typeof draft.savedAt !== 'string' || typeof draft.document !== 'object' || draft.document === null) {
      return undefined;
    }
    // A draft stored before typed secrets were left out names none.
    return { ...draft, typedSecrets: Array.isArray(draft.typedSecrets) ? draft.typedSecrets : [] } as StoredDraft;
  } catch {
    return undefined;
  }
}

/** Returns false when the browser refused (storage full or disabled): the caller warns the user. */
export function writeDraft(pipelineId: string, draft: StoredDraft, storage: Storage = window.localStorage): boolean {
  try {
    storage.setItem(key(pipelineId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(pipelineId: string, storage: Storage = window.localStorage): void {
  try {
    storage.removeItem(key(pipelineId));
  } catch {
    // Nothing to do: a storage that cannot be written holds no draft either.
  }
}
