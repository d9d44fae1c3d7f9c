// Decouple Lab's service worker: after one visit the page, its patterns and the engine
// open and run with no network. The build step (scripts/service_worker.sh) writes this
// build's id and the list of its files in place of the two markers below, so each
// release is a new worker that caches its own files and deletes the previous release's.
const BUILD = "__BUILD_ID__";
const FILES = __BUILD_FILES__;
const CACHE = `decouple-lab-${BUILD}`;
const PAGE = "./";
// On a classroom's bad Wi-Fi, waiting longer than this for a fresh page is worse than
// opening the cached one.
const NETWORK_WAIT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll([PAGE, ...FILES]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("decouple-lab-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The page itself: the network's newest (it names the newest hashed files), else
    // this release's copy. A shared link's diagram is in the fragment, never sent.
    event.respondWith(freshPage(request));
  } else {
    // Hashed files never change under their name: the cache answers first.
    event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
  }
});

async function freshPage(request) {
  const cached = () => caches.match(PAGE, { cacheName: CACHE });
  try {
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("slow network")), NETWORK_WAIT_MS));
    const response = await Promise.race([fetch(request), timeout]);
    if (response.ok) return response;
    return (await cached()) || response;
  } catch (error) {
    const page = await cached();
    if (page) return page;
    throw error;
  }
}
