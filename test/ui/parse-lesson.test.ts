import { describe, expect, it } from 'vitest';
import {
  momentMicros,
  parseInline,
  parseLesson,
  parseMoment,
} from '../../src/ui/lesson/parse-lesson.ts';

const LESSON = `---
knobs: clients, ioThreads
faults: send-keys,  unlink
---
# One thread

## Many clients
at: 0s

Clients send commands into **one** queue.
The executor runs \`GET\` whole.

- first
- second with \`code\`

## Slow command
at: 1.5s
Try it:

\`\`\`redis
INCR counter

GET counter
\`\`\`

\`\`\`
not runnable
\`\`\`

## Marker step
at: slow-command
Text.
`;

describe('parseLesson', () => {
  it('splits a lesson into steps with moments, blocks and front matter', () => {
    const l = parseLesson(LESSON);
    expect(l.title).toBe('One thread');
    expect(l.meta).toEqual({ knobs: ['clients', 'ioThreads'], faults: ['send-keys', 'unlink'] });
    expect(l.steps.map((s) => s.title)).toEqual(['Many clients', 'Slow command', 'Marker step']);
    expect(l.steps.map((s) => s.at)).toEqual([
      { kind: 'time', micros: 0 },
      { kind: 'time', micros: 1_500_000 },
      { kind: 'marker', id: 'slow-command' },
    ]);
    const [p, list] = l.steps[0]!.blocks;
    expect(p).toEqual({
      kind: 'paragraph',
      inline: [
        { kind: 'text', text: 'Clients send commands into ' },
        { kind: 'strong', text: 'one' },
        { kind: 'text', text: ' queue. The executor runs ' },
        { kind: 'code', text: 'GET' },
        { kind: 'text', text: ' whole.' },
      ],
    });
    expect(list).toEqual({
      kind: 'list',
      items: [
        [{ kind: 'text', text: 'first' }],
        [
          { kind: 'text', text: 'second with ' },
          { kind: 'code', text: 'code' },
        ],
      ],
    });
    const code = l.steps[1]!.blocks.filter((b) => b.kind === 'code');
    expect(code.map((b) => b.kind === 'code' && b.commands)).toEqual([
      ['INCR counter', 'GET counter'],
      [],
    ]);
  });

  it('keeps markup inside code literal and never produces HTML', () => {
    expect(parseInline('`**x**` and <b>y</b>')).toEqual([
      { kind: 'code', text: '**x**' },
      { kind: 'text', text: ' and <b>y</b>' },
    ]);
  });

  it('says which line is wrong', () => {
    expect(() => parseLesson('text first\n## Step')).toThrow(/line 1: text before the first step/);
    expect(() => parseLesson('## A\nat: soon!\n')).toThrow(/line 2: bad moment 'soon!'/);
    expect(() => parseLesson('## A\n```redis\nGET k\n')).toThrow(
      /line 2: code block is not closed/,
    );
    expect(() => parseLesson('---\nknobs: a\n')).toThrow(/front matter has no closing/);
    expect(() => parseLesson('# Only a title')).toThrow(/at least one step/);
  });

  it('reads moments in ms and s, and resolves markers against the simulation', () => {
    expect(parseMoment('250ms')).toEqual({ kind: 'time', micros: 250_000 });
    expect(parseMoment('2')).toEqual({ kind: 'time', micros: 2_000_000 });
    const markers = [{ id: 'slow-command', at: 1_000_000 }];
    expect(momentMicros({ kind: 'marker', id: 'slow-command' }, markers)).toBe(1_000_000);
    expect(momentMicros({ kind: 'marker', id: 'nope' }, markers)).toBeNull();
    expect(momentMicros(null, markers)).toBeNull();
  });
});
