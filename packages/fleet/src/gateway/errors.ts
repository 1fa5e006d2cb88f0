// The gateway's errors: bad options (named field and what to do) and start-up failures. A
// GatewayError is a FleetError (the package's one error class) with a gateway code.
import { FleetError } from '../errors.js';

/** What went wrong. */
export type GatewayErrorCode = 'invalid_config' | 'invalid_task_id' | 'redis_unavailable' | 'listen_failed' | 'closed';

/** An error from the provider gateway. */
export class GatewayError extends FleetError {
  override readonly name = 'GatewayError';
  declare readonly code: GatewayErrorCode;
  constructor(code: GatewayErrorCode, message: string, opts?: { cause?: unknown }) {
    super(code, message, opts?.cause !== undefined ? { cause: opts.cause } : {});
  }
}
