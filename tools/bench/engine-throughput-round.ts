/**
 * One process's share of the engine throughput bench (engine-throughput.ts starts one per
 * sample, so every sample gets a fresh JIT and heap). Each contender runs twice to warm up,
 * then `passes` more times, the order reversed on every pass so none always runs first or
 * last. Prints one JSON line: each contender's fastest pass in this process, in ops/s, timed
 * by the wall clock and by the CPU time the process spent (interference from other processes
 * only ever slows a pass down; CPU time leaves out the time spent waiting for a core).
 *
 * Usage: engine-throughput-round.ts <ops> <sliceOps> <passes>
 */
import { bareMap, engineRunner, mockRunner, type Runner } from './engine-contenders.ts';
import { argvOf, makeWorkload } from './workload.ts';

export interface RoundRates {
  map: number;
  engine: number;
  engineSlice: number;
  ioredisMock: number;
}

const [ops = 200_000, sliceOps = 20_000, passes = 5] = process.argv.slice(2).map(Number);
const workload = makeWorkload(ops);
const slice = workload.slice(0, sliceOps);
// The engine and the bare Map get the very same argv arrays, as a client would send them.
const argvs = workload.map(argvOf);
export interface RoundResult {
  wall: RoundRates;
  cpu: RoundRates;
}

const contenders: [keyof RoundRates, Runner, number][] = [
  ['map', bareMap(argvs), argvs.length],
  ['engine', engineRunner(argvs), argvs.length],
  ['engineSlice', engineRunner(slice.map(argvOf)), slice.length],
  ['ioredisMock', mockRunner(slice), slice.length],
];

const WARM_UP_PASSES = 2;
/** Fastest pass by the wall clock, and by the CPU time the process spent (all its threads). */
const best: RoundRates = { map: 0, engine: 0, engineSlice: 0, ioredisMock: 0 };
const bestCpu: RoundRates = { map: 0, engine: 0, engineSlice: 0, ioredisMock: 0 };
let kept: unknown;
for (let pass = 0; pass < WARM_UP_PASSES + passes; pass++) {
  const order = pass % 2 === 0 ? contenders : [...contenders].reverse();
  for (const [name, run, n] of order) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    kept = await run();
    const rate = n / (Number(process.hrtime.bigint() - start) / 1e9);
    const cpu = process.cpuUsage(cpuStart);
    const cpuRate = n / ((cpu.user + cpu.system) / 1e6);
    // The warm-up passes let the JIT see every path before anything is timed.
    if (pass >= WARM_UP_PASSES) {
      if (rate > best[name]) best[name] = rate;
      if (cpuRate > bestCpu[name]) bestCpu[name] = cpuRate;
    }
  }
}
process.stdout.write(JSON.stringify({ wall: best, cpu: bestCpu, kept: typeof kept }) + '\n');
