// Keeps the app shell (the SPA's HTML, JS and CSS) in the Cache Storage so the app opens
// with the edge unreachable (docs/billing-rules.md#sync). Data never goes through here: it lives in
// IndexedDB, and /v1/* and /s/* always go to the network.
import { self } from '$app/service-worker';
import { immutable, assets } from '$app/manifest';
import { version } from '$app/env';

const CACHE = `trueup-shell-${version}`;
// the fallback page as the edge serves it at the root (asking for /index.html redirects,
// and a redirected response cannot answer a navigation)
const SHELL = '/';
const PRECACHE = [SHELL, ...immutable.map((f) => `/${f.path}`), ...assets.map((f) => `/${f.path}`)];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(PRECACHE);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

function isApi(url: URL): boolean {
  return url.pathname.startsWith('/v1/') || url.pathname.startsWith('/s/');
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isApi(url)) return;

  if (request.mode === 'navigate') {
    // network first, so a new deployment shows up; the cached shell when the edge is down
    event.respondWith((async () => {
      try {
        const response = await fetch(request);
        if (response.ok && !response.redirected) {
          const cache = await caches.open(CACHE);
          await cache.put(SHELL, response.clone());
        }
        return response;
      } catch {
        const cached = await caches.match(SHELL);
        return cached ?? new Response('trueup is offline and its app shell is not cached yet.', { status: 503 });
      }
    })());
    return;
  }

  event.respondWith((async () => {
    const cached = await caches.match(request);
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok && !response.redirected && url.pathname.startsWith('/_app/')) {
      const cache = await caches.open(CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  })());
});
