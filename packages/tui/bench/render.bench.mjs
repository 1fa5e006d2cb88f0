// In-process rendering cost: 10,000 streamed deltas through the real App and inline
// renderer (frame durations), the heap after a 2,000-message transcript in both modes, and
// the transcript pager opened over it (open, scroll and search times; heap with it open).
import { join } from 'node:path';

const tick = () => new Promise((res) => setImmediate(res));

function harness(tui, alt) {
  const out = { columns: 120, rows: 40, bytes: 0, write(d) { this.bytes += d.length; } };
  const durations = [];
  const engine = { submit: async () => '1', events: () => [] };
  const status = { model: 'm', cwd: '/w', sandbox: 'read-only', approval: 'never' };
  const turnSettings = { cwd: '/w', approval_policy: 'never', sandbox_policy: { type: 'read-only' }, model: 'm', summary: 'auto' };
  const app = new tui.App({ engine, status, turn: turnSettings, history: [], notify() {} }, (frame) => {
    const r = alt ? new tui.AltScreenRenderer(out, true, frame) : new tui.InlineRenderer(out, true, frame);
    const draw = r.draw.bind(r);
    r.draw = (final) => {
      const t = performance.now();
      draw(final);
      durations.push(performance.now() - t);
    };
    return r;
  });
  return { app, out, durations };
}

const ev = (msg) => ({ id: '1', msg });

export default async function renderBench(ctx) {
  const tui = await import(join(ctx.root, 'packages', 'tui', 'dist', 'embed.js'));
  const rows = [];
  {
    const { app, durations } = harness(tui, false);
    app.onEvent(ev({ type: 'task_started' }));
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      app.onEvent(ev({ type: 'agent_message_delta', delta: i % 40 === 39 ? `word${i}\n\n` : i % 400 === 0 ? '```js\nconst x = 1;\n```\n' : `word${i} ` }));
      if (i % 10 === 9) await new Promise((res) => setTimeout(res, 2)); // deltas arrive over ~3 s
    }
    app.onEvent(ev({ type: 'task_complete' }));
    await new Promise((res) => setTimeout(res, 50));
    const wall = performance.now() - t0;
    app.close();
    const max = Math.max(...durations);
    const sorted = [...durations].sort((a, b) => a - b);
    rows.push({ bench: 'tui-render', case: '10,000 deltas streamed (inline, 120x40)', wallMs: wall, target: 'no frame over 16 ms', pass: max <= 16, note: `${durations.length} frames, p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms, max ${max.toFixed(2)} ms` });
  }
  for (const alt of [false, true]) {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const { app, durations } = harness(tui, alt);
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) {
      app.submitText(`question number ${i}`);
      app.onEvent(ev({ type: 'agent_message', message: `Answer ${i}: some **markdown** with \`code\` and a list:\n\n- a\n- b\n` }));
      if (i % 20 === 19) await tick();
    }
    await new Promise((res) => setTimeout(res, 50));
    const wall = performance.now() - t0;
    globalThis.gc?.();
    const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    rows.push({ bench: 'tui-render', case: `2,000-message transcript (${alt ? 'full screen' : 'inline'})`, wallMs: wall, peakMiB: process.memoryUsage().rss / 2 ** 20, note: `heap grew ${grown.toFixed(1)} MiB${globalThis.gc ? '' : ' (no --expose-gc: rough)'}; max frame ${Math.max(...durations).toFixed(2)} ms` });
    // The transcript pager (Ctrl+T) open over those 2,000 messages: first frame (lays out every
    // cell at the width), then scrolling and a search; memory with it open.
    const drawn = durations.length;
    const tOpen = performance.now();
    app.onKey({ name: 't', ctrl: true });
    app.drawNow();
    const openMs = performance.now() - tOpen;
    for (let i = 0; i < 20; i++) {
      app.onKey({ name: 'pageup' });
      app.drawNow();
    }
    const scroll = durations.slice(drawn + 1);
    const tSearch = performance.now();
    app.onKey({ name: 'text', text: '/' });
    app.onKey({ name: 'text', text: 'question 1234' });
    app.onKey({ name: 'enter' });
    app.drawNow();
    const searchMs = performance.now() - tSearch;
    globalThis.gc?.();
    const withPager = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    rows.push({ bench: 'tui-render', case: `2,000-message transcript, pager open (${alt ? 'full screen' : 'inline'})`, wallMs: openMs, peakMiB: process.memoryUsage().rss / 2 ** 20, note: `open (lays out all cells) ${openMs.toFixed(1)} ms; page-up frame max ${Math.max(...scroll).toFixed(2)} ms; search ${searchMs.toFixed(1)} ms; heap ${withPager.toFixed(1)} MiB over the start${globalThis.gc ? '' : ' (no --expose-gc: rough)'}` });
    app.close();
  }
  return rows;
}
