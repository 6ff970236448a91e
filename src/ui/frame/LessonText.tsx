import { memo } from 'react';
import type { Block, Inline } from '../lesson/parse-lesson.ts';
import { useFrameText } from './useFrameText.ts';

function Runs({ inline }: { inline: readonly Inline[] }) {
  return (
    <>
      {inline.map((r, i) =>
        r.kind === 'strong' ? (
          <strong key={i}>{r.text}</strong>
        ) : r.kind === 'code' ? (
          <code key={i}>{r.text}</code>
        ) : (
          <span key={i}>{r.text}</span>
        ),
      )}
    </>
  );
}

/**
 * A step's blocks as React elements; a ```redis block gets a button that runs its lines.
 * Memoised: the frame renders every batch while the step's text stays the same.
 */
export const LessonText = memo(function LessonText({
  blocks,
  onRun,
}: {
  blocks: readonly Block[];
  onRun?: (commands: readonly string[]) => void;
}) {
  const t = useFrameText();
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'paragraph':
            return (
              <p key={i}>
                <Runs inline={b.inline} />
              </p>
            );
          case 'list':
            return (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>
                    <Runs inline={item} />
                  </li>
                ))}
              </ul>
            );
          case 'code':
            return (
              <div key={i} className="lesson-code">
                <pre>
                  <code>{b.code}</code>
                </pre>
                {b.commands.length > 0 && onRun !== undefined && (
                  <button type="button" className="run" onClick={() => onRun(b.commands)}>
                    {t.runCommand(b.commands.join('; '))}
                  </button>
                )}
              </div>
            );
        }
      })}
    </>
  );
});
