// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { PreviewStage } from '@duto/model';
import { StagePreview } from './StagePreview';

afterEach(cleanup);

const rec = (value: Record<string, unknown>) => ({ value, attributes: { 'generator.seq': String(value.seq) } });

const expression: PreviewStage = {
  stageId: 'to-fahrenheit',
  input: [rec({ seq: 0, temperature: 20, unit: 'C', site: { name: 'a' } }), rec({ seq: 1, temperature: 'n/a', unit: 'C' }), rec({ seq: 2, temperature: 30, unit: 'C' })],
  output: [
    { record: rec({ seq: 0, temperature: 68, site: { name: 'b' }, converted: true }) },
    { record: rec({ seq: 2, temperature: 86, converted: true }) },
  ],
  errors: [{ record: rec({ seq: 1, temperature: 'n/a', unit: 'C' }), reason: 'The left side of the "*" operator must evaluate to a number' }],
};

const marked = () =>
  screen.queryAllByTestId('changed-field').map((element) => `${element.getAttribute('data-field')}:${element.getAttribute('data-change')}`);

describe('a stage in the preview', () => {
  it('shows each input beside its output in a table, marking changed, added and removed fields', () => {
    render(<StagePreview stage={expression} category="processor" view="table" />);
    expect(screen.getByTestId('stage-preview-counts').textContent).toContain('3 in2 out1 to the error lane');
    const rows = screen.getAllByTestId('preview-row');
    expect(rows).toHaveLength(2);
    expect(marked()).toEqual([
      // first pair: unit removed (input side), then output: temperature and site.name changed, converted added
      'unit:removed',
      'temperature:changed',
      'site.name:changed',
      'converted:added',
      'unit:removed',
      'temperature:changed',
      'converted:added',
    ]);
    const changed = within(rows[0]!).getAllByTestId('changed-field').find((e) => e.getAttribute('data-field') === 'temperature')!;
    expect(changed.textContent).toContain('68 (changed)');
    expect(changed.classList.contains('field-changed')).toBe(true);
  });

  it('lists the records sent to the error lane with their reason', () => {
    render(<StagePreview stage={expression} category="processor" view="table" />);
    const errors = screen.getAllByTestId('preview-error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.textContent).toContain('The left side of the "*" operator must evaluate to a number');
    expect(errors[0]!.textContent).toContain('"temperature": "n/a"');
  });

  it('marks the same fields in the JSON view', () => {
    render(<StagePreview stage={expression} category="processor" view="json" />);
    expect(screen.queryByTestId('preview-table')).toBeNull();
    expect(screen.getAllByTestId('preview-json-output')).toHaveLength(2);
    expect(marked()).toEqual(['unit:removed', 'temperature:changed', 'site.name:changed', 'converted:added', 'unit:removed', 'temperature:changed', 'converted:added']);
    const json = screen.getAllByTestId('preview-json-output')[0]!;
    expect(json.textContent).toContain('"temperature": 68 (changed)');
    expect(json.textContent).toContain('attributes');
  });

  it('shows an origin’s records as output only, and a destination’s as input only', () => {
    const { unmount } = render(<StagePreview stage={{ stageId: 'gen', input: [], output: [{ record: rec({ seq: 0 }) }], errors: [] }} category="origin" view="table" />);
    expect(screen.getByRole('columnheader', { name: 'Output' })).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: 'Input' })).toBeNull();
    expect(marked()).toEqual([]);
    unmount();
    render(<StagePreview stage={{ stageId: 'lake', input: [rec({ seq: 0 })], output: [], errors: [] }} category="destination" view="table" />);
    expect(screen.queryByRole('columnheader', { name: 'Output' })).toBeNull();
    expect(screen.getByTestId('stage-preview-counts').textContent).toContain('A preview writes to no destination');
  });
});
