// Which session `codex`, `codex resume …` and `codex fork …` open: a new one, the one named
// by id (an unknown id is an error before anything starts), the newest of this directory
// (`--last`; none found starts a new session, as Codex does), or the one picked in the
// resume picker (Esc starts a new session, Ctrl+C quits).
import type { App } from '../app/app.js';
import type { SessionChoice } from '../options.js';
import { ResumePicker, type PickerSession } from './resume-picker.js';
import type { SessionSpec } from './session-host.js';
import { TuiError } from '../errors.js';

type Core = typeof import('@codex-ts/core');

/** The id given is not a recorded session. */
export class UnknownSessionError extends TuiError {
  override readonly name = 'UnknownSessionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('unknown_session', message, options);
  }
}

/** Resolve an id/`--last` choice without any UI; `'picker'` when the picker must ask. */
export function resolveChoice(
  core: Core,
  codexHome: string,
  choice: SessionChoice | undefined,
  list: (all: boolean) => PickerSession[],
): SessionSpec | 'picker' {
  if (!choice) return { kind: 'new' };
  const spec = (path: string): SessionSpec => (choice.action === 'resume' ? { kind: 'resume', path } : { kind: 'fork', path });
  if (choice.id !== undefined) {
    const path = core.findRolloutById(codexHome, choice.id);
    if (path === null) {
      throw new UnknownSessionError(
        `No saved session found with ID ${choice.id}. Run \`codex ${choice.action}\` without an ID to choose from existing sessions.`,
      );
    }
    return spec(path);
  }
  if (choice.last) {
    const newest = list(choice.all === true)[0];
    return newest ? spec(newest.path) : { kind: 'new' };
  }
  return 'picker';
}

/** Show the picker; resolves with the session to start, or `'quit'` on Ctrl+C. */
export function pickAtStart(app: App, choice: SessionChoice, list: (all: boolean) => PickerSession[]): Promise<SessionSpec | 'quit'> {
  return new Promise((res) => {
    app.openOverlay(
      new ResumePicker({
        load: list,
        all: choice.all === true,
        ...(choice.action === 'fork' ? { title: 'Fork a previous session', verb: 'fork' } : {}),
        onPick: (s) => res(choice.action === 'resume' ? { kind: 'resume', path: s.path } : { kind: 'fork', path: s.path }),
        onCancel: () => res({ kind: 'new' }),
        onAbort: () => res('quit'),
      }),
    );
  });
}
