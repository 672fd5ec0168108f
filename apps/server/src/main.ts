import { buildApp } from './app';
import { configFromEnv } from './config';

const config = configFromEnv();
const app = await buildApp({ config });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}

try {
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`Duto is running at http://${config.host}:${config.port} (home ${config.home})`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    app.log.error(`port ${config.port} on ${config.host} is taken: stop what uses it, or set DUTO_PORT to a free port`);
  } else {
    app.log.error({ err: error }, 'Duto could not start');
  }
  process.exit(1);
}
