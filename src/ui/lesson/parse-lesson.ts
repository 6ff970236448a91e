/**
 * A lesson as a teacher writes it: a small markdown dialect, one file per scene and
 * language. Parsed into data here and rendered as React elements (never innerHTML), so a
 * lesson can hold nothing but text, emphasis, code and lists.
 *
 * ```
 * ---
 * knobs: clients, ioThreads          (the scene's settings the lesson talks about)
 * faults: send-keys, unlink          (the scene's actions, by id)
 * ---
 * # Lesson title
 * ## A step's title                  (one `##` heading a step)
 * at: 1.5s                           (its moment: 250ms, 2s, or a sim marker id)
 * A paragraph with **bold** and `code`.
 * - a list item
 * ```redis                           (runnable: each line is sent to the console)
 * INCR counter
 * ```
 * ```
 */

export type Inline = { readonly kind: 'text' | 'strong' | 'code'; readonly text: string };

export type Block =
  | { readonly kind: 'paragraph'; readonly inline: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  | {
      readonly kind: 'code';
      readonly lang: string;
      readonly code: string;
      /** Lines a click sends to the scene's console (only for ```redis blocks). */
      readonly commands: readonly string[];
    };

/** When a step happens: a virtual time, or a marker the simulation names. */
export type Moment =
  | { readonly kind: 'time'; readonly micros: number }
  | { readonly kind: 'marker'; readonly id: string };

export interface LessonStep {
  readonly title: string;
  readonly at: Moment | null;
  readonly blocks: readonly Block[];
}

export interface Lesson {
  readonly title: string | null;
  /** Front-matter lists (knobs, faults...), comma-separated in the file. */
  readonly meta: Readonly<Record<string, readonly string[]>>;
  readonly steps: readonly LessonStep[];
}

/** Text to inline runs: `code` first (nothing inside it is special), then **strong**. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const push = (kind: Inline['kind'], t: string) => {
    if (t === '') return;
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === kind && kind === 'text') {
      out[out.length - 1] = { kind, text: last.text + t };
    } else out.push({ kind, text: t });
  };
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let from = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    push('text', text.slice(from, m.index));
    if (m[1] !== undefined) push('code', m[1]);
    else push('strong', m[2]!);
    from = m.index + m[0].length;
  }
  push('text', text.slice(from));
  return out;
}

/** `12s`, `1.5s`, `250ms`, `0` → µs; a word → a marker; anything else throws. */
export function parseMoment(text: string): Moment {
  const t = text.trim();
  const time = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/.exec(t);
  if (time !== null) {
    const n = Number(time[1]);
    return { kind: 'time', micros: Math.round(time[2] === 'ms' ? n * 1000 : n * 1_000_000) };
  }
  if (/^[A-Za-z][\w:-]*$/.test(t)) return { kind: 'marker', id: t };
  throw new Error(`bad moment '${text}': expected 250ms, 2s or a marker id`);
}

interface Draft {
  title: string;
  at: Moment | null;
  blocks: Block[];
}

/** Parses a lesson; throws with the line number on what the dialect does not allow. */
export function parseLesson(source: string): Lesson {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const meta: Record<string, string[]> = {};
  let i = 0;
  if (lines[0]?.trim() === '---') {
    for (i = 1; i < lines.length && lines[i]!.trim() !== '---'; i++) {
      const m = /^([\w-]+):\s*(.*)$/.exec(lines[i]!.trim());
      if (m === null) {
        if (lines[i]!.trim() === '') continue;
        throw new Error(`line ${i + 1}: expected 'name: a, b' in the front matter`);
      }
      meta[m[1]!] = m[2]!.split(',').flatMap((s) => (s.trim() === '' ? [] : [s.trim()]));
    }
    if (i >= lines.length) throw new Error('the front matter has no closing ---');
    i++;
  }
  let title: string | null = null;
  const steps: Draft[] = [];
  let step: Draft | null = null;
  let para: string[] = [];
  let list: Inline[][] | null = null;

  const flush = () => {
    if (step === null) return;
    if (para.length > 0)
      step.blocks.push({ kind: 'paragraph', inline: parseInline(para.join(' ')) });
    if (list !== null) step.blocks.push({ kind: 'list', items: list });
    para = [];
    list = null;
  };

  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    const where = `line ${i + 1}`;
    if (line.startsWith('```')) {
      if (step === null) throw new Error(`${where}: code before the first step`);
      flush();
      const lang = line.slice(3).trim();
      const body: string[] = [];
      for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
      if (i >= lines.length) throw new Error(`${where}: code block is not closed`);
      const commands = lang === 'redis' ? body.map((l) => l.trim()).filter((l) => l !== '') : [];
      step.blocks.push({ kind: 'code', lang, code: body.join('\n'), commands });
      continue;
    }
    if (line.startsWith('## ')) {
      flush();
      step = { title: line.slice(3).trim(), at: null, blocks: [] };
      steps.push(step);
      continue;
    }
    if (line.startsWith('# ')) {
      if (steps.length > 0) throw new Error(`${where}: the title must come before the steps`);
      title = line.slice(2).trim();
      continue;
    }
    if (step === null) {
      if (line === '') continue;
      throw new Error(`${where}: text before the first step (start one with '## ')`);
    }
    const at = /^at:\s*(.+)$/.exec(line);
    if (at !== null && step.blocks.length === 0 && para.length === 0 && list === null) {
      try {
        step.at = parseMoment(at[1]!);
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`, { cause: e });
      }
      continue;
    }
    if (line === '') {
      flush();
      continue;
    }
    if (/^[-*] /.test(line)) {
      if (para.length > 0) flush();
      (list ??= []).push(parseInline(line.slice(2).trim()));
      continue;
    }
    if (list !== null) flush();
    para.push(line);
  }
  flush();
  if (steps.length === 0) throw new Error('a lesson needs at least one step (## heading)');
  return { title, meta, steps };
}

/** A step's moment in µs, given the simulation's markers; null when it has none. */
export function momentMicros(
  at: Moment | null,
  markers: readonly { readonly id: string; readonly at: number }[],
): number | null {
  if (at === null) return null;
  if (at.kind === 'time') return at.micros;
  return markers.find((m) => m.id === at.id)?.at ?? null;
}
