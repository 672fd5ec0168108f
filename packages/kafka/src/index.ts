export * from './client';
export * from './local-broker';
