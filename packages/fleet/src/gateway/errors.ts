// The gateway's error class: bad options (named field and what to do) and start-up failures.

/** What went wrong. */
export type GatewayErrorCode = 'invalid_config' | 'invalid_task_id' | 'redis_unavailable' | 'listen_failed' | 'closed';

/** An error from the provider gateway. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: GatewayErrorCode;
  constructor(code: GatewayErrorCode, message: string, opts?: { cause?: unknown }) {
    super(message, opts?.cause !== undefined ? { cause: opts.cause } : undefined);
    this.code = code;
  }
}
