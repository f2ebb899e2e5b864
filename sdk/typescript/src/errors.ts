/**
 * The api answers every refusal with an RFC 9457 problem (`application/problem+json`) carrying a stable `code`.
 * Each problem becomes one of the classes below, chosen by HTTP status; branch on `instanceof` for the kind and
 * on `code` for the exact reason, never on the message.
 */

/** One field problem of a 422 `validation_failed` answer: `pointer` is a JSON pointer into the request. */
export interface FieldProblem {
  code: string;
  pointer: string;
  message: string;
}

/** The problem document as the api sent it (extra members such as `available` or `job_id` included). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
  [member: string]: unknown;
}

/** A refusal or failure answered by the api. */
export class GeoperaError extends Error {
  /** HTTP status of the answer. */
  readonly status: number;
  /** The problem's stable `code`, e.g. `job_not_found`; `unknown` when the answer carried none. */
  readonly code: string;
  /** The whole problem document. */
  readonly problem: Problem;
  /** The operation that was called, e.g. `processing.execute`. */
  readonly operation: string;

  constructor(status: number, problem: Problem, operation: string) {
    super(`${operation}: ${status} ${problem.code ?? "unknown"}${problem.detail ? `: ${problem.detail}` : ""}`);
    this.name = new.target.name;
    this.status = status;
    this.code = typeof problem.code === "string" ? problem.code : "unknown";
    this.problem = problem;
    this.operation = operation;
  }
}

/**
 * 400 (malformed JSON), 413 (body or inputs too large) and 422 (invalid fields, unknown process, reused
 * Idempotency-Key …). `errors` lists every field problem at once.
 */
export class ValidationError extends GeoperaError {
  get errors(): FieldProblem[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** 401: no token, or an unknown, revoked or expired one. */
export class AuthenticationError extends GeoperaError {}

/** 402: the organisation cannot pay. `available` and `required` are credits; `jobId` is set when a job was kept. */
export class InsufficientCredits extends GeoperaError {
  get available(): number | undefined {
    return numberMember(this.problem, "available");
  }

  get required(): number | undefined {
    return numberMember(this.problem, "required");
  }

  get jobId(): string | undefined {
    return typeof this.problem.job_id === "string" ? this.problem.job_id : undefined;
  }
}

/** 403: the token lacks a scope (`requiredScope`), or an admin key called an organisation's operation. */
export class PermissionDenied extends GeoperaError {
  get requiredScope(): string | undefined {
    return typeof this.problem.required_scope === "string" ? this.problem.required_scope : undefined;
  }
}

/** 404: unknown job, process, project or output, or one of another organisation. */
export class NotFound extends GeoperaError {}

/** 409: the job's state does not allow this (`illegal_transition`, `output_not_ready` …). */
export class Conflict extends GeoperaError {}

/** 429: over the organisation's request rate; `retryAfterSeconds` says when to come back. */
export class RateLimited extends GeoperaError {
  get retryAfterSeconds(): number | undefined {
    return numberMember(this.problem, "retry_after_seconds");
  }
}

/** 5xx: the api failed (`internal_error`) or a dependency is unavailable (`service_unavailable`). */
export class ServerError extends GeoperaError {}

/** The api could not be reached, or the connection broke before an answer came (after the retries). */
export class ConnectionError extends Error {
  readonly operation: string;

  constructor(operation: string, cause: unknown) {
    super(`${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "ConnectionError";
    this.operation = operation;
  }
}

/** `waitForJob` gave up: the job had not finished within the timeout. `job` is its last view. */
export class WaitTimeoutError extends Error {
  readonly job: unknown;

  constructor(jobId: string, timeoutMs: number, job: unknown) {
    super(`job ${jobId} not finished within ${timeoutMs} ms`);
    this.name = "WaitTimeoutError";
    this.job = job;
  }
}

/** The error for an answer with `status` and (possibly empty) problem document. */
export function errorFromProblem(status: number, problem: Problem, operation: string): GeoperaError {
  if (status === 400 || status === 413 || status === 422) return new ValidationError(status, problem, operation);
  if (status === 401) return new AuthenticationError(status, problem, operation);
  if (status === 402) return new InsufficientCredits(status, problem, operation);
  if (status === 403) return new PermissionDenied(status, problem, operation);
  if (status === 404) return new NotFound(status, problem, operation);
  if (status === 409) return new Conflict(status, problem, operation);
  if (status === 429) return new RateLimited(status, problem, operation);
  if (status >= 500) return new ServerError(status, problem, operation);
  return new GeoperaError(status, problem, operation);
}

function numberMember(problem: Problem, name: string): number | undefined {
  const value = problem[name];
  return typeof value === "number" ? value : undefined;
}
