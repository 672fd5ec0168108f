import { createServer } from 'node:net';
import { StartupProblem } from './startup-problem';

/**
 * Checks that Duto can listen on host:port before anything else starts, so that a port
 * taken is reported at once and not after the local Kafka took its time to start.
 */
export async function ensurePortFree(host: string, port: number): Promise<void> {
  const server = createServer();
  const problem = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ host, port, exclusive: true }, () => resolve(undefined));
  });
  if (!problem) {
    await new Promise((resolve) => server.close(resolve));
    return;
  }
  throw listenProblem(problem, host, port);
}

/** What a failed listen means for the user, by its error code. */
export function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartupProblem(
        `Port ${port} on ${host} is taken by another program (perhaps another Duto).`,
        `Stop that program (see it with: lsof -i :${port}), or start Duto on a free port: DUTO_PORT=${port === 65_535 ? port - 1 : port + 1} pnpm start`,
      );
    case 'EACCES':
      return new StartupProblem(
        `This user may not listen on port ${port} (ports below 1024 need privileges).`,
        'Pick a port of 1024 or above with DUTO_PORT, e.g. DUTO_PORT=8640 pnpm start',
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartupProblem(
        `DUTO_HOST=${host} is not an address of this machine.`,
        'Set DUTO_HOST to one of its addresses, 127.0.0.1 (this machine only) or 0.0.0.0 (every network)',
      );
    default:
      return error;
  }
}
