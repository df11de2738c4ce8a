import type { ErrorCode } from '../../shared/api/result';

/** A refusal the user should read: Chinese message, optional per-field messages. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what}不存在或已被删除`);
export const invalid = (field: string, message: string) => new DomainError('VALIDATION', message, { [field]: message });
export const conflict = (field: string, message: string) => new DomainError('CONFLICT', message, { [field]: message });
