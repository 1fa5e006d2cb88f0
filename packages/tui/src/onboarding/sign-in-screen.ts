// The sign-in step, shown when the provider needs OpenAI credentials and none exist, with
// Codex's three choices: 1. sign in with ChatGPT (the browser flow of @codex-ts/login: a
// local callback server, the URL shown and opened; Esc cancels), 2. sign in with a device
// code (`codex login --device-auth`: the URL and a one-time code are shown, the issuer is
// polled until the code is approved on any device; Esc cancels the polling), or 3. an API key
// typed or pasted into a field (stored as `{"auth_mode":"apikey","OPENAI_API_KEY":…}`, as
// `codex login --with-api-key` does). Esc goes back from a sub-step; Ctrl+C quits. Fast
// typing and pastes are read as the keys they stand for (typed-keys.ts).
import type { Overlay, OverlayResult } from '../app/overlay.js';
import type { Key } from '../term/keys.js';
import { sanitize, sp, type Line } from '../term/style.js';
import { truncate, wrapLine } from '../term/wrap.js';
import { typedKeys } from './typed-keys.js';

/** What the screen needs from @codex-ts/login (injected so the screen stays testable). */
export interface SignInActions {
  saveApiKey(key: string): Promise<void>;
  /** Start the browser sign-in: resolves with its URL, `done` and `cancel`. */
  startChatGpt(): Promise<{ authUrl: string; done: Promise<void>; cancel(): void }>;
  /** Start the device-code sign-in: `onCode` gets the URL and code; `done` settles when it ends. */
  startDeviceCode(onCode: (code: { verificationUrl: string; userCode: string }) => void): { done: Promise<void>; cancel(): void };
}

export type SignInMethod = 'apikey' | 'chatgpt' | 'device';

export interface SignInScreenOptions {
  actions: SignInActions;
  onDone(method: SignInMethod): void;
  /** Closed without signing in (Ctrl+C). */
  onAbort(): void;
  /** Ask for a redraw after an asynchronous change. */
  redraw(): void;
  /** Close this overlay (after an asynchronous success). */
  close(): void;
  /** Keys typed after the sign-in was sent (they belong to the next screen or the composer). */
  handOn?(keys: Key[]): void;
  /** The choices offered (`forced_login_method` leaves out the others); default all three. */
  methods?: SignInMethod[];
}

type Step =
  | { kind: 'choose' }
  | { kind: 'apikey'; key: string; saving: boolean }
  | { kind: 'chatgpt'; url?: string; cancel?: () => void }
  | { kind: 'device'; url?: string; code?: string; cancel(): void };

const METHODS: Array<{ id: SignInMethod; label: string; hint: string }> = [
  { id: 'chatgpt', label: 'Sign in with ChatGPT', hint: 'Use the usage included with your ChatGPT plan' },
  { id: 'device', label: 'Sign in with Device Code', hint: 'Sign in from another device with a one-time code' },
  { id: 'apikey', label: 'Use an OpenAI API key', hint: 'Paid for per request on your API account' },
];

export class SignInScreen implements Overlay {
  private step: Step = { kind: 'choose' };
  private selected = 0;
  private error: string | undefined;
  private decided = false;
  /** Keys typed while the API key is being saved, handed on after. */
  private held: Key[] = [];
  private readonly methods: typeof METHODS;

  constructor(private readonly o: SignInScreenOptions) {
    this.methods = METHODS.filter((m) => !o.methods || o.methods.includes(m.id));
  }

  handle(key: Key): OverlayResult {
    for (const k of typedKeys(key)) this.handleOne(k);
    return 'keep';
  }

  private handleOne(key: Key): OverlayResult {
    if (this.decided || (this.step.kind === 'apikey' && this.step.saving)) {
      this.held.push(key);
      return 'keep';
    }
    switch (this.step.kind) {
      case 'choose':
        return this.handleChoose(key);
      case 'apikey':
        return this.handleKey(key, this.step);
      case 'chatgpt':
      case 'device':
        if (key.name === 'escape') {
          this.step.cancel?.();
          this.step = { kind: 'choose' };
        }
        return 'keep';
    }
  }

