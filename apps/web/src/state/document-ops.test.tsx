import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '@duto/model';
import { copySelection, parseClipboardText, clipboardText, prepareStagesToPaste } from './clipboard';
import { addEdge, moveStages, removeElements, renameStage, setPipelineFields, setStageLabel } from './document-ops';
import { newStageId, stageIdProblem } from './stage-ids';

const document: PipelineDocument = {
  format: 'duto.pipeline/v1',
  name: 'ops',
  stages: [
    { id: 'gen', type: 'origin.dev-generator', config: {}, position: { x: 0, y: 0 } },
    { id: 'expression-1', type: 'processor.expression', config: { fields: [] }, position: { x: 300, y: 0 } },
    { id: 'out', type: 'destination.trash', config: {}, position: { x: 600, y: 0 } },
  ],
  edges: [
    { from: 'gen', to: 'expression-1' },
    { from: 'expression-1', to: 'out' },
  ],
};

describe('document edits', () => {
  it('removes a stage with every edge that touches it', () => {
    const next = removeElements(document, new Set(['expression-1']), new Set());
    expect(next.stages.map((s) => s.id)).toEqual(['gen', 'out']);
    expect(next.edges).toEqual([]);
  });

  it('returns the same document when an edit changes nothing', () => {
    expect(moveStages(document, new Map([['gen', { x: 0.2, y: -0.3 }]]))).toBe(document);
    expect(addEdge(document, { from: 'gen', to: 'expression-1' })).toBe(document);
    expect(setStageLabel(document, 'gen', '')).toBe(document);
    expect(setPipelineFields(document, { name: 'ops' })).toBe(document);
  });

  it('renames a stage and carries its edges along', () => {
    const next = renameStage(document, 'expression-1', 'enrich');
    expect(next.stages[1]!.id).toBe('enrich');
    expect(next.edges).toEqual([
      { from: 'gen', to: 'enrich' },
      { from: 'enrich', to: 'out' },
    ]);
  });

  it('sets and clears pipeline fields', () => {
    const next = setPipelineFields(document, { description: 'about', settings: { batchSize: 10 } });
    expect(next.description).toBe('about');
    expect('description' in setPipelineFields(next, { description: undefined })).toBe(false);
  });
});

describe('stage ids', () => {
  it('makes readable ids from the type that match the contract', () => {
    const taken = new Set(document.stages.map((s) => s.id));
    expect(newStageId('processor.expression', taken)).toBe('expression-2');
    expect(newStageId('origin.dev-generator', taken)).toBe('dev-generator-1');
    expect(newStageId('X.Weird Type!', new Set())).toBe('weird-type--1');
    expect(newStageId('destination.kafka', new Set())).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/);
  });

  it('says why an id cannot be used', () => {
    expect(stageIdProblem('Bad Id', new Set())).toMatch(/lower-case/);
    expect(stageIdProblem('gen', new Set(['gen']))).toMatch(/already/);
    expect(stageIdProblem('fine-1', new Set(['gen']))).toBeUndefined();
  });
});

describe('copy and paste', () => {
  it('copies the selected stages with the edges between them, and pastes them with new ids, moved', () => {
    const copied = copySelection(document, new Set(['expression-1', 'out']))!;
    expect(copied.edges).toEqual([{ from: 'expression-1', to: 'out' }]);
    const pasted = prepareStagesToPaste(document, copied, 40);
    expect(pasted.stages.map((s) => s.id)).toEqual(['expression-2', 'trash-1']);
    expect(pasted.stages[0]!.position).toEqual({ x: 340, y: 40 });
    expect(pasted.edges).toEqual([{ from: 'expression-2', to: 'trash-1' }]);
  });

  it('reads back its own clipboard text and ignores any other text', () => {
    const copied = copySelection(document, new Set(['gen']))!;
    expect(parseClipboardText(clipboardText(copied))).toEqual(copied);
    expect(parseClipboardText('hello')).toBeUndefined();
    expect(parseClipboardText('{"stages":[]}')).toBeUndefined();
  });
});
