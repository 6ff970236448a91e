/**
 * The UI never blocks: each simulated scene of the production build plays at 10x in Chromium
 * for a while, and the page itself records its animation-frame gaps and long main-thread tasks.
 * The bench builds the app and starts and stops `vite preview` itself.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';

/** The scenes with a simulation to play (data-types is an explorer without a clock). */
const ALL_SCENES = [
  'single-thread',
  'memory',
  'cache',
  'persistence',
  'replication',
  'failover',
  'cluster',
  'jwt-rtr',
];
/** UI_BENCH_SCENES=cache,failover measures just those (looking into one scene). */
const SCENES = process.env.UI_BENCH_SCENES?.split(',') ?? ALL_SCENES;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/**
 * For looking into a slow scene: UI_BENCH_DIST serves an existing build instead of building
 * (to compare two builds side by side), UI_BENCH_PROFILE=<prefix> writes each scene's CPU
 * profile of the main thread (`<prefix>-<scene>.cpuprofile`, Chrome DevTools opens it).
 */
const DIST = process.env.UI_BENCH_DIST;
const PROFILE = process.env.UI_BENCH_PROFILE;
const FRAME_BAR_MS = 17;
const TASK_BAR_MS = 50;

/**
 * Runs in the page: animation-frame gaps and long tasks into `window.__uiBench`. A string, since
 * tsx's transform would wrap a function in helpers the page does not have.
 */
const RECORDER = `(() => {
  const bench = { deltas: [], tasks: [] };
  window.__uiBench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.tasks.push(e.duration);
  }).observe({ type: 'longtask' });
  let last = -1;
  const tick = (t) => {
    if (last >= 0) bench.deltas.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

export interface SceneFrames {
  scene: string;
  frames: number;
  p95FrameMs: number;
  longestTaskMs: number;
  tasksOver50: number;
  /** Main-thread CPU time (not wall time) a frame, and of the longest task: see threadCpu. */
  mainCpuPerFrameMs: number;
  longestTaskCpuMs: number;
  /** The simulation worker's CPU time as a share of the wall time played. */
  workerCpuShare: number;
  virtualSeconds: number;
  stillPlaying: boolean;
}

export interface UiFramesResult {
  playSeconds: number;
  load: string;
  scenes: SceneFrames[];
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answers at ${url}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * CPU time of the page's main thread and of its worker, from a Chrome trace: the top-level
 * tasks' thread time (`tdur`), which, unlike wall time, does not grow when other work on the
 * machine takes the core away. Frame gaps and long tasks measure what a learner sees;
 * these say how much of it the page itself costs.
 */
export function threadCpu(
  events: readonly TraceEvent[],
  windowMs: number,
): {
  main: number;
  longestMain: number;
  worker: number;
} {
  const names = new Map<string, string>();
  for (const e of events) {
    if (e.name === 'thread_name' && e.args?.name !== undefined) {
      names.set(`${e.pid}:${e.tid}`, e.args.name);
    }
  }
  const tasks = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = tasks.get(key);
    if (list === undefined) tasks.set(key, [e]);
    else list.push(e);
  }
  // Sums the outermost events of a thread (nested ones are inside their parents' time) in
  // the first `windowMs` of the trace: the frames were counted then, not while it is saved.
  let start = Infinity;
  for (const e of events) if (e.ph === 'X') start = Math.min(start, e.ts);
  const stop = start + windowMs * 1000;
  const top = (list: TraceEvent[]) => {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    let end = -1;
    let cpu = 0;
    let longest = 0;
    for (const e of list) {
      if (e.ts < end || e.ts > stop) continue;
      end = e.ts + e.dur!;
      cpu += e.tdur ?? 0;
      longest = Math.max(longest, e.tdur ?? 0);
    }
    return { cpu: cpu / 1000, longest: longest / 1000 };
  };
  // Closed pages' renderers may still be in the trace: the busiest of each kind is ours.
  let main = { cpu: 0, longest: 0 };
  let worker = { cpu: 0, longest: 0 };
  for (const [key, list] of tasks) {
    const name = names.get(key);
    if (name === 'CrRendererMain') {
      const t = top(list);
      if (t.cpu > main.cpu) main = t;
    } else if (name === 'DedicatedWorker thread') {
      const t = top(list);
      if (t.cpu > worker.cpu) worker = t;
    }
  }
  return { main: main.cpu, longestMain: main.longest, worker: worker.cpu };
}

async function measureScene(
  browser: Browser,
  page: Page,
  scene: string,
  playMs: number,
): Promise<SceneFrames> {
  await page.goto(`./#/${scene}`);
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  await page.getByRole('log').filter({ hasText: 'Simulation loaded' }).waitFor({ timeout: 60_000 });
  // The real Speed slider, by keyboard as a learner would: each press waits for the worker to
  // confirm the new speed, since the slider shows the speed in effect.
  const slider = controls.getByRole('slider', { name: /Speed/ });
  await slider.focus();
  for (let press = 0; (await slider.getAttribute('aria-valuetext')) !== '10×'; press++) {
    if (press > 100) throw new Error(`${scene}: the Speed slider never reached 10×`);
    const before = await slider.getAttribute('aria-valuetext');
    await slider.press('ArrowRight');
    for (let i = 0; i < 50 && (await slider.getAttribute('aria-valuetext')) === before; i++) {
      await page.waitForTimeout(50);
    }
  }

  const cdp = PROFILE === undefined ? undefined : await page.context().newCDPSession(page);
  if (cdp !== undefined) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  await page.evaluate(RECORDER);
  const started = Date.now();
  await controls.getByRole('button', { name: 'Play' }).click();
  await controls.getByRole('button', { name: 'Pause' }).waitFor();
  await page.waitForTimeout(playMs);
  const { deltas, tasks } = await page.evaluate<{ deltas: number[]; tasks: number[] }>(
    'window.__uiBench',
  );
  const traced = Date.now() - started;
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: TraceEvent[];
  };
  const cpu = threadCpu(trace.traceEvents, traced);
  if (cdp !== undefined) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(`${PROFILE}-${scene}.cpuprofile`, JSON.stringify(profile));
  }
  const clock = await page.getByTestId('sim-clock').textContent();
  // A scene may stop on its own (a race that finishes): say so rather than time an idle page.
  // No click on Pause: a swamped page may not take it in time; closing the page stops it.
  const stillPlaying = await controls.getByRole('button', { name: 'Pause' }).isVisible();

  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    scene,
    frames: deltas.length,
    p95FrameMs: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN,
    longestTaskMs: Math.max(0, ...tasks),
    tasksOver50: tasks.filter((d) => d > TASK_BAR_MS).length,
    mainCpuPerFrameMs: cpu.main / Math.max(1, deltas.length),
    longestTaskCpuMs: cpu.longestMain,
    workerCpuShare: cpu.worker / Math.max(1, traced),
    virtualSeconds: Number(clock?.split(' ')[0]),
    stillPlaying,
  };
}

