import { createServer, type Socket } from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  url: string;
  stop(): Promise<void>;
}

/**
 * An MQTT broker inside Duto's process (aedes), so that the IoT sample works on a machine
 * without one. It speaks MQTT 3.1.1 only and keeps sessions and queued messages in memory:
 * they are gone when Duto stops. Listens on host:port or fails with the listen error.
 */
export async function startEmbeddedBroker(host: string, port: number): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    await new Promise<void>((resolve) => broker.close(resolve));
    throw error;
  }
  const address = server.address() as { port: number };
  return {
    url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    stop: async () => {
      await new Promise<void>((resolve) => broker.close(resolve));
      // Clients that never finished their CONNECT are not aedes's yet: end them too.
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
