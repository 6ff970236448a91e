import { defineRedisSimElement } from './redis-sim-element.ts';

/**
 * `embed.js`: the one script a blog pastes. Built as a classic script (no imports, no module
 * type needed); it finds the app beside itself from its own URL, so the static site can live
 * at any path.
 */
const script = document.currentScript;
const self = script instanceof HTMLScriptElement && script.src !== '' ? script.src : location.href;
defineRedisSimElement(new URL('./', self));
