/**
 * Registers the service worker that keeps the app working offline (src/offline/sw.js, written
 * by the build). A new version waits until the learner chooses to reload, so a lesson in
 * progress never has its code swapped underneath it.
 */
export interface OfflineUpdate {
  /** Activates the waiting version and reloads the page once it controls it. */
  apply(): void;
}

export function registerServiceWorker(onUpdate: (update: OfflineUpdate) => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const announce = (waiting: ServiceWorker): void =>
    onUpdate({
      apply() {
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
          once: true,
        });
        waiting.postMessage('redis-sim:activate');
      },
    });
  navigator.serviceWorker
    .register(new URL('./sw.js', document.baseURI), { scope: './' })
    .then((registration) => {
      // Only an update is news: the first install just starts caching.
      if (registration.waiting !== null && navigator.serviceWorker.controller !== null) {
        announce(registration.waiting);
      }
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed' && navigator.serviceWorker.controller !== null) {
            announce(installing);
          }
        });
      });
    })
    .catch(() => {
      // Private windows and file:// refuse service workers; the app still works online.
    });
}
