// The one error type of the client: every failed call carries the server's
// {"error":{"code","message","details"}} or a code of our own for network trouble.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Builds the error from a response body, whatever shape the body has. */
  static fromBody(status: number, body: unknown, fallback: string): ApiError {
    const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    if (err && typeof err.code === 'string' && typeof err.message === 'string') {
      const details = err.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : {};
      return new ApiError(status, err.code, err.message, details);
    }
    return new ApiError(status, `http_${status}`, fallback);
  }

  static network(cause: unknown): ApiError {
    const why = cause instanceof Error ? cause.message : String(cause);
    return new ApiError(0, 'network', `The server cannot be reached (${why}). Check the connection and try again.`);
  }
}

/** A sentence for people: the server's message plus what to do next where we know it. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'unauthenticated':
        return error.message || 'You are signed out. Sign in again to continue.';
      case 'forbidden':
        return `${error.message} Ask a project owner or an administrator for access.`;
      case 'rate_limited': {
        const wait = Number(error.details.retryAfterSeconds);
        return Number.isFinite(wait) && wait > 0
          ? `Too many attempts. Wait ${wait} seconds, then try again.`
          : 'Too many attempts. Wait a little, then try again.';
      }
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
