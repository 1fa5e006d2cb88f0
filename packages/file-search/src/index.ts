/**
 * @codex-ts/file-search: gitignore-aware parallel walker, fzf-style fuzzy matcher with
 * highlight indices, and the `codex-file-search` binary (see README.md).
 */
export { FileSearchError, isRetryable } from './errors.js';
export type { FileSearchErrorCode } from './errors.js';
export { BELOW_MIN_SCORE, NO_MATCH, compilePattern, fuzzyMatch, matchPattern, scorePattern } from './matcher.js';
export type { CompiledPattern, FuzzyMatch } from './matcher.js';
export { DEFAULT_LIMIT, FileSearchSession, fileSearch, rankPaths } from './search.js';
export type { FileMatch, FileSearchOptions, FileSearchResults, QueryOptions, WalkOptions } from './search.js';
export type { WalkStats } from './internal/walker.js';

/** Package name, for diagnostics. */
export const PACKAGE_NAME = '@codex-ts/file-search';
