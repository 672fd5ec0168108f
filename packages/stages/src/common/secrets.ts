/**
 * The value of a secret field as a stage runtime gets it. The server resolves every
 * `{ "secret": "<name>" }` reference (apps/server/src/secrets/pipeline-secrets.ts,
 * `resolveSecrets`) before a document reaches a runner or a preview, so runtimes only ever
 * see plain values. A reference here means the document bypassed that step: it is refused
 * at start rather than run with a wrong password.
 */
export function plainSecret(value: string | { secret: string } | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new Error(`secret reference "${value.secret}" was not resolved: only the Duto server can resolve secrets, so start the pipeline through it`);
}
