// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { StoredDraft } from '../state/draft-storage';
import { DraftOffer } from './DraftOffer';

const draft = (typedSecrets: StoredDraft['typedSecrets']): StoredDraft => ({
  baseVersion: 2,
  savedAt: new Date().toISOString(),
  document: { format: 'duto.pipeline/v1', name: 'Offered', stages: [{ id: 'out', type: 'destination.kafka', label: 'Alerts out', config: { topic: 'alerts' } }], edges: [] },
  typedSecrets,
});

describe('the offer of an unsaved draft', () => {
  afterEach(cleanup);

  it('tells which typed passwords the draft did not keep', () => {
    render(<DraftOffer draft={draft([{ stageId: 'out', field: '/password' }])} serverVersion={2} onRestore={() => {}} onDiscard={() => {}} />);
    expect(screen.getByTestId('draft-retype').textContent).toBe('Passwords and tokens typed into a stage are not kept in this browser: type them again in Alerts out › password.');
  });

  it('says nothing of secrets when the draft left none out', () => {
    render(<DraftOffer draft={draft([])} serverVersion={2} onRestore={() => {}} onDiscard={() => {}} />);
    expect(screen.getByTestId('draft-offer')).toBeTruthy();
    expect(screen.queryByTestId('draft-retype')).toBeNull();
  });
});
