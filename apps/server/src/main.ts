import { buildApp } from './app';
import { configFromEnv, type ServerConfig } from './config';
import { DEFAULT_MQTT_URL } from './embedded-mqtt/ensure-mqtt-broker';
import { listenProblem } from './startup/port-free';
import { prepareServices } from './startup/services';
import { exitWithProblem } from './startup/startup-problem';
import { StartupError } from './errors';
import { exposureWarning, firstLoginNotice, startupNotice } from './security/console-notices';

let config: ServerConfig;
try {
  config = configFromEnv();
} catch (error) {
  exitWithProblem(new StartupError((error as Error).message));
}
const mqttUrl = process.env.DUTO_MQTT_URL || DEFAULT_MQTT_URL;

// Without KAFKA_BROKERS, Duto brings its own single-node Kafka (data under $DUTO_HOME/kafka),
// and without an MQTT broker at DUTO_MQTT_URL an embedded one for the samples.
const services = await prepareServices(config, mqttUrl).catch(exitWithProblem);

const app = await buildApp({ config, samples: { mqttUrl } }).catch(async (error: unknown) => {
  await services.stop();
  return exitWithProblem(error);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    void app
      .close()
      .then(() => services.stop())
      .then(() => process.exit(0));
  });
}

try {
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`Duto is running at ${config.tls ? 'https' : 'http'}://${config.host}:${config.port} (home ${config.home}, Kafka ${config.kafkaBrokers.join(',')})`);
  // The console, not the JSON log: a generated first password must not end up in log files.
  console.log(startupNotice(config, app.firstAdmin));
  const warning = exposureWarning(config);
  if (warning) console.error(warning);
} catch (error) {
  const firstLogin = firstLoginNotice(app.firstAdmin);
  if (firstLogin) console.log(firstLogin);
  await services.stop();
  exitWithProblem(listenProblem(error as NodeJS.ErrnoException, config.host, config.port));
}
