import { useMemo, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { KnobPreset, KnobValue } from '../../../sim/scenes/knobs.ts';
import { simStoreFor } from '../../../store/sim-registry.ts';
import type { LogEntry } from '../../../store/sim-store.ts';
import { SceneSettings } from '../../frame/SceneSettings.tsx';
import { MetricChart } from '../../frame/MetricChart.tsx';
import { SceneFrame } from '../../frame/SceneFrame.tsx';
import { formatLatency } from '../../frame/time-format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { parseLesson } from '../../lesson/parse-lesson.ts';
import { Comparison } from './Comparison.tsx';
import { ModePicker } from './ModePicker.tsx';
import lessonEn from './lesson.en.md?raw';
import lessonKo from './lesson.ko.md?raw';
import { persistenceCatalogues, type PersistenceMessages } from './messages.ts';
import {
  REDIS,
  WRITER,
  lastLoss,
  marks,
  modeKnobs,
  modeOf,
  persistenceModel,
  survivors,
} from './model.ts';
import './persistence.css';
import { Stage } from './Stage.tsx';

const lessons = { en: parseLesson(lessonEn), ko: parseLesson(lessonKo) };

/** The learner crashes and restarts Redis with the buttons, so no crash is scripted. */
const DEFAULT_KNOBS: Record<string, KnobValue> = {
  crash: 'none',
  appendonly: 'no',
  appendfsync: 'everysec',
};
const SETTINGS = ['rate', 'keys', 'datasetMB'] as const;

const store = () => simStoreFor('persistence', persistenceModel, { seed: 1, knobs: DEFAULT_KNOBS });

const EMPTY = { t: [] as number[], values: [] as number[] };

function SaveRules({
  save,
  pattern,
  t,
  onApply,
}: {
  save: string;
  pattern: string;
  t: PersistenceMessages;
  onApply: (save: string) => void;
}) {
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const raw = new FormData(e.currentTarget).get('save');
    if (typeof raw === 'string') onApply(raw.trim().replace(/\s+/g, ' '));
  };
  return (
    <form className="ps-save" onSubmit={submit}>
      <label htmlFor="ps-save">{t.saveRules}</label>
      <input
        id="ps-save"
        name="save"
        defaultValue={save}
        pattern={pattern}
        spellCheck={false}
        aria-describedby="ps-save-hint"
      />
      <button type="submit">{t.applySave}</button>
      <small id="ps-save-hint" className="hint">
        {t.saveHint}
      </small>
    </form>
  );
}

