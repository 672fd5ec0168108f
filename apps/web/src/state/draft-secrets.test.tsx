// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { Secret, type PipelineDocument, type StageCatalogEntry } from '@duto/model';
import { buildDesignerCatalog } from '../catalog/stage-catalog';
import { fixtureCatalog, fixtureEntries } from '../test-support/catalog-fixture';
import { retypeNotice, withoutTypedSecrets } from './draft-secrets';
import { useEditorStore } from './editor-context';
import { EditorProvider } from './EditorProvider';
import { readDraft } from './draft-storage';
import { useDraftPersistence } from './useDraftPersistence';

const pipeline = (stages: PipelineDocument['stages']): PipelineDocument => ({ format: 'duto.pipeline/v1', name: 'Drafts', stages, edges: [] });

// A stage whose secrets sit deeper: in an object, and in each item of a list.
const nested: StageCatalogEntry = {
  ...fixtureEntries.find((e) => e.type === 'destination.trash')!,
  type: 'destination.nested',
  configSchema: {
    type: 'object',
    properties: {
      connection: { type: 'object', properties: { user: { type: 'string' }, password: Secret({ description: 'Password.' }) } },
      brokers: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' }, token: Secret({ description: 'Token.' }) } } },
    },
  },
};
const catalog = buildDesignerCatalog([...fixtureEntries, nested]);

describe('a draft as the browser keeps it', () => {
  it('leaves out a password typed into a secret field and keeps a reference to a stored secret', () => {
    const document = pipeline([
      { id: 'typed', type: 'destination.kafka', label: 'Alerts out', config: { topic: 'alerts', password: 'hunter2' } },
      { id: 'named', type: 'destination.kafka', config: { topic: 'audit', password: { secret: 'broker-token' } } },
    ]);
    const kept = withoutTypedSecrets(document, fixtureCatalog);
    expect(kept.document.stages.map((s) => s.config)).toEqual([{ topic: 'alerts' }, { topic: 'audit', password: { secret: 'broker-token' } }]);
    expect(kept.typedSecrets).toEqual([{ stageId: 'typed', field: '/password' }]);
    expect(JSON.stringify(kept.document)).not.toContain('hunter2');
    // The editor's own document is not touched.
    expect(document.stages[0]!.config.password).toBe('hunter2');
  });

  it('follows secret fields into objects and list items', () => {
    const document = pipeline([
      {
        id: 'deep',
        type: 'destination.nested',
        config: { connection: { user: 'duto', password: 'pw-1' }, brokers: [{ url: 'a', token: 'tok-a' }, { url: 'b', token: { secret: 'b-token' } }] },
      },
    ]);
    const kept = withoutTypedSecrets(document, catalog);
    expect(kept.document.stages[0]!.config).toEqual({ connection: { user: 'duto' }, brokers: [{ url: 'a' }, { url: 'b', token: { secret: 'b-token' } }] });
    expect(kept.typedSecrets).toEqual([
      { stageId: 'deep', field: '/connection/password' },
      { stageId: 'deep', field: '/brokers/0/token' },
    ]);
  });

  it('keeps a document without typed secrets as it is, stages of unknown types included', () => {
    const document = pipeline([
      { id: 'k', type: 'destination.kafka', config: { topic: 'alerts' } },
      { id: 'x', type: 'destination.unknown', config: { password: 'not a known secret field' } },
    ]);
    expect(withoutTypedSecrets(document, fixtureCatalog)).toEqual({ document, typedSecrets: [] });
    expect(withoutTypedSecrets(document, fixtureCatalog).document).toBe(document);
  });

  it('names the fields to type again by stage label (or id) and field', () => {
    const document = pipeline([
      { id: 'typed', type: 'destination.kafka', label: 'Alerts out', config: { topic: 'alerts' } },
      { id: 'deep', type: 'destination.nested', config: {} },
    ]);
    expect(
      retypeNotice(document, [
        { stageId: 'typed', field: '/password' },
        { stageId: 'deep', field: '/brokers/0/token' },
      ]),
    ).toBe('Passwords and tokens typed into a stage are not kept in this browser: type them again in Alerts out › password, deep › brokers.0.token.');
    expect(retypeNotice(document, [])).toBeUndefined();
  });
});

describe('the stored draft', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    window.localStorage.clear();
  });

  it('is written without the password typed into the editor, and says which field to type again', () => {
    vi.useFakeTimers();
    let editor: ReturnType<typeof useEditorStore> | undefined;
    function Persisting() {
      editor = useEditorStore();
      useDraftPersistence('p-1', fixtureCatalog);
      return null;
    }
    const saved = pipeline([{ id: 'out', type: 'destination.kafka', config: { topic: 'alerts' } }]);
    render(
      <EditorProvider pipelineId="p-1" document={saved} version={3}>
        <Persisting />
      </EditorProvider>,
    );
    act(() => editor!.getState().edit((d) => ({ ...d, name: 'Renamed', stages: [{ ...d.stages[0]!, config: { topic: 'alerts', password: 'hunter2' } }] })));
    act(() => void vi.advanceTimersByTime(1000));

    expect(window.localStorage.getItem('duto.draft.p-1')).not.toContain('hunter2');
    const draft = readDraft('p-1')!;
    expect(draft.baseVersion).toBe(3);
    expect(draft.document.name).toBe('Renamed');
    expect(draft.document.stages[0]!.config).toEqual({ topic: 'alerts' });
    expect(draft.typedSecrets).toEqual([{ stageId: 'out', field: '/password' }]);
  });

  it('read from before typed secrets were left out names none to type again', () => {
    const old = { baseVersion: 1, savedAt: '2026-11-25T10:00:00.000Z', document: pipeline([]) };
    window.localStorage.setItem('duto.draft.p-2', JSON.stringify(old));
    expect(readDraft('p-2')).toEqual({ ...old, typedSecrets: [] });
  });
});
