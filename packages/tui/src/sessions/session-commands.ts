// `/new`, `/resume` and `/fork` typed as a whole message go to the session actions instead of
// the model. (The slash popup, when present, calls the same actions; this keeps the commands
// working when a message is sent as plain text.)
import type { SessionActions } from '../app/overlay.js';

/** Run `text` as a session command; false when it is not one. */
export function runSessionCommand(text: string, sessions: SessionActions | undefined): boolean {
  if (!sessions) return false;
  switch (text.trim()) {
    case '/new':
      void sessions.newSession();
      return true;
    case '/resume':
      void sessions.resume();
      return true;
    case '/fork':
      void sessions.fork();
      return true;
    default:
      return false;
  }
}
