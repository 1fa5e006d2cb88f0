// ParsedCommand (codex-rs/protocol/src/parse_command.rs): Codex's best-effort
// reading of what a shell command does, carried by exec events for display.
import { z } from 'zod';

/** `read{cmd, name, path}`: the command reads a file. */
export const ParsedReadCommandSchema = z.looseObject({
  type: z.literal('read'),
  cmd: z.string(),
  name: z.string(),
  path: z.string().nullish(),
});
/** `list_files{cmd, path?}`. */
export const ParsedListFilesCommandSchema = z.looseObject({
  type: z.literal('list_files'),
  cmd: z.string(),
  path: z.string().nullish(),
});
/** `search{cmd, query?, path?}`. */
export const ParsedSearchCommandSchema = z.looseObject({
  type: z.literal('search'),
  cmd: z.string(),
  query: z.string().nullish(),
  path: z.string().nullish(),
});
/** `unknown{cmd}`. */
export const ParsedUnknownCommandSchema = z.looseObject({ type: z.literal('unknown'), cmd: z.string() });

/** One parsed segment of a shell command. */
export const ParsedCommandSchema = z.discriminatedUnion('type', [
  ParsedReadCommandSchema,
  ParsedListFilesCommandSchema,
  ParsedSearchCommandSchema,
  ParsedUnknownCommandSchema,
]);
/** One parsed segment of a shell command. */
export type ParsedCommand = z.infer<typeof ParsedCommandSchema>;

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `ParsedReadCommandSchema`. */
export type ParsedReadCommand = z.infer<typeof ParsedReadCommandSchema>;
/** Inferred from `ParsedListFilesCommandSchema`. */
export type ParsedListFilesCommand = z.infer<typeof ParsedListFilesCommandSchema>;
/** Inferred from `ParsedSearchCommandSchema`. */
export type ParsedSearchCommand = z.infer<typeof ParsedSearchCommandSchema>;
/** Inferred from `ParsedUnknownCommandSchema`. */
export type ParsedUnknownCommand = z.infer<typeof ParsedUnknownCommandSchema>;
