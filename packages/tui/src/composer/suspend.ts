// Hand the terminal to another program (the external editor) and take it back: the live area
// is erased, raw mode, bracketed paste and the alternate screen are left, our key reader is
// detached; afterwards all of it comes back and the live area is drawn fresh. Rows the chat
// commits meanwhile are kept and drawn after.
import type { Renderer } from '../app/app.js';
import type { LiveFrame } from '../term/inline-renderer.js';
import type { Line } from '../term/style.js';
import type { TuiInput } from '../options.js';

export interface SuspendTarget {
  app: { switchRenderer(make: (frame: () => LiveFrame) => Renderer, between?: () => void): void };
  stdin: TuiInput;
  stdout: { write(s: string): unknown; columns?: number; rows?: number };
  onData: (d: string | Buffer) => void;
  alt: boolean;
  makeRenderer: (frame: () => LiveFrame) => Renderer;
}

/** A renderer that draws nothing and keeps committed rows. */
class HeldRenderer implements Renderer {
  readonly held: Line[] = [];
  constructor(private readonly out: SuspendTarget['stdout']) {}
  get cols(): number {
    return Math.max(10, this.out.columns ?? 80);
  }
  get rows(): number {
    return Math.max(5, this.out.rows ?? 24);
  }
  commit(lines: Line[]): void {
    this.held.push(...lines);
  }
  schedule(): void {}
  draw(): void {}
  close(): void {}
}

export async function suspendTui<T>(t: SuspendTarget, fn: () => Promise<T>): Promise<T> {
  const held = new HeldRenderer(t.stdout);
  t.app.switchRenderer(
    () => held,
    () => {
      t.stdin.off('data', t.onData);
      t.stdout.write(`\x1b[?2004l\x1b[0m\x1b[?25h${t.alt ? '\x1b[?1049l' : ''}`);
      t.stdin.setRawMode?.(false);
      t.stdin.pause?.();
    },
  );
  try {
    return await fn();
  } finally {
    t.app.switchRenderer(
      (frame) => {
        const r = t.makeRenderer(frame);
        if (held.held.length) r.commit(held.held.splice(0));
        return r;
      },
      () => {
        t.stdin.setRawMode?.(true);
        t.stdin.resume?.();
        t.stdout.write(`\x1b[?2004h${t.alt ? '\x1b[?1049h\x1b[H\x1b[2J' : ''}`);
        t.stdin.on('data', t.onData);
      },
    );
  }
}
