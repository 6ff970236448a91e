import { Engine, ManualClock, SeededRng, formatReply, type Reply } from '../../src/engine/index.ts';

/** A fresh engine on a hand-moved clock, with a helper that runs one command. */
export function testEngine(startMs = 1_700_000_000_000) {
  const clock = new ManualClock(startMs * 1000);
  const engine = new Engine({ clock, rng: new SeededRng(42) });
  const session = engine.createSession();
  /** Runs a command that must reply at once (a command that blocks fails the test). */
  const run = (...argv: string[]): Reply => {
    const reply = engine.execute(session, argv);
    if (reply === undefined) throw new Error(`${argv.join(' ')} blocked`);
    return reply;
  };
  /** The reply as redis-cli prints it, the form a learner sees. */
  const cli = (...argv: string[]): string => formatReply(run(...argv));
  return { engine, clock, session, run, cli };
}
