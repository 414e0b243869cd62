/**
 * DomainError: the one way bad input and refused actions leave the kernel.
 *
 * `code` is a stable i18n key (see shared/i18n); `field` names the offending field for inline
 * form messages; `params` fill the message. The UI, the import report, IPC and the sync server
 * all turn the same error into words in the user's language. `issues` carries several field
 * problems at once (a form with three bad fields shows three messages).
 */

export interface FieldIssue {
  code: string;
  field?: string;
  /** Row index inside a child table, when the issue is in a line. */
  row?: number;
  params?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly code: string;
  readonly field?: string;
  readonly params: Record<string, unknown>;
  readonly issues: FieldIssue[];

  constructor(code: string, params: Record<string, unknown> = {}, field?: string, issues?: FieldIssue[]) {
    super(`${code}${field ? ` [${field}]` : ''}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
    this.params = params;
    this.issues = issues ?? [{ code, field, params }];
  }

  static invalid(issues: FieldIssue[]): DomainError {
    const first = issues[0];
    return new DomainError(issues.length === 1 ? first.code : 'error.validation', issues.length === 1 ? (first.params ?? {}) : { count: issues.length }, first.field, issues);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'DomainError' && typeof (e as { code?: unknown }).code === 'string');
}
