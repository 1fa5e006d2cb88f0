// FileChange (protocol.rs): one file's change in a patch, externally tagged
// (`{"add":{...}}`, `{"delete":{...}}`, `{"update":{...}}`) as in 0.47; the
// later internally tagged form (`{"type":"add",...}`) is accepted too.
import { z } from 'zod';

/** `{"add":{"content"}}`. */
export const AddFileChangeSchema = z.strictObject({ add: z.looseObject({ content: z.string() }) });
/** `{"delete":{"content"}}` (content may be absent in older/newer writers). */
export const DeleteFileChangeSchema = z.strictObject({
  delete: z.looseObject({ content: z.string().optional() }),
});
/** `{"update":{"unified_diff","move_path"?}}`. */
export const UpdateFileChangeSchema = z.strictObject({
  update: z.looseObject({ unified_diff: z.string(), move_path: z.string().nullish() }),
});

/** Internally tagged FileChange of later versions: `{"type":"add"|"delete"|"update", ...}`. */
export const TaggedFileChangeSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('add'), content: z.string() }),
  z.looseObject({ type: z.literal('delete'), content: z.string().optional() }),
  z.looseObject({ type: z.literal('update'), unified_diff: z.string(), move_path: z.string().nullish() }),
]);

/** A change to one file. */
export const FileChangeSchema = z.union([
  AddFileChangeSchema,
  DeleteFileChangeSchema,
  UpdateFileChangeSchema,
  TaggedFileChangeSchema,
]);
/** A change to one file. */
export type FileChange = z.infer<typeof FileChangeSchema>;

/** `changes` of patch events: path → FileChange. */
export const FileChangesSchema = z.record(z.string(), FileChangeSchema);
/** `changes` of patch events: path → FileChange. */
export type FileChanges = z.infer<typeof FileChangesSchema>;

// Inferred types for the schemas above that have no alias next to them.
/** Inferred from `AddFileChangeSchema`. */
export type AddFileChange = z.infer<typeof AddFileChangeSchema>;
/** Inferred from `DeleteFileChangeSchema`. */
export type DeleteFileChange = z.infer<typeof DeleteFileChangeSchema>;
/** Inferred from `UpdateFileChangeSchema`. */
export type UpdateFileChange = z.infer<typeof UpdateFileChangeSchema>;
/** Inferred from `TaggedFileChangeSchema`. */
export type TaggedFileChange = z.infer<typeof TaggedFileChangeSchema>;
