export * from './stage-runtime';
export * from './field-path';
export * from './expressions';
export * from './metrics';
export * from './plan';
export * from './executor';
export * from './runner';
export * from './per-record';
