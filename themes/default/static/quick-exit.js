// Quick exit: the button, or Shift pressed alone three times (at most 5 s apart), hides the
// page at once and replaces it with a harmless one, so this site is not the page Back returns
// to. Without JavaScript the button is still a plain link to the same place.
(function () {
  var button = document.getElementById("quick-exit");
  var status = document.getElementById("quick-exit-status");
  if (!button) return;
  var target = button.getAttribute("href");
  var left = button.getAttribute("data-left") || "";
  function leave(event) {
    if (event) event.preventDefault();
    document.body.hidden = true;
    document.title = "";
    location.replace(target);
  }
  button.addEventListener("click", leave);
  // Coming back with Back shows the page again.
  addEventListener("pageshow", function () { document.body.hidden = false; });
  var count = 0, last = 0;
  addEventListener("keydown", function (e) {
    if (e.key !== "Shift") { count = 0; return; }
    if (e.repeat) return;
    var now = Date.now();
    count = now - last > 5000 ? 1 : count + 1;
    last = now;
    if (count >= 3) { count = 0; leave(); return; }
    if (status) status.textContent = left.replace("{n}", String(3 - count));
  });
})();
