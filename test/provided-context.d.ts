import 'vitest';

/** What test/global-setup.ts hands to every test file through inject(). */
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
  }
}
