/** Test kit for stage and pipeline tests: a stage harness and real brokers of their own. */
export * from './harness';
export * from './mosquitto';
export * from './databases';
export * from './eventually';
export * from './free-port';
