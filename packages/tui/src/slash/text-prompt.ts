// A one-line text prompt overlay (custom review instructions, the export file name): type,
// Enter submits when not blank, Esc goes back. Editing: Backspace, Ctrl+U, ←/→, Home/End.
import type { Overlay, OverlayResult } from '../app/overlay.js';
import type { Key } from '../term/keys.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { truncate, wrapLine } from '../term/wrap.js';

export interface TextPromptOptions {
  title: string;
  subtitle?: string;
  placeholder?: string;
  initial?: string;
  /** Return an error to show and keep the prompt open, or undefined to close it. */
  onSubmit(text: string): string | undefined;
  onCancel?(): void;
}

export class TextPrompt implements Overlay {
  private chars: string[];
  private pos: number;
  private error: string | undefined;

  constructor(private readonly o: TextPromptOptions) {
    this.chars = [...(o.initial ?? '')];
    this.pos = this.chars.length;
  }

  get text(): string {
    return this.chars.join('');
  }

  handle(key: Key): OverlayResult {
    switch (key.name) {
      case 'escape':
        this.o.onCancel?.();
        return 'close';
      case 'enter': {
        if (this.text.trim() === '') return 'keep';
        this.error = this.o.onSubmit(this.text.trim());
        return this.error === undefined ? 'close' : 'keep';
      }
      case 'backspace':
        if (this.pos > 0) this.chars.splice(--this.pos, 1);
        break;
      case 'delete':
        this.chars.splice(this.pos, 1);
        break;
      case 'left':
        this.pos = Math.max(0, this.pos - 1);
        break;
      case 'right':
        this.pos = Math.min(this.chars.length, this.pos + 1);
        break;
      case 'home':
        this.pos = 0;
        break;
      case 'end':
        this.pos = this.chars.length;
        break;
      case 'text':
      case 'paste': {
        const add = [...(key.text ?? '').replace(/[\r\n\t]+/g, ' ')];
        this.chars.splice(this.pos, 0, ...add);
        this.pos += add.length;
        break;
      }
      default:
        if (key.ctrl && key.name === 'u') {
          this.chars.splice(0, this.pos);
          this.pos = 0;
        } else if (key.ctrl && key.name === 'a') this.pos = 0;
        else if (key.ctrl && key.name === 'e') this.pos = this.chars.length;
        else return 'keep';
    }
    this.error = undefined;
    return 'keep';
  }

  render(width: number, maxRows: number): { lines: Line[]; cursor: { row: number; col: number } } {
    const lines: Line[] = [[sp(`  ${truncate(this.o.title, Math.max(4, width - 2))}`, { bold: true })]];
    if (this.o.subtitle) lines.push(...wrapLine([sp(`  ${sanitize(this.o.subtitle)}`, { dim: true })], width, [sp('  ')]));
    const row = lines.length;
    const room = Math.max(4, width - 4);
    // Keep the cursor visible: show the window of the text that holds it.
    const start = Math.max(0, this.pos - room + 1);
    const shown = sanitize(this.chars.slice(start, start + room).join(''));
    lines.push(this.chars.length === 0 && this.o.placeholder ? [sp('› ', { fg: 'cyan' }), sp(this.o.placeholder, { dim: true })] : [sp('› ', { fg: 'cyan' }), sp(shown)]);
    if (this.error) lines.push(...wrapLine([sp(`  ${sanitize(this.error)}`, { fg: 'red' })], width, [sp('  ')]));
    lines.push([sp('  enter submit · esc back', { dim: true })]);
    return { lines: lines.slice(0, Math.max(1, maxRows)), cursor: { row, col: Math.min(width - 1, 2 + this.pos - start) } };
  }
}
