// One error model for the whole API: {"error":{"code","message","details"}}.
// Codes are stable (clients translate by code); messages tell a person what to do.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(400, code, message, details);
  }
}
export class Unauthenticated extends AppError {
  constructor(code = "UNAUTHENTICATED", message = "Sign in to continue.") {
    super(401, code, message);
  }
}
export class Forbidden extends AppError {
  constructor(code = "FORBIDDEN", message = "Your account does not have permission for this action.", details?: unknown) {
    super(403, code, message, details);
  }
}
export class NotFound extends AppError {
  constructor(what: string, code = "NOT_FOUND") {
    super(404, code, `${what} was not found, or you do not have access to it.`);
  }
}
export class Conflict extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}
// A platform rule forbids the action in the entity's present state.
export class RuleViolation extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}
export class TooManyRequests extends AppError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(429, code, message, { retryAfterSeconds }, { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}
