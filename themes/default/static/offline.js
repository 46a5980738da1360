// Saves this language's pages for reading offline, where the browser allows it (HTTPS or
// localhost). From a file:// copy or a plain-HTTP network nothing happens: pages work the same.
(function () {
  if (!("serviceWorker" in navigator) || !window.isSecureContext || location.protocol === "file:") return;
  if (document.querySelector('script[src="/_amparo/live.js"]')) return; // never in a preview
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var lang = document.documentElement.getAttribute("lang");
  navigator.serviceWorker.register(root + "sw.js").then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (!registration.active) return;
    registration.active.postMessage({ precache: lang });
    // Recordings are large: saved only when the child asks.
    var buttons = document.querySelectorAll(".save-audio");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (e) {
        var b = e.currentTarget;
        registration.active.postMessage({ saveAudio: new URL(b.getAttribute("data-src"), location.href).href });
        b.textContent = b.getAttribute("data-saved");
        b.disabled = true;
      });
    }
  }).catch(function () {});
})();
