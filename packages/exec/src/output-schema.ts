// `--output-schema FILE`: a JSON Schema object sent as the turn's final_output_json_schema
// (the model request's `text.format`). Validated here so a bad file never reaches a turn.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExecError } from './errors.js';

/** Read and parse the schema file; throws ExecError naming the file and the problem. */
export function loadOutputSchema(path: string, cwd: string = process.cwd()): Record<string, unknown> {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err: unknown) {
    throw new ExecError('output_schema', `Failed to read output schema file ${file}: ${(err as Error).message}`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err: unknown) {
    throw new ExecError('output_schema', `Output schema file ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ExecError('output_schema', `Output schema file ${file} must contain a JSON object (a JSON Schema), not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`);
  }
  return value as Record<string, unknown>;
}
