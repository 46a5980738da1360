// amparo's offline service worker. After a child's first visit it saves every page of the
// language being read, plus the shared files, so the whole language reads with no network.
// Pages come from the network first (so a rebuilt site shows at once when online) and from
// the saved copy when the network fails. Caches of older builds are deleted.
const VERSION = "__VERSION__";
const PREFIX = "amparo-";
const CURRENT = PREFIX + VERSION + "-";
// Recordings the child chose to save are kept across builds.
const AUDIO = PREFIX + "audio";
const TIMEOUT_MS = 4000;
// Set when the child removes the site from the phone: from then on nothing is saved.
let forgotten = false;

self.addEventListener("install", () => self.skipWaiting());

// A new build: delete the old build's caches, then save again the languages the child had
// saved, so what worked offline before keeps working (without holding up page loads).
self.addEventListener("activate", (event) => {
  let saved = [];
  event.waitUntil(
    caches.keys()
      .then((keys) => {
        const old = keys.filter((k) => k.startsWith(PREFIX) && !k.startsWith(CURRENT) && k !== AUDIO);
        saved = old.map((k) => k.slice(CURRENT.length)).filter((lang) => lang !== "visited");
        return Promise.all(old.map((k) => caches.delete(k)));
      })
      .then(() => self.clients.claim())
      .then(() => { if (!forgotten) saved.forEach((lang) => precache(lang).catch(() => {})); })
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.forget === true) {
    forgotten = true;
    event.waitUntil(forgetAll());
    return;
  }
  if (forgotten) return;
  const audio = event.data && event.data.saveAudio;
  if (typeof audio === "string" && new URL(audio).origin === self.location.origin) {
    event.waitUntil(caches.open(AUDIO).then((c) => c.add(audio)).catch(() => {}));
    return;
  }
  const lang = event.data && event.data.precache;
  if (typeof lang === "string" && /^[A-Za-z0-9-]{2,35}$/.test(lang)) event.waitUntil(precache(lang));
});

// Deletes every cache of this site (the page deletes them too: this stops a save under way).
async function forgetAll() {
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith(PREFIX)).map((k) => caches.delete(k)));
}

async function precache(lang) {
  const cache = await caches.open(CURRENT + lang);
  const list = await (await fetch(lang + "/offline.json", { cache: "no-store" })).json();
  for (const url of list) {
    if (forgotten) return forgetAll();
    try {
      if (!(await cache.match(url))) await cache.add(new Request(url, { cache: "no-store" }));
    } catch (_) { /* one missing file must not stop the rest */ }
  }
  if (forgotten) return forgetAll();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

function langOf(url) {
  const rest = new URL(url).pathname.slice(new URL(self.registration.scope).pathname.length);
  return rest.split("/")[0];
}

async function networkFirst(request) {
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
    ]);
    if (response.ok && !forgotten) {
      const copy = response.clone();
      caches.open(CURRENT + "visited").then((c) => c.put(request, copy));
    }
    return response;
  } catch (_) {
    const saved = await caches.match(request, { ignoreSearch: true });
    if (saved) return saved;
    if (request.mode === "navigate") {
      const offline = await caches.match(new URL(langOf(request.url) + "/offline.html", self.registration.scope).href);
      if (offline) return offline;
    }
    return Response.error();
  }
}
