/**
 * The plain value of a secret field. A `{ "secret": "<name>" }` reference needs the
 * server's secret store, which this version does not have yet: such a pipeline is refused
 * at start with this message instead of running with a wrong password.
 */
export function plainSecret(value: string | { secret: string } | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new Error(`secret reference "${value.secret}" cannot be resolved: named secrets are not available yet; give the value itself`);
}