  private handleChoose(key: Key): OverlayResult {
    const t = key.name === 'text' && !key.ctrl ? key.text : undefined;
    const last = this.methods.length - 1;
    if (key.name === 'up' || t === 'k') this.selected = Math.max(0, this.selected - 1);
    else if (key.name === 'down' || t === 'j') this.selected = Math.min(last, this.selected + 1);
    else if (key.name === 'tab') this.selected = this.selected === last ? 0 : this.selected + 1;
    else if (t !== undefined && /^[1-9]$/.test(t) && Number(t) <= this.methods.length) this.open(Number(t) - 1);
    else if (key.name === 'enter') this.open(this.selected);
    return 'keep';
  }

  private open(i: number): void {
    const id = this.methods[i]?.id;
    if (id === undefined) return;
    this.selected = i;
    this.error = undefined;
    if (id === 'apikey') {
      this.step = { kind: 'apikey', key: '', saving: false };
      return;
    }
    if (id === 'device') return this.openDevice();
    const step: Extract<Step, { kind: 'chatgpt' }> = { kind: 'chatgpt' };
    this.step = step;
    this.o.actions.startChatGpt().then(
      (flow) => {
        if (this.step !== step) return flow.cancel();
        step.url = flow.authUrl;
        step.cancel = () => flow.cancel();
        this.o.redraw();
        flow.done.then(
          () => this.finish('chatgpt'),
          (err: unknown) => {
            if (this.step !== step) return; // cancelled by the user
            this.error = `Sign-in failed: ${(err as Error).message}`;
            this.step = { kind: 'choose' };
            this.o.redraw();
          },
        );
      },
      (err: unknown) => {
        this.error = `Could not start the sign-in: ${(err as Error).message}`;
        this.step = { kind: 'choose' };
        this.o.redraw();
      },
    );
  }

  private handleKey(key: Key, step: Extract<Step, { kind: 'apikey' }>): OverlayResult {
    if (key.name === 'escape') {
      this.step = { kind: 'choose' };
      this.error = undefined;
    } else if (key.name === 'backspace') {
      step.key = step.key.slice(0, -1);
    } else if ((key.name === 'text' || key.name === 'paste') && !key.ctrl && !key.meta && key.text) {
      step.key += key.text.replace(/[\r\n]/g, '');
      this.error = undefined;
    } else if (key.name === 'enter') {
      const value = step.key.trim();
      if (value === '') {
        this.error = 'Type or paste an API key first.';
        return 'keep';
      }
      step.saving = true;
      this.error = undefined;
      this.o.actions.saveApiKey(value).then(
        () => this.finish('apikey'),
        (err: unknown) => {
          step.saving = false;
          this.error = (err as Error).message;
          this.o.redraw();
        },
      );
    }
    return 'keep';
  }

  private openDevice(): void {
    const step: Extract<Step, { kind: 'device' }> = { kind: 'device', cancel: () => undefined };
    this.step = step;
    const flow = this.o.actions.startDeviceCode((c) => {
      if (this.step !== step) return;
      step.url = c.verificationUrl;
      step.code = c.userCode;
      this.o.redraw();
    });
    step.cancel = () => flow.cancel();
    flow.done.then(
      () => {
        if (this.step === step) this.finish('device');
      },
      (err: unknown) => {
        if (this.step !== step) return; // cancelled by the user
        this.error = `Sign-in failed: ${(err as Error).message}`;
        this.step = { kind: 'choose' };
        this.o.redraw();
      },
    );
  }

  private finish(method: SignInMethod): void {
    if (this.decided) return;
    this.decided = true;
    this.o.close();
    this.o.onDone(method);
    const held = this.held.splice(0);
    if (held.length) this.o.handOn?.(held);
  }

