import { describe, expect, it } from 'vitest';
import type { Key } from '../term/keys.js';
import { plain } from '../term/style.js';
import { SignInScreen, type SignInMethod } from './sign-in-screen.js';
import { TrustScreen } from './trust-screen.js';
import { typedKeys } from './typed-keys.js';

const text = (t: string): Key => ({ name: 'text', text: t });
const tick = () => new Promise((r) => setImmediate(r));

function signIn(device?: { done: Promise<void> }) {
  const saved: string[] = [];
  const done: SignInMethod[] = [];
  const handedOn: Key[] = [];
  let cancelled = 0;
  let onCode: ((c: { verificationUrl: string; userCode: string }) => void) | undefined;
  const screen = new SignInScreen({
    actions: {
      saveApiKey: async (k) => void saved.push(k),
      startChatGpt: async () => ({ authUrl: 'http://x', done: new Promise(() => undefined), cancel: () => undefined }),
      startDeviceCode: (cb) => {
        onCode = cb;
        return { done: device?.done ?? new Promise(() => undefined), cancel: () => void (cancelled += 1) };
      },
    },
    onDone: (m) => void done.push(m),
    onAbort: () => undefined,
    redraw: () => undefined,
    close: () => undefined,
    handOn: (keys) => void handedOn.push(...keys),
  });
  const rows = (): string[] => screen.render(80, 30).lines.map((l) => plain(l).trimEnd());
  return { screen, saved, done, handedOn, rows, code: (c: { verificationUrl: string; userCode: string }) => onCode!(c), cancelled: () => cancelled };
}

describe('onboarding input', () => {
  it('typedKeys splits a burst or a paste into single keys (line breaks are Enter)', () => {
    expect(typedKeys({ name: 'paste', text: '1\r\nab\tc' })).toEqual([text('1'), { name: 'enter' }, text('a'), text('b'), { name: 'tab' }, text('c')]);
    expect(typedKeys(text('y'))).toEqual([text('y')]);
    expect(typedKeys({ name: 'up' })).toEqual([{ name: 'up' }]);
  });

  it('the API key field takes a burst, saves on Enter, and hands on keys typed while saving', async () => {
    const t = signIn();
    t.screen.handle(text('3sk-abc'));
    expect(t.rows().join('\n')).toContain('│sk-abc');
    t.screen.handle({ name: 'enter' });
    t.screen.handle(text('hi'));
    await tick();
    expect(t.saved).toEqual(['sk-abc']);
    expect(t.done).toEqual(['apikey']);
    expect(t.handedOn).toEqual([text('h'), text('i')]);
  });

  it('device code: shows the address and code, Esc cancels and goes back, a failure is shown', async () => {
    const t = signIn();
    t.screen.handle(text('2'));
    expect(t.rows().join('\n')).toContain('Requesting a one-time code');
    t.code({ verificationUrl: 'https://issuer.example/codex/device', userCode: 'ABCD-1234' });
    const shown = t.rows().join('\n');
    expect(shown).toContain('https://issuer.example/codex/device');
    expect(shown).toContain('ABCD-1234');
    t.screen.handle({ name: 'escape' });
    expect(t.cancelled()).toBe(1);
    expect(t.rows().join('\n')).toContain('2. Sign in with Device Code');

    let fail!: (e: Error) => void;
    const failing = signIn({ done: new Promise((_, rej) => (fail = rej)) });
    failing.screen.handle(text('2'));
    fail(new Error('device auth failed with status 500: boom'));
    await tick();
    expect(failing.rows().join('\n')).toContain('Sign-in failed: device auth failed with status 500: boom');

    const ok = signIn({ done: Promise.resolve() });
    ok.screen.handle({ name: 'down' });
    ok.screen.handle({ name: 'enter' });
    await tick();
    expect(ok.done).toEqual(['device']);
  });

  it('trust: an answer inside a burst decides at once and hands the rest on after, in order', async () => {
    const decided: string[] = [];
    const rest: Key[] = [];
    const s = new TrustScreen({ dir: '/r', save: () => void decided.push('saved'), onDone: (c) => void decided.push(c), onAbort: () => undefined, handOn: (k) => void rest.push(...k) });
    expect(s.handle({ name: 'paste', text: '1\nhi' })).toBe('keep');
    expect(decided).toEqual(['saved', 'trust']);
    // A key of the same read that comes after the burst waits with the rest.
    s.handle({ name: 'enter' });
    expect(rest).toEqual([]);
    await tick();
    expect(rest).toEqual([{ name: 'enter' }, text('h'), text('i'), { name: 'enter' }]);
    const plainOne = new TrustScreen({ dir: '/r', save: () => undefined, onDone: () => undefined, onAbort: () => undefined });
    expect(plainOne.handle(text('2'))).toBe('close');
  });
});

describe('forced_login_method', () => {
  it('offers only the allowed choices, numbered from 1', () => {
    const opts = (methods: SignInMethod[]) =>
      new SignInScreen({
        methods,
        actions: { saveApiKey: async () => undefined, startChatGpt: async () => ({ authUrl: '', done: new Promise(() => undefined), cancel: () => undefined }), startDeviceCode: () => ({ done: new Promise(() => undefined), cancel: () => undefined }) },
        onDone: () => undefined,
        onAbort: () => undefined,
        redraw: () => undefined,
        close: () => undefined,
      });
    const api = opts(['apikey']);
    const rows = (s: SignInScreen) => s.render(80, 30).lines.map((l) => plain(l).trimEnd()).join('\n');
    expect(rows(api)).toContain('1. Use an OpenAI API key');
    expect(rows(api)).not.toContain('ChatGPT');
    api.handle(text('1'));
    expect(rows(api)).toContain('Paste or type your OpenAI API key');
    const chatgpt = opts(['chatgpt', 'device']);
    expect(rows(chatgpt)).toContain('2. Sign in with Device Code');
    expect(rows(chatgpt)).not.toContain('API key');
    chatgpt.handle(text('3'));
    expect(rows(chatgpt)).toContain('Press enter to continue');
    chatgpt.handle(text('2'));
    expect(rows(chatgpt)).toContain('Requesting a one-time code');
  });
});
