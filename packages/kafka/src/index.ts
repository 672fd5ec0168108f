export * from './client';
export * from './local-broker';
export type { KafkaMessage } from 'kafkajs';
