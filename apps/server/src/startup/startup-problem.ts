import { StartupError } from '../errors';

/** A reason Duto cannot start (or will lack something) as configured, with what the user can do about it. */
export class StartupProblem extends StartupError {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/** The problem and its fix as a short block for the terminal, instead of a stack trace. */
export function describeProblem(problem: { message: string; fix?: string }, severity: 'error' | 'warning'): string {
  const lines = [severity === 'error' ? 'Duto cannot start.' : 'Warning:', `  ${problem.message}`];
  if (problem.fix) lines.push(`  Fix: ${problem.fix}`);
  return lines.join('\n');
}

/** Ends the process over a startup failure: explained when it is one the user can fix, in full otherwise. */
export function exitWithProblem(error: unknown): never {
  console.error(error instanceof StartupError ? describeProblem(error as StartupProblem, 'error') : error);
  process.exit(1);
}
