export * from './client';
export * from './local-broker';
export * from './fetch-jars';
export * from './prerequisites';
export * from './port-answers';
export * from './probe';
export * from './terminal-line';
export type { EachBatchPayload, KafkaMessage } from 'kafkajs';
