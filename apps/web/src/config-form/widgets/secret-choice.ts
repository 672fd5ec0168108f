import type { SecretSummary } from '@duto/model';

/** `{ "secret": name }`: a field that names a secret kept on the server instead of holding a value. */
export interface SecretReference {
  secret: string;
}

const isSecretReference = (value: unknown): value is SecretReference =>
  value !== null && typeof value === 'object' && typeof (value as { secret?: unknown }).secret === 'string';

/**
 * What a secret field holds, as the form shows it:
 * - `typed`: a value typed here (or none yet); the server moves it into its secret store on save;
 * - `stored`: a value typed earlier and saved, now the pipeline's own encrypted secret — the
 *   server answers only its reference, which goes back unchanged so that the value stays;
 * - `named`: a shared secret picked by name (from the Secrets page), `missing` when no such
 *   secret exists (an imported pipeline may name one).
 * Without the list of secrets (a viewer may not read it) every reference counts as stored.
 */
export type SecretChoice = { kind: 'typed' } | { kind: 'stored'; reference: SecretReference } | { kind: 'named'; name: string; missing: boolean };

export function secretChoice(value: unknown, secrets: readonly SecretSummary[] | undefined): SecretChoice {
  if (!isSecretReference(value)) return { kind: 'typed' };
  const known = secrets?.find((s) => s.name === value.secret);
  if (secrets === undefined || known?.pipelineId !== undefined) return { kind: 'stored', reference: value };
  return { kind: 'named', name: value.secret, missing: known === undefined };
}

/** The secrets a field may name: shared ones; a pipeline's own secrets belong to their fields. */
export const sharedSecretNames = (secrets: readonly SecretSummary[]) => secrets.filter((s) => s.pipelineId === undefined).map((s) => s.name);
