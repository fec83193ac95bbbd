import { z } from 'zod';
import { AppError } from '../core/errors';
import { describeIssues } from '../ipc/dispatch';

/** Exit codes of DESIGN.md §6: 0 success, 2 bad input, 1 anything else. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export interface GlobalOptions {
  dataDir?: string;
  /** a PostgreSQL several desks share (postgres://…) instead of the data folder's SQLite file */
  database?: string;
  json?: boolean;
}

/** Prints a command's answer: one JSON object with --json, readable lines otherwise. */
export function printResult(options: GlobalOptions, value: Record<string, unknown>, human: string): void {
  if (options.json) process.stdout.write(`${JSON.stringify(value)}\n`);
  else process.stdout.write(`${human}\n`);
}

export function printError(options: GlobalOptions, code: string, message: string): void {
  if (options.json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  else process.stderr.write(`error: ${message}\n`);
}

export function exitCodeFor(err: unknown): { code: string; message: string; exit: number } {
  if (err instanceof AppError) {
    return { code: err.code, message: err.message, exit: err.code === 'BAD_INPUT' ? EXIT_BAD_INPUT : EXIT_FAILURE };
  }
  if (err instanceof z.ZodError) return { code: 'BAD_INPUT', message: describeIssues(err), exit: EXIT_BAD_INPUT };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), exit: EXIT_FAILURE };
}

/** Validates a command's options with the same zod schema the console uses. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('BAD_INPUT', describeIssues(result.error));
  return result.data;
}

export function intOption(name: string) {
  return (raw: string): number => {
    if (!/^-?\d+$/.test(raw)) throw new AppError('BAD_INPUT', `--${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
}
