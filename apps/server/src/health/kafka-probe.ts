import { connect } from 'node:net';

/** Whether any of the brokers accepts a TCP connection within the timeout. */
export async function anyBrokerReachable(brokers: string[], timeoutMs = 1000): Promise<boolean> {
  const attempts = brokers.map((broker) => {
    const separator = broker.lastIndexOf(':');
    const port = Number(broker.slice(separator + 1));
    if (separator < 0 || !Number.isInteger(port)) return Promise.resolve(false);
    return tcpReachable(broker.slice(0, separator).replace(/^\[|\]$/g, ''), port, timeoutMs);
  });
  return (await Promise.all(attempts)).some(Boolean);
}

/** Whether host:port accepts a TCP connection within the timeout. */
export function tcpReachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
