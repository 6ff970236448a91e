/**
 * Execution times of real redis-server, measured by `npm run calibrate`
 * (tools/calibrate-cost-model.ts) through SLOWLOG. Generated: do not edit by hand.
 */
export const calibration = {
  measuredOn: '2026-11-28',
  redisVersion: '7.0.15',
  baseMicros: {
    get: 0.12,
    set: 0.35,
    incr: 0.37,
    lpush: 0.47,
    sadd: 1.97,
    hset: 1.26,
    zadd: 1.97,
    scan: 6,
    unlink: 12,
  },
  perUnitMicros: {
    keys: 0.7731623762376237,
    lrange: 0.08354321354321355,
    smembers: 0.4472047322047322,
    hgetall: 0.7977311157311158,
    zrange: 0.031786258786258785,
    del: 0.07545940594059405,
  },
  points: {
    keys: [
      {
        units: 10000,
        micros: 1534,
      },
      {
        units: 100000,
        micros: 77936,
      },
    ],
    lrange: [
      {
        units: 1000,
        micros: 30,
      },
      {
        units: 10000,
        micros: 344,
      },
      {
        units: 100000,
        micros: 8404,
      },
    ],
    smembers: [
      {
        units: 1000,
        micros: 85,
      },
      {
        units: 10000,
        micros: 873,
      },
      {
        units: 100000,
        micros: 45084,
      },
    ],
    hgetall: [
      {
        units: 1000,
        micros: 142,
      },
      {
        units: 10000,
        micros: 2674,
      },
      {
        units: 100000,
        micros: 80310,
      },
    ],
    zrange: [
      {
        units: 1000,
        micros: 43,
      },
      {
        units: 10000,
        micros: 253,
      },
      {
        units: 100000,
        micros: 3185,
      },
    ],
    del: [
      {
        units: 10000,
        micros: 414,
      },
      {
        units: 100000,
        micros: 7580,
      },
    ],
  },
} as const;
