// Errors raised while locating, reading or validating configuration. Every message names
// the file (and key and line where there is one) and what to do about it.
import { CoreError } from '../errors.js';


/** What went wrong with the configuration. */
export type ConfigErrorCode =
  | 'codex_home_missing'
  | 'unreadable'
  | 'toml_syntax'
  | 'invalid_value'
  | 'unknown_profile'
  | 'unknown_provider'
  | 'bad_override';

/** A configuration problem; `file`, `key` and `line` say where when known. */
export class ConfigError extends CoreError<ConfigErrorCode> {
  readonly file?: string;
  readonly key?: string;
  readonly line?: number;

  constructor(
    code: ConfigErrorCode,
    message: string,
    where: { file?: string; key?: string; line?: number; cause?: unknown } = {},
  ) {
    super(code, message, { cause: where.cause });
    this.name = 'ConfigError';
    this.file = where.file;
    this.key = where.key;
    this.line = where.line;
  }
}
