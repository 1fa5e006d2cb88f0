// Composer keys beyond editing: Ctrl+R searches the history (reverse-i-search), Ctrl+G
// opens the message in $VISUAL/$EDITOR. The editor part is loaded at first use.
import type { Overlay } from '../app/overlay.js';
import { NoticeCell, type Cell } from '../cells/cell.js';
import type { Key } from '../term/keys.js';
import { HistorySearch } from './history-search.js';

/** The app as these keys see it. */
export interface ComposerKeysHost {
  readonly composer: { readonly text: string; set(text: string): void; readonly historyEntries: readonly string[] };
  readonly deps: { slash?: { suspend?: <T>(fn: () => Promise<T>) => Promise<T>; env?: NodeJS.ProcessEnv } };
  openOverlay(o: Overlay): void;
  show(cell: Cell): void;
  requestFrame(): void;
}

/** True when the key was one of these (the caller redraws). */
export function handleComposerKey(host: ComposerKeysHost, key: Key): boolean {
  if (!key.ctrl || key.meta) return false;
  if (key.name === 'r') {
    host.openOverlay(new HistorySearch(host.composer.historyEntries, host.composer.text, (text) => host.composer.set(text)));
    return true;
  }
  if (key.name === 'g') {
    const suspend = host.deps.slash?.suspend;
    if (!suspend) {
      host.show(new NoticeCell('The external editor is not available yet: the session is still starting.', 'info'));
      return true;
    }
    void import('./external-editor.js')
      .then((m) => m.editExternally(host.composer.text, host.deps.slash?.env ?? process.env, suspend))
      .then((r) => {
        if (r.kind === 'edited') host.composer.set(r.text);
        else host.show(new NoticeCell(r.message, r.kind === 'error' ? 'error' : 'info'));
        host.requestFrame();
      })
      .catch((err: unknown) => host.show(new NoticeCell(`External editor failed: ${(err as Error).message}`, 'error')));
    return true;
  }
  return false;
}
