// The "trust this directory" step: shown once for a git repository config.toml says
// nothing about. Yes records `[projects."<root>"] trust_level = "trusted"` (the default
// sandbox becomes workspace-write, as for any trusted project); No keeps this run read-only
// and records nothing. Keys as Codex: 1/y, 2/n, ↑/↓ (k/j) and Enter; Esc is No.
import type { Overlay, OverlayResult } from '../app/overlay.js';
import type { Key } from '../term/keys.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { wrapLine } from '../term/wrap.js';
import { typedKeys } from './typed-keys.js';

export type TrustChoice = 'trust' | 'read-only';

export interface TrustScreenOptions {
  /** The directory shown and trusted (the repository root). */
  dir: string;
  /** Save the decision; throws with a message when it cannot. */
  save(): void;
  onDone(choice: TrustChoice): void;
  /** Closed without a decision (Ctrl+C). */
  onAbort(): void;
  /**
   * Close this screen and hand on the keys typed after the answer (they belong to the
   * composer). Called once, on the next turn of the event loop, so `onDone`'s consequences (the
   * configuration reloaded with the trusted defaults) come first; keys arriving meanwhile are
   * collected in order. Without it the screen closes at once and such keys are dropped.
   */
  handOn?(keys: Key[]): void;
}

const OPTIONS: Array<{ label: string; choice: TrustChoice }> = [
  { label: 'Yes, trust this folder (Codex may edit files and run commands here)', choice: 'trust' },
  { label: 'No, stay read-only for this session', choice: 'read-only' },
];

export class TrustScreen implements Overlay {
  private selected = 0;
  private decided = false;
  private error: string | undefined;
  /** Keys after the answer, handed on together (see `handOn`). */
  private held: Key[] | undefined;

  constructor(private readonly o: TrustScreenOptions) {}

  handle(key: Key): OverlayResult {
    const keys = typedKeys(key);
    for (let i = 0; i < keys.length; i++) {
      if (this.held) {
        this.held.push(keys[i]!);
        continue;
      }
      if (this.handleOne(keys[i]!) !== 'close') continue;
      const handOn = this.o.handOn;
      if (!handOn) return 'close';
      const held: Key[] = (this.held = []);
      setImmediate(() => handOn(held));
    }
    return 'keep';
  }

  private handleOne(key: Key): OverlayResult {
    if (key.ctrl || key.meta) return 'keep';
    const t = key.name === 'text' ? key.text?.toLowerCase() : undefined;
    if (key.name === 'up' || t === 'k') this.selected = 0;
    else if (key.name === 'down' || key.name === 'tab' || t === 'j') this.selected = 1;
    else if (t === '1' || t === 'y') return this.choose('trust');
    else if (t === '2' || t === 'n' || key.name === 'escape') return this.choose('read-only');
    else if (key.name === 'enter') return this.choose(OPTIONS[this.selected]!.choice);
    return 'keep';
  }

  private choose(choice: TrustChoice): OverlayResult {
    if (choice === 'trust') {
      try {
        this.o.save();
      } catch (err: unknown) {
        this.error = `Could not save the trust decision: ${(err as Error).message}`;
        this.selected = 1;
        return 'keep';
      }
    }
    this.decided = true;
    this.o.onDone(choice);
    return 'close';
  }

  onClose(): void {
    if (!this.decided) this.o.onAbort();
  }

  render(width: number, maxRows: number): { lines: Line[] } {
    const lines: Line[] = [];
    lines.push([sp('> ', { dim: true }), sp('You are in ', { bold: true }), sp(sanitize(this.o.dir))]);
    lines.push([]);
    const para =
      'This folder is a git repository Codex has not been told about. Do you trust its contents? Files you do not trust can carry instructions aimed at the model (prompt injection). Your answer is saved in config.toml.';
    lines.push(...wrapLine([sp('  '), sp(para)], width, [sp('  ')]));
    lines.push([]);
    OPTIONS.forEach((opt, i) => {
      const sel = i === this.selected;
      lines.push(...wrapLine([sp(sel ? '› ' : '  ', { fg: 'cyan', bold: true }), sp(`${i + 1}. ${opt.label}`, sel ? { fg: 'cyan', bold: true } : undefined)], width, [sp('     ')]));
    });
    lines.push([]);
    if (this.error) {
      lines.push(...wrapLine([sp(`  ${this.error}`, { fg: 'red' })], width, [sp('  ')]));
      lines.push([]);
    }
    lines.push([sp('  Press enter to continue', { dim: true })]);
    return { lines: lines.slice(-Math.max(1, maxRows)) };
  }
}
