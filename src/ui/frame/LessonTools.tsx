import { memo, useRef, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { KeeperNotice, SceneKeeper } from '../../store/scene-keeper.ts';
import { saveBlob, stageToSvgText, svgTextToPng } from '../export/stage-image.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ConfirmReset } from './ConfirmReset.tsx';
import { describeLinkNotices, keepCatalogues, type KeepMessages } from './keep-messages.ts';

type Status = { readonly text: string; readonly error: boolean } | null;

/** The stage's main drawing: its largest SVG (a stage may hold small icons too). */
function stageSvg(stage: HTMLElement | null): SVGSVGElement | null {
  if (stage === null) return null;
  let best: SVGSVGElement | null = null;
  let area = 0;
  for (const svg of stage.querySelectorAll('svg')) {
    const outer = svg.parentElement?.closest('svg') ?? null;
    if (outer !== null) continue;
    const box = svg.getBoundingClientRect();
    if (box.width * box.height > area) {
      best = svg;
      area = box.width * box.height;
    }
  }
  return best;
}

function noticeText(t: KeepMessages, n: KeeperNotice): string {
  switch (n.kind) {
    case 'set-aside':
      return t.setAside(n.reason);
    case 'unavailable':
      return t.unavailable(n.reason);
    case 'quota':
      return t.quota(n.reason);
    case 'conflict':
      return t.conflict;
    case 'link':
      return t.linkIgnored(describeLinkNotices(t, n.notices));
    case 'link-knobs':
      return t.linkKnobs(n.reason);
    case 'link-act':
      return t.linkAct(n.reason);
  }
}

/** What the keeper has to say (storage, a shared link), each dismissable. */
function KeeperNoticesOf<V>({ keeper }: { keeper: SceneKeeper<V> }) {
  const t = keepCatalogues[useI18n().lang];
  const notices = useStore(keeper.state, (s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="keeper-notices">
      {notices.map((n, i) => (
        <p key={i} className="notice" role="status">
          {noticeText(t, n)}{' '}
          {n.kind === 'conflict' ? (
            <>
              <button type="button" onClick={() => void keeper.takeTheirs()}>
                {t.takeTheirs}
              </button>{' '}
              <button type="button" onClick={() => void keeper.keepMine()}>
                {t.keepMine}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => keeper.dismiss(i)}>
              {t.dismiss}
            </button>
          )}
        </p>
      ))}
    </div>
  );
}

/** Memoised, like LessonTools: the frame renders every batch, the keeper's state rarely. */
export const KeeperNotices = memo(KeeperNoticesOf) as typeof KeeperNoticesOf;

/**
 * The frame's "Keep and share" tools: copy a link that replays this run, export the lesson
 * to a file and import one, export the stage for slides, and reset the lesson.
 */
function LessonToolsOf<V>({
  keeper,
  step,
  consoleNode,
  stage,
}: {
  keeper: SceneKeeper<V>;
  /** The narrative's step, counted from 1. */
  step: number;
  consoleNode: string | undefined;
  stage: RefObject<HTMLElement | null>;
}) {
  const t = keepCatalogues[useI18n().lang];
  const [status, setStatus] = useState<Status>(null);
  const [link, setLink] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const ready = useStore(keeper.state, (s) => s.phase === 'ready');

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } finally {
      setBusy(false);
    }
  };

  const copyLink = () =>
    run(async () => {
      const shared = await keeper.shareLink(step, consoleNode);
      const url = `${location.href.split('#')[0]}#${shared.hash}`;
      setLink(url);
      let copied = false;
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        // No clipboard (permission, insecure page): the link is shown to copy by hand.
      }
      const text = copied ? t.linkCopied : t.linkManual;
      setStatus({
        text: shared.dropped > 0 ? `${text} ${t.linkDropped(shared.dropped)}` : text,
        error: false,
      });
    });

  const exportLesson = () =>
    run(async () => {
      const out = await keeper.exportFile(step);
      saveBlob(new Blob([out.text], { type: 'application/json' }), out.name);
    });

  const importLesson = (chosen: File) =>
    run(async () => {
      const text = await chosen.text();
      const result = await keeper.importFile(text);
      setStatus(
        result.ok
          ? { text: t.imported, error: false }
          : { text: t.importFailed(result.reason), error: true },
      );
    });

  const exportStage = (kind: 'svg' | 'png') =>
    run(async () => {
      const svg = stageSvg(stage.current);
      if (svg === null) {
        setStatus({ text: t.noDrawing, error: true });
        return;
      }
      const name = `redis-sim-${keeper.scene}-step${step}.${kind}`;
      try {
        const text = stageToSvgText(svg);
        if (kind === 'svg') {
          saveBlob(new Blob([text], { type: 'image/svg+xml' }), name);
        } else {
          const box = svg.getBoundingClientRect();
          saveBlob(await svgTextToPng(text, box.width, box.height), name);
        }
      } catch (e) {
        setStatus({
          text: t.exportFailed(e instanceof Error ? e.message : String(e)),
          error: true,
        });
      }
    });

  const reset = () =>
    run(async () => {
      setConfirming(false);
      setLink(null);
      await keeper.resetLesson();
      setStatus({ text: t.lessonReset, error: false });
    });

  const disabled = !ready || busy;
  return (
    <section className="lesson-tools" aria-label={t.tools}>
      <div className="lesson-tools-buttons">
        <button type="button" disabled={disabled} onClick={() => void copyLink()}>
          {t.copyLink}
        </button>
        <button type="button" disabled={disabled} onClick={() => void exportLesson()}>
          {t.exportLesson}
        </button>
        <button type="button" disabled={disabled} onClick={() => file.current?.click()}>
          {t.importLesson}
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            e.target.value = '';
            if (chosen !== undefined) void importLesson(chosen);
          }}
        />
        <button type="button" disabled={disabled} onClick={() => void exportStage('svg')}>
          {t.exportSvg}
        </button>
        <button type="button" disabled={disabled} onClick={() => void exportStage('png')}>
          {t.exportPng}
        </button>
        <button
          type="button"
          disabled={disabled}
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
        >
          {t.resetLesson}
        </button>
      </div>
      {confirming && (
        <ConfirmReset
          label={t.resetLesson}
          question={t.resetLessonConfirm}
          onConfirm={() => void reset()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {link !== null && (
        <label className="share-link">
          {t.linkLabel}{' '}
          <input type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
        </label>
      )}
      {status !== null && (
        <p className={status.error ? 'notice' : 'hint'} role={status.error ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
    </section>
  );
}

/** Memoised: its props change with the step, not with every batch the frame renders. */
export const LessonTools = memo(LessonToolsOf) as typeof LessonToolsOf;