export default function PersistenceScene() {
  const { lang, t: app } = useI18n();
  const t = persistenceCatalogues[lang];
  const s = store();
  const view = useStore(s, (x) => x.view);
  const info = useStore(s, (x) => x.info);
  const knobs = useStore(s, (x) => x.knobs);
  const series = useStore(s, (x) => x.series);
  const ready = useStore(s, (x) => x.status === 'ready');
  const values = info?.values ?? knobs;
  const presets = info?.presets ?? [];
  const settled = modeOf(values, presets);
  // The radio shows the learner's choice (the store takes it at once) while the world that
  // runs is still the one loaded before; the stage and the comparison follow the world.
  const mode = modeOf({ ...values, ...knobs }, presets);
  const aof = values['appendonly'] === 'yes';
  const fsync = String(values['appendfsync'] ?? 'everysec');
  const saveNow = typeof values['save'] === 'string' ? values['save'] : '';
  const saveSpec = info?.knobs.find((k) => k.name === 'save');
  // Back from an AOF-only mode (no rules), RDB takes the scene's default rules.
  const saveRule =
    saveNow.trim() === '' && saveSpec !== undefined ? String(saveSpec.default) : saveNow;
  const savePattern = saveSpec?.kind === 'text' ? saveSpec.pattern : '.*';
  const describeLog = useMemo(() => (e: LogEntry) => t.log[e.key]?.(e.args) ?? null, [t]);
  const m = marks(series);
  const risk = survivors(m, aof);
  const loss = view === undefined ? null : lastLoss(view);
  const status = view?.status ?? 'up';
  const down = status === 'killed' || status === 'powered-off';
  const switchMode = (next: KnobPreset) =>
    void s.getState().reload({ knobs: modeKnobs(next, saveRule) });

  return (
    <SceneFrame
      store={s}
      title={app.lessons.persistence.title}
      lesson={lessons[lang]}
      consoleNode={REDIS}
      describeLog={describeLog}
      stage={
        view === undefined ? null : (
          <Stage view={view} series={series} aof={aof} fsync={fsync} t={t} />
        )
      }
      controls={
        <div className="scene-controls ps-controls">
          <ModePicker presets={presets} current={mode} t={t} onPick={switchMode} />
          <SaveRules
            key={saveNow}
            save={saveNow}
            pattern={savePattern}
            t={t}
            onApply={(save) => void s.getState().reload({ knobs: { save } })}
          />
          <fieldset>
            <legend>{t.crashGroup}</legend>
            <button
              type="button"
              disabled={!ready || down}
              title={t.killHint}
              onClick={() => void s.getState().crash(REDIS, 'kill')}
            >
              {t.killProcess}
            </button>
            <button
              type="button"
              disabled={!ready || down}
              title={t.powerHint}
              onClick={() => void s.getState().crash(REDIS, 'power')}
            >
              {t.powerOff}
            </button>
            <button
              type="button"
              disabled={!ready || !down}
              title={t.restartHint}
              onClick={() => void s.getState().restart(REDIS)}
            >
              {t.restart}
            </button>
          </fieldset>
          <Comparison
            key={JSON.stringify(values)}
            t={t}
            modes={presets.map((p) => p.id)}
            current={settled}
            base={{
              save: saveRule,
              rate: Number(values['rate'] ?? 1000),
              keys: Number(values['keys'] ?? 10_000),
              datasetMB: Number(values['datasetMB'] ?? 256),
              crashAt: Number(values['crashAt'] ?? 25),
            }}
            measure={(x, base) => s.getState().comparePersistenceMode(x, base)}
          />
        </div>
      }
      metrics={
        <>
          <div className="ps-figures">
            <p>
              {t.lostWrites}: <output data-testid="lost-writes">{loss?.lost ?? 0}</output>
            </p>
            <p>
              {t.lossWindowLabel}:{' '}
              <output data-testid="loss-window-text">
                {loss === null || loss.lost === 0 ? t.noLoss : t.windowSeconds(loss.windowMicros)}
              </output>
            </p>
            {loss !== null && (
              <p>
                {t.reloadedFrom}:{' '}
                <output data-testid="reloaded-from">{t.sources[loss.source] ?? loss.source}</output>
              </p>
            )}
            <p>
              {t.atRiskKill}:{' '}
              <output data-testid="at-risk-kill">
                {down ? '—' : Math.max(0, m.ran - risk.kill)}
              </output>
            </p>
            <p>
              {t.atRiskPower}:{' '}
              <output data-testid="at-risk-power">
                {down ? '—' : Math.max(0, m.ran - risk.power)}
              </output>
            </p>
          </div>
          <MetricChart
            label={t.chartCow}
            t={series['persist:redis:cow']?.t ?? EMPTY.t}
            values={series['persist:redis:cow']?.values ?? EMPTY.values}
            format={(v) => `${(v / (1024 * 1024)).toFixed(1)} MB`}
            testId="chart-cow"
          />
          <MetricChart
            label={t.chartWrites}
            t={series[`client:${WRITER}:throughput`]?.t ?? EMPTY.t}
            values={series[`client:${WRITER}:throughput`]?.values ?? EMPTY.values}
            format={(v) => t.writesPerSecond(Math.round(v))}
            testId="chart-writes"
          />
          <MetricChart
            label={t.chartLatency}
            t={series[`client:${WRITER}:p99`]?.t ?? EMPTY.t}
            values={series[`client:${WRITER}:p99`]?.values ?? EMPTY.values}
            format={formatLatency}
            testId="chart-latency"
          />
        </>
      }
      settings={
        info === null ? undefined : (
          <SceneSettings
            store={s}
            idPrefix="ps-knob"
            shown={SETTINGS}
            labels={{ rate: t.settingsRate, keys: t.settingsKeys, datasetMB: t.settingsDataset }}
            apply={t.applySettings}
          />
        )
      }
    />
  );
}
