/**
 * The one error type that crosses layers. The domain names the problem (a stable, namespaced `code` and
 * bilingual text); the edge (HTTP error handler, CLI) picks the status or exit code from `kind`.
 * Codes are contract: add new ones, never rename.
 */
export type ErrorKind =
  | 'invalid'
  | 'rejected'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited'
  | 'unavailable';

export interface Text {
  zh: string;
  en: string;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly text: Text;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, code: string, text: Text, details?: Record<string, unknown>) {
    super(`${code}: ${text.en}`);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.text = text;
    this.details = details;
  }
}

export const invalid = (code: string, text: Text, details?: Record<string, unknown>) =>
  new AppError('invalid', code, text, details);
export const rejected = (code: string, text: Text, details?: Record<string, unknown>) =>
  new AppError('rejected', code, text, details);
export const notFound = (code: string, text: Text, details?: Record<string, unknown>) =>
  new AppError('not_found', code, text, details);
export const conflict = (code: string, text: Text, details?: Record<string, unknown>) =>
  new AppError('conflict', code, text, details);
export const forbidden = (code: string, text: Text, details?: Record<string, unknown>) =>
  new AppError('forbidden', code, text, details);
export const unauthenticated = (code: string, text: Text, details?: Record<string, unknown>) =>
  new AppError('unauthenticated', code, text, details);
export const rateLimited = (code: string, text: Text, details?: Record<string, unknown>) =>
  new AppError('rate_limited', code, text, details);
export const unavailable = (code: string, text: Text, details?: Record<string, unknown>) =>
  new AppError('unavailable', code, text, details);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