export async function measureUiFrames(
  playSeconds = 10,
  port = Number(process.env.E2E_PORT ?? 4350),
): Promise<UiFramesResult> {
  if (DIST === undefined) {
    execFileSync('npm', ['run', '-s', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const baseURL = `http://127.0.0.1:${port}/`;
  const preview = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      ...(DIST === undefined ? [] : ['--outDir', DIST]),
    ],
    { stdio: 'ignore' },
  );
  const browser = await chromium
    .launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })
    .catch((e: unknown) => {
      preview.kill();
      throw e;
    });
  try {
    await waitForHttp(baseURL, preview);
    const load = execFileSync('uptime', { encoding: 'utf8' }).trim();
    const scenes: SceneFrames[] = [];
    for (const scene of SCENES) {
      const context = await browser.newContext({ baseURL, locale: 'en-US' });
      const page = await context.newPage();
      scenes.push(await measureScene(browser, page, scene, playSeconds * 1000));
      await context.close();
    }
    return { playSeconds, load, scenes };
  } finally {
    await browser.close();
    preview.kill();
  }
}

export function formatUiFrames(r: UiFramesResult): string {
  const ms = (n: number): string => n.toFixed(1);
  const worstFrame = Math.max(...r.scenes.map((s) => s.p95FrameMs));
  const worstTask = Math.max(...r.scenes.map((s) => s.longestTaskMs));
  const frameOk = r.scenes.every((s) => s.p95FrameMs < FRAME_BAR_MS);
  const taskOk = r.scenes.every((s) => s.tasksOver50 === 0);
  const verdict = (ok: boolean): string => (ok ? 'meets the bar' : 'BELOW the bar');
  return [
    `The production build in headless Chromium (${CHROMIUM}); each simulated scene set to 10× with its Speed slider, then played for ${r.playSeconds} s of wall time. The page records its \`requestAnimationFrame\` gaps and \`longtask\` entries (PerformanceObserver). Machine load at the start: \`${r.load}\` (2 cores shared with other work).`,
    '',
    'Frame gaps and long tasks are wall time: on a loaded machine they grow with the time the page waits for a core. The CPU columns come from a Chrome trace of the same run (thread time of the top-level tasks) and do not: main-thread CPU a frame is what the page itself costs, and the worker column is the simulation competing with it for the 2 cores.',
    '',
    '| scene | frames | p95 frame gap (ms) | longest task (ms) | tasks over 50 ms | main-thread CPU a frame (ms) | longest task CPU (ms) | worker CPU | virtual s reached | still playing at the end |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...r.scenes.map(
      (s) =>
        `| ${s.scene} | ${s.frames} | ${ms(s.p95FrameMs)} | ${ms(s.longestTaskMs)} | ${s.tasksOver50} | ${s.mainCpuPerFrameMs.toFixed(2)} | ${ms(s.longestTaskCpuMs)} | ${Math.round(s.workerCpuShare * 100)}% | ${s.virtualSeconds.toFixed(3)} | ${s.stillPlaying ? 'yes' : 'no'} |`,
    ),
    '',
    `- p95 frame time under ${FRAME_BAR_MS} ms in every scene (worst ${ms(worstFrame)} ms): ${verdict(frameOk)}.`,
    `- No main-thread task over ${TASK_BAR_MS} ms (longest ${ms(worstTask)} ms): ${verdict(taskOk)}.`,
  ].join('\n');
}
