/*
 * The service worker: after the first visit every file of the app is in the cache, so the
 * lessons work offline (a classroom without Wi-Fi, a projector on a plane). The build writes
 * the file list and a version into this template; a new version installs beside the old one
 * and the page announces it instead of swapping code under a running lesson.
 */
const VERSION = '__VERSION__';
const FILES = __PRECACHE__;
const CACHE = `redis-sim-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('redis-sim-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'redis-sim:activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // ignoreVary: module scripts are requested with an Origin header the precache lacked, and
  // a server's `Vary: Origin` would otherwise make every cached script miss when offline.
  event.respondWith(
    caches
      .match(request, { ignoreSearch: request.mode === 'navigate', ignoreVary: true })
      .then((hit) => hit ?? fetch(request)),
  );
});
