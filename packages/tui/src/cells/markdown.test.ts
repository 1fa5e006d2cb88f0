import { describe, expect, it } from 'vitest';
import { plain } from '../term/style.js';
import { renderMarkdown } from './markdown.js';

const text = (md: string, width = 60): string[] => renderMarkdown(md, width).map(plain);

describe('renderMarkdown', () => {
  it('renders headings, lists, quotes and inline markup without the markers', () => {
    expect(text('# Title\n\n- one **two**\n  - nested `code`\n1. first\n> quoted')).toEqual([
      'Title',
      '',
      '• one two',
      '  • nested code',
      '1. first',
      '▌ quoted',
    ]);
    const spans = renderMarkdown('see [docs](https://x.test/a) now', 60)[0]!;
    expect(spans.find((s) => s.t === 'docs')?.s).toMatchObject({ underline: true, link: 'https://x.test/a' });
  });

  it('renders fenced code verbatim (indented, highlighted) and drops the fences', () => {
    const rows = renderMarkdown('```ts\nconst a = "x"; // c\n```', 60);
    expect(rows.map(plain)).toEqual(['  const a = "x"; // c']);
    expect(rows[0]!.find((s) => s.t === 'const')?.s?.fg).toBe('magenta');
    expect(rows[0]!.find((s) => s.t === '"x"')?.s?.fg).toBe('green');
  });

  it('renders a table with aligned columns that fits the width', () => {
    const rows = text('| a | long header |\n|---|---|\n| 1 | 2 |', 60);
    expect(rows).toEqual(['┌───┬─────────────┐', '│ a │ long header │', '├───┼─────────────┤', '│ 1 │ 2           │', '└───┴─────────────┘']);
    for (const r of text('| aaaaaaaaaaaaaaaaaaaa | bbbbbbbbbbbbbbbbbbbbbbbbb |\n|---|---|\n| 1 | 2 |', 30)) expect(r.length).toBeLessThanOrEqual(30);
  });

  it('wraps list items under their text', () => {
    expect(text('- alpha beta gamma delta', 14)).toEqual(['• alpha beta', '  gamma delta']);
  });
});

describe('AgentCell (incremental)', () => {
  it('renders the same rows streamed delta by delta as all at once', async () => {
    const { AgentCell } = await import('./agent-cell.js');
    const md = '# T\n\npara one is here\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\n- x\n- y wraps around the narrow width';
    const whole = new AgentCell();
    whole.text = md;
    const streamed = new AgentCell();
    for (const ch of md) {
      streamed.text += ch;
      streamed.render(24);
    }
    expect(streamed.render(24).map(plain)).toEqual(whole.render(24).map(plain));
    expect(whole.render(24).map(plain)).toContain('    const b = 2;');
  });
});
