// amparo serve: live reload and the error overlay. Injected only into pages served by
// `amparo serve`, never into `amparo build` output.
(function () {
  var KEY = "amparo-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var y = +saved;
    window.scrollTo(0, y);
    addEventListener("load", function () { window.scrollTo(0, y); });
  }
  var overlay = null;
  function hide() {
    if (overlay) { overlay.parentNode.removeChild(overlay); overlay = null; }
  }
  function el(tag, text) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    return e;
  }
  function show(diags) {
    hide();
    overlay = el("section");
    overlay.id = "amparo-overlay";
    overlay.setAttribute("role", "alert");
    var s = overlay.style;
    s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
    s.background = "#fff"; s.color = "#1b1b1b"; s.padding = "1rem"; s.font = "16px/1.5 system-ui, sans-serif";
    s.borderTop = ".5rem solid #a40000";
    var h = el("h2", diags.length + (diags.length === 1 ? " problem" : " problems") + " — the page below is the last good build");
    h.style.marginTop = "0";
    overlay.appendChild(h);
    diags.forEach(function (d) {
      var box = el("div");
      box.className = "amparo-diagnostic";
      box.style.borderLeft = ".3rem solid " + (d.severity === "error" ? "#a40000" : "#8a4b00");
      box.style.padding = ".25rem .75rem"; box.style.margin = "1rem 0";
      var place = d.path + (d.span ? ":" + d.span.line + ":" + d.span.column : "");
      var p = el("p"); var b = el("b", place); p.appendChild(b);
      p.appendChild(document.createTextNode(" — " + d.message));
      box.appendChild(p);
      if (d.source_line) {
        var pre = el("pre", d.source_line);
        pre.style.background = "#f2f2f2"; pre.style.padding = ".5rem"; pre.style.overflow = "auto";
        box.appendChild(pre);
      }
      if (d.help) box.appendChild(el("p", "How to fix it: " + d.help));
      overlay.appendChild(box);
    });
    var close = el("button", "Hide");
    close.style.minHeight = "48px"; close.style.fontSize = "1rem";
    close.onclick = hide;
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }
  function connect() {
    // Names the page shown, so that an edit that changes many pages renders this one first.
    var source = new EventSource("/_amparo/events?page=" + encodeURIComponent(location.pathname));
    // Says the stream is open, for tools (and tests) that wait on it rather than on a clock.
    source.onopen = function () { document.documentElement.setAttribute("data-amparo-live", "open"); };
    function reload() {
      sessionStorage.setItem(KEY, String(window.scrollY || window.pageYOffset || 0));
      location.reload();
    }
    // An update of some pages: reload only if this is one of them.
    source.addEventListener("reload-pages", function (e) {
      var here = decodeURIComponent(location.pathname).replace(/^\//, "");
      if (here === "" || /\/$/.test(here)) here += "index.html";
      if (JSON.parse(e.data).indexOf(here) >= 0) reload();
    });
    source.addEventListener("reload", function () {
      reload();
    });
    source.addEventListener("css", function (e) {
      var file = JSON.parse(e.data).file;
      var links = document.querySelectorAll('link[rel="stylesheet"]');
      for (var i = 0; i < links.length; i++) {
        var href = links[i].getAttribute("href");
        links[i].setAttribute("href", href.replace(/[^\/]*\.css$/, file));
      }
      hide();
    });
    source.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
  }
  connect();
})();
