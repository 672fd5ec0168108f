// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FormDialog } from './FormDialog';

function renderDialog(onSubmit: () => Promise<void>, submitDisabled = false) {
  const onClose = vi.fn();
  render(
    <FormDialog title="Name it" testId="form-dialog" submitText="Save" submitDisabled={submitDisabled} onSubmit={onSubmit} onClose={onClose}>
      <input aria-label="Name" />
    </FormDialog>,
  );
  return onClose;
}

describe('a dialog around a form', () => {
  afterEach(cleanup);

  it('submits, then closes', async () => {
    const onSubmit = vi.fn(async () => {});
    const onClose = renderDialog(onSubmit);
    await userEvent.type(screen.getByLabelText('Name'), 'x{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('stays open with the reason when the submit fails, and can be tried again', async () => {
    const onSubmit = vi.fn(async () => {
      throw new Error('The name is taken.');
    });
    const onClose = renderDialog(onSubmit);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('The name is taken.');
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it('does not submit while its submit is off', async () => {
    const onSubmit = vi.fn(async () => {});
    const onClose = renderDialog(onSubmit, true);
    await userEvent.type(screen.getByLabelText('Name'), 'x{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });
});
