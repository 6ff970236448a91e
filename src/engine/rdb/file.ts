/**
 * Reads a whole RDB file (rdb.c rdbLoadRioWithLoadingCtx), as a master sends it in a full
 * sync: the header, auxiliary fields, database selectors, expire times and values (each in
 * the DUMP forms value.ts reads), up to the EOF opcode. Function libraries, module data and
 * streams are outside the engine: a file holding them is refused rather than half loaded.
 */
import type { EngineConfig } from '../config.ts';
import type { ZsetEnv } from '../datatypes/sorted-set.ts';
import type { RedisValue } from '../keyspace/values.ts';
import { ByteReader } from './bytes-io.ts';
import { loadPlainLen, loadString, loadValueBody } from './value.ts';

const Opcode = {
  function2: 0xf5,
  moduleAux: 0xf7,
  idle: 0xf8,
  freq: 0xf9,
  aux: 0xfa,
  resizeDb: 0xfb,
  expireMs: 0xfc,
  expireSec: 0xfd,
  selectDb: 0xfe,
  eof: 0xff,
} as const;

export interface RdbEntry {
  readonly db: number;
  readonly key: string;
  readonly value: RedisValue;
  /** Absolute Unix ms, or undefined for a key without a TTL. */
  readonly expireAtMs: number | undefined;
}

/** The keys of an RDB file in file order, or the reason it cannot be loaded. */
export function readRdbFile(
  payload: string,
  env: ZsetEnv & { config: EngineConfig },
): { entries: RdbEntry[] } | { error: string } {
  if (!payload.startsWith('REDIS')) return { error: 'Wrong signature trying to load DB' };
  const version = Number(payload.slice(5, 9));
  if (!Number.isInteger(version) || version < 1 || version > 10) {
    return { error: `Can't handle RDB format version ${payload.slice(5, 9)}` };
  }
  const r = new ByteReader(payload);
  r.pos = 9;
  const entries: RdbEntry[] = [];
  let db = 0;
  let expireAtMs: number | undefined;
  for (;;) {
    const type = r.byte();
    if (type === null) return { error: 'Short read or OOM loading DB' };
    switch (type) {
      case Opcode.eof:
        return { entries };
      case Opcode.selectDb: {
        const id = loadPlainLen(r);
        if (id === null) return { error: 'Short read' };
        db = id;
        continue;
      }
      case Opcode.resizeDb:
        if (loadPlainLen(r) === null || loadPlainLen(r) === null) return { error: 'Short read' };
        continue;
      case Opcode.aux:
        if (loadString(r) === null || loadString(r) === null) return { error: 'Short read' };
        continue;
      case Opcode.expireMs: {
        const when = r.le(8);
        if (when === null) return { error: 'Short read' };
        expireAtMs = Number(BigInt.asIntN(64, when));
        continue;
      }
      case Opcode.expireSec: {
        const when = r.le(4);
        if (when === null) return { error: 'Short read' };
        expireAtMs = Number(when) * 1000;
        continue;
      }
      case Opcode.freq:
        if (r.byte() === null) return { error: 'Short read' };
        continue;
      case Opcode.idle:
        if (loadPlainLen(r) === null) return { error: 'Short read' };
        continue;
      case Opcode.function2:
      case Opcode.moduleAux:
        return { error: 'functions and modules are outside the engine' };
      default: {
        const key = loadString(r);
        const value = key === null ? null : loadValueBody(type, r, env);
        if (key === null || value === null) return { error: `Bad data format (type ${type})` };
        entries.push({ db, key, value, expireAtMs });
        expireAtMs = undefined;
      }
    }
  }
}
