import { useState } from 'react';
import type { SecretSummary } from '@duto/model';
import { api } from '../../api/client';
import { Link } from '../../app/Link';
import { pipelineHref } from '../../app/router';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { IconButton } from '../../ui/IconButton';
import { Notice } from '../../ui/Notice';
import { RelativeTime } from '../../ui/RelativeTime';
import { TableHead } from '../../ui/TableHead';
import { SecretValueForm } from './SecretValueForm';
import { useLoaded } from './useLoaded';

type OpenDialog = { kind: 'replace' | 'delete'; secret: SecretSummary } | undefined;

/**
 * Named secrets for stage configs (`{ "secret": name }`): names and dates only, values go
 * in and never come out. A pipeline's own secrets (passwords typed into its stages) are
 * listed with it and deleted with it.
 */
export function SecretsPage() {
  const { data: secrets, problem: loadProblem, reload } = useLoaded(api.secrets);
  const [news, setNews] = useState<string>();
  const [dialog, setDialog] = useState<OpenDialog>();
  const names = secrets?.map((s) => s.name) ?? [];

  const saved = (name: string, replaced: boolean) => {
    setNews(replaced ? `Replaced the value of ${name}.` : `Saved ${name}. Pick it in a stage's password or token field.`);
    setDialog(undefined);
    void reload();
  };

  return (
    <section aria-label="Secrets">
      <p className="muted">Stored encrypted on the server. Their values are never shown again, not even here: to change one, give it a new value.</p>
      <SecretValueForm existing={names} onSaved={saved} />
      {loadProblem && <Notice tone="error">{loadProblem}</Notice>}
      {news && (
        <Notice tone="success" onDismiss={() => setNews(undefined)}>
          {news}
        </Notice>
      )}
      {secrets?.length === 0 && <p className="empty">No secrets yet.</p>}
      {secrets && secrets.length > 0 && (
        <table className="admin-table" data-testid="secret-list">
          <TableHead columns={['Name', 'Belongs to', 'Updated', { label: 'Actions', hidden: true }]} />
          <tbody>
            {secrets.map((secret) => (
              <tr key={secret.name} data-testid="secret-row" data-secret-name={secret.name}>
                <td>
                  <code>{secret.name}</code>
                </td>
                <td>{secret.pipelineId ? <Link href={pipelineHref(secret.pipelineId)}>{`pipeline ${secret.pipelineId}`}</Link> : <span className="muted">shared</span>}</td>
                <td>
                  <RelativeTime iso={secret.updatedAt} />
                </td>
                <td className="row-actions">
                  <IconButton icon="pencil" label={`Replace the value of ${secret.name}`} onClick={() => setDialog({ kind: 'replace', secret })} data-testid="replace-secret" />
                  <IconButton icon="trash" label={`Delete ${secret.name}`} onClick={() => setDialog({ kind: 'delete', secret })} data-testid="delete-secret" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'replace' && (
        <Dialog title={`New value for ${dialog.secret.name}`} onClose={() => setDialog(undefined)} testId="replace-secret-dialog">
          <SecretValueForm existing={names} fixedName={dialog.secret.name} onSaved={saved} />
        </Dialog>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.secret.name}?`}
          confirmText="Delete"
          danger
          onClose={() => setDialog(undefined)}
          onConfirm={async () => {
            await api.deleteSecret(dialog.secret.name);
            setNews(`Deleted ${dialog.secret.name}.`);
            void reload();
          }}
        >
          <p>Its value is gone for good. Duto refuses while a pipeline still uses it.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
