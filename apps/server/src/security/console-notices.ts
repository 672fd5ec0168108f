import type { FirstAdmin } from '../auth/first-admin';
import type { ServerConfig } from '../config';
import { isLoopback } from './transport';

/**
 * What `pnpm start` prints to the console (never to the JSON log, which may be kept in
 * files): where Duto is, the first login, and a warning when it is exposed without TLS.
 */
export function startupNotice(config: ServerConfig, firstAdmin: FirstAdmin | null): string {
  return boxed([`Duto is running at ${config.tls ? 'https' : 'http'}://${config.host}:${config.port}`, ...firstLoginLines(firstAdmin)]);
}

/**
 * The first login alone, for a first start that fails after the admin was made (a port in
 * use): a generated password is shown once, so it must not be lost with the failed start.
 */
export function firstLoginNotice(firstAdmin: FirstAdmin | null): string | undefined {
  return firstAdmin ? boxed(firstLoginLines(firstAdmin)) : undefined;
}

function firstLoginLines(firstAdmin: FirstAdmin | null): string[] {
  if (firstAdmin?.generatedPassword !== undefined) {
    return [
      `First login: user "${firstAdmin.username}", password ${firstAdmin.generatedPassword}`,
      'This password is shown only this once: change it after logging in.',
    ];
  }
  return firstAdmin ? [`First login: user "${firstAdmin.username}" with the password in DUTO_ADMIN_PASSWORD.`] : [];
}

/** A loud warning when Duto listens beyond this machine without TLS. */
export function exposureWarning(config: ServerConfig): string | undefined {
  if (config.tls || isLoopback(config.host)) return undefined;
  return boxed([
    `WARNING: Duto listens on ${config.host} without TLS.`,
    'Passwords, session cookies and API tokens cross the network in clear text.',
    'Set DUTO_TLS_CERT and DUTO_TLS_KEY, or put Duto behind an HTTPS proxy.',
  ]);
}

function boxed(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '─'.repeat(width + 2);
  return [`┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`].join('\n');
}
