/** @codex-ts/file-search: Fast fuzzy file finder: gitignore-aware walker, fzf-like scorer with highlight indices, and the codex-file-search binary. */
export const PACKAGE_NAME = '@codex-ts/file-search';