  onClose(): void {
    if (this.decided) return;
    if (this.step.kind === 'chatgpt' || this.step.kind === 'device') this.step.cancel?.();
    this.decided = true;
    this.o.onAbort();
  }

  render(width: number, maxRows: number): { lines: Line[]; cursor?: { row: number; col: number } } {
    const lines: Line[] = [[sp('  Welcome to Codex, a coding agent in your terminal', { bold: true })], []];
    let cursor: { row: number; col: number } | undefined;
    const wrap = (text: string, style?: Parameters<typeof sp>[1]): void => void lines.push(...wrapLine([sp('  '), sp(text, style)], width, [sp('  ')]));
    if (this.step.kind === 'choose') {
      wrap('Sign in to start. You can change this later with `codex login` or `codex logout`.');
      lines.push([]);
      this.methods.forEach((m, i) => {
        const sel = i === this.selected;
        lines.push([sp(sel ? '› ' : '  ', { fg: 'cyan', bold: true }), sp(`${i + 1}. ${m.label}`, sel ? { fg: 'cyan', bold: true } : undefined)]);
        lines.push([sp(`     ${m.hint}`, { dim: true })]);
        lines.push([]);
      });
      if (this.error) wrap(this.error, { fg: 'red' });
      lines.push([sp('  Press enter to continue · ctrl+c to quit', { dim: true })]);
    } else if (this.step.kind === 'apikey') {
      wrap('Paste or type your OpenAI API key. It is saved in CODEX_HOME/auth.json (readable only by you).');
      lines.push([]);
      const inner = Math.max(10, width - 4);
      const shown = this.step.key === '' ? '' : truncate(sanitize(this.step.key), inner - 1);
      lines.push([sp(`  ╭${'─'.repeat(inner)}╮`, { dim: true })]);
      cursor = { row: lines.length, col: 3 + shown.length };
      lines.push([sp('  │', { dim: true }), this.step.key === '' ? sp('sk-…'.padEnd(inner), { dim: true }) : sp(shown.padEnd(inner)), sp('│', { dim: true })]);
      lines.push([sp(`  ╰${'─'.repeat(inner)}╯`, { dim: true })]);
      if (this.error) wrap(this.error, { fg: 'red' });
      lines.push([sp(this.step.saving ? '  Saving…' : '  Press enter to save · esc to go back', { dim: true })]);
    } else if (this.step.kind === 'device') {
      if (this.step.code === undefined) wrap('Requesting a one-time code…');
      else {
        wrap('Open this address in a browser on any device and sign in:');
        lines.push([]);
        lines.push(...wrapLine([sp('  '), sp(sanitize(this.step.url ?? ''), { fg: 'cyan', underline: true })], width, [sp('  ')]));
        lines.push([]);
        wrap('Then enter this one-time code (it expires in 15 minutes):');
        lines.push([]);
        lines.push([sp('  '), sp(sanitize(this.step.code), { fg: 'cyan', bold: true })]);
      }
      lines.push([]);
      lines.push([sp('  Waiting for the code to be approved · esc to go back', { dim: true })]);
    } else {
      wrap(this.step.url ? 'Finish signing in in your browser. If it did not open, visit this address:' : 'Starting the sign-in…');
      if (this.step.url) {
        lines.push([]);
        lines.push(...wrapLine([sp('  '), sp(this.step.url, { fg: 'cyan' })], width, [sp('  ')]));
      }
      lines.push([]);
      lines.push([sp('  Waiting for the browser · esc to go back', { dim: true })]);
    }
    const cut = Math.max(0, lines.length - Math.max(1, maxRows));
    if (cursor) cursor = { row: cursor.row - cut, col: Math.min(cursor.col, width - 1) };
    return cursor && cursor.row >= 0 ? { lines: lines.slice(cut), cursor } : { lines: lines.slice(cut) };
  }
}
