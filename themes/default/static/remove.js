// "Remove this site from this phone": tells the offline worker to stop saving, unregisters
// it, deletes every cache and all storage the site used, then leaves for the neutral page
// without a history entry. Without JavaScript the button stays hidden and the page says how to
// clear the site's data in the browser's settings.
(function () {
  var button = document.getElementById("remove-site");
  if (!button) return;
  var hint = document.getElementById("remove-site-manual");
  if (hint) hint.hidden = true;
  button.hidden = false;
  function quiet(p) { return Promise.resolve(p).catch(function () {}); }
  function all(list, f) { return Promise.all(list.map(function (x) { return quiet(f(x)); })); }
  function clearCaches() {
    if (!window.caches) return Promise.resolve();
    return caches.keys().then(function (keys) { return all(keys, function (k) { return caches.delete(k); }); });
  }
  function workers() {
    var sw = navigator.serviceWorker;
    if (!sw || !sw.getRegistrations) return Promise.resolve();
    return sw.getRegistrations().then(function (regs) {
      return all(regs, function (r) {
        [r.installing, r.waiting, r.active].forEach(function (w) { if (w) w.postMessage({ forget: true }); });
        return r.unregister();
      });
    });
  }
  function databases() {
    if (!window.indexedDB || !indexedDB.databases) return Promise.resolve();
    return indexedDB.databases().then(function (dbs) {
      return all(dbs, function (d) { return indexedDB.deleteDatabase(d.name); });
    });
  }
  // Each step may fail (no worker from file://, no caches on plain HTTP): the next runs anyway.
  function step(f) { return function () { return quiet(Promise.resolve().then(f)); }; }
  button.addEventListener("click", function () {
    button.disabled = true;
    try { localStorage.clear(); } catch (e) {}
    try { sessionStorage.clear(); } catch (e) {}
    Promise.resolve()
      .then(step(workers))
      .then(step(clearCaches))
      .then(step(databases))
      // Once more: a save the worker had under way may have written after the first pass.
      .then(function () { return new Promise(function (r) { setTimeout(r, 300); }); })
      .then(step(clearCaches))
      .then(function () { location.replace(button.getAttribute("data-exit")); });
  });
})();
