/** The CLI maps error kinds to exit codes and prints the bilingual text, never a stack for expected errors. */
import { isAppError, type ErrorKind } from '../kernel/errors.js';

const EXIT: Record<ErrorKind, number> = { invalid: 2, rejected: 3, not_found: 4, conflict: 5, forbidden: 6, unauthenticated: 6, rate_limited: 7, unavailable: 8 };

export function exitOnError(e: unknown): never {
  if (isAppError(e)) {
    process.stderr.write(`${e.code}: ${e.text.en}\n${e.text.zh}\n`);
    process.exit(EXIT[e.kind]);
  }
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}
