/* Migraine Heroes service worker: served at /sw.js (scope /) by core.views.service_worker,
 * which fills in the version, the offline page's address and the static files to precache.
 *
 * - Static files: cache first, since in production their names carry a hash of their content
 *   (a changed file is a new address). The ones every page links, the icons and every file in
 *   static/js are stored at install; others (Chart.js) the first time a page asks for them.
 *   While developing (plain names) the network comes first and the cache is only for offline,
 *   so an edited file is never hidden behind an old copy.
 * - Page loads: network first; when the network fails, the offline page. Pages are never
 *   stored: they are personal (Cache-Control: no-store). The only page kept is /offline/,
 *   fetched without cookies so that it is nobody's.
 * - Anything else, and every request that is not a GET (saving an attack is a POST), goes to
 *   the network untouched: the worker never answers it, from the cache or otherwise.
 *
 * Offline attack logging lives in the page: static/js/attack-offline.js (precached with the
 * rest of static/js once it exists) keeps an attack in IndexedDB and sends it when back online.
 */
"use strict";

const CACHE = "mh-{{ version }}";
const OFFLINE_URL = "{{ offline_url }}";
const STATIC_PREFIX = "{{ static_prefix }}";
const PRECACHE = {{ precache|safe }};
const HASHED_NAMES = {{ hashed_names|yesno:"true,false" }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([new Request(OFFLINE_URL, { credentials: "omit", cache: "reload" }), ...PRECACHE]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("mh-") && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => offlinePage()));
  } else if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(HASHED_NAMES ? cacheFirst(request) : networkFirst(request));
  }
});

async function offlinePage() {
  const cached = await caches.match(OFFLINE_URL, { cacheName: CACHE, ignoreVary: true });
  return cached || Response.error();
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  return cached || keep(cache, request, await fetch(request));
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    return keep(cache, request, await fetch(request));
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

// A copy of a static file for later; never a response marked personal.
function keep(cache, request, response) {
  const cacheControl = response.headers.get("Cache-Control") || "";
  if (response.ok && response.type === "basic" && !/no-store|private/i.test(cacheControl)) {
    cache.put(request, response.clone()).catch(() => {});
  }
  return response;
}
