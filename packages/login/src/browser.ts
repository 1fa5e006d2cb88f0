// Opening the sign-in page in the user's browser where there is one: $BROWSER, `open` on
// macOS, `start` on Windows, `xdg-open` on Linux with a display. Headless machines (SSH,
// containers, CI) get `false` and the caller prints the URL instead.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function onPath(cmd: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** The argv that would open `url`, or undefined when this machine has no browser to open. */
export function browserCommand(url: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] | undefined {
  const browser = env['BROWSER']?.split(':')[0]?.trim();
  if (browser) return [browser, url];
  if (platform === 'darwin') return ['open', url];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""', url];
  if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return undefined;
  return onPath('xdg-open', env) ? ['xdg-open', url] : undefined;
}

/** Tries to open `url`; resolves true when a browser was launched. Never throws. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const argv = browserCommand(url, env);
  if (!argv) return false;
  try {
    const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: 'ignore', env });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
