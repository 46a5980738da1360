// Search on the search page, with no network and no server: the language's index comes in a
// <script> (it calls amparoSearch), which works from file:// where fetch() does not. It is
// loaded when the box is first used, so the page itself stays light. Matching
// forgives what children type: no accents, any case, a word not finished yet, and one wrong,
// missing or extra letter in words of five letters or more. An apostrophe inside a word is a
// letter, as in K'iche' and Mam (k'aslemal).
(function () {
  // A box, not a <form>: nothing is ever sent anywhere.
  var form = document.querySelector(".search[role=search]");
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  if (!form || !input || !list) return;
  var pages = [];
  var indexHref = document.currentScript && document.currentScript.getAttribute("data-index");
  var loading = false;
  form.hidden = false;
  function load() {
    if (loading || !indexHref) return;
    loading = true;
    var s = document.createElement("script");
    s.src = indexHref;
    document.body.appendChild(s);
  }
  input.addEventListener("focus", load);
  input.addEventListener("input", function () { load(); run(); });
  var WORD = /[a-z0-9]+(?:'[a-z0-9]+)*/g;

  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[\u2019\u02bc]/g, "'");
  }
  function words(s) { return fold(s).match(WORD) || []; }

  // At most one letter changed, added or left out.
  function nearly(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (a.length < b.length) j++;
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  // How well the query word q matches the word w: 3 the same, 2 its start, 1 one letter off.
  function match(q, w) {
    if (w === q) return 3;
    if (w.lastIndexOf(q, 0) === 0) return 2;
    if (q.length >= 5 && (nearly(q, w) || (w.length > q.length && nearly(q, w.slice(0, q.length))))) return 1;
    return 0;
  }

  function best(q, set) {
    var top = 0;
    for (var i = 0; i < set.length && top < 3; i++) top = Math.max(top, match(q, set[i]));
    return top;
  }

  function unique(list) {
    var seen = {}, out = [];
    for (var i = 0; i < list.length; i++) if (!seen[list[i]]) { seen[list[i]] = 1; out.push(list[i]); }
    return out;
  }

  window.amparoSearch = function (data) {
    pages = data.map(function (p, i) {
      return {
        order: i, title: p[0], href: p[1], desc: p[2], shown: p[3], text: p[4],
        head: unique(words(p[0])), body: unique(words(p[2] + " " + p[4])),
      };
    });
    form.setAttribute("data-ready", "");
    run();
  };

  function run() {
    var query = unique(words(input.value));
    list.textContent = "";
    if (!query.length) return;
    var found = [];
    pages.forEach(function (p) {
      var score = 0;
      for (var i = 0; i < query.length; i++) {
        var s = Math.max(best(query[i], p.head) * 2, best(query[i], p.body));
        if (!s) return;
        score += s;
      }
      found.push({ page: p, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || a.page.order - b.page.order; });
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = input.getAttribute("data-none");
      list.appendChild(none);
      return;
    }
    found.slice(0, 20).forEach(function (f) { list.appendChild(result(f.page, query)); });
  }

  function result(p, query) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = p.href;
    a.textContent = p.title;
    li.appendChild(a);
    if (p.shown) {
      var small = document.createElement("small");
      small.textContent = " (" + p.shown + ")";
      li.appendChild(small);
    }
    li.appendChild(document.createElement("br"));
    li.appendChild(snippet(p.text || p.desc, query));
    return li;
  }

  // About twenty words around the first one that matches, the matching words marked.
  function snippet(text, query) {
    var tokens = text.split(/\s+/);
    var marks = tokens.map(function (t) {
      var w = words(t);
      return w.some(function (x) { return query.some(function (q) { return match(q, x) > 0; }); });
    });
    var first = Math.max(0, marks.indexOf(true));
    var from = Math.max(0, first - 8), to = Math.min(tokens.length, first + 14);
    var span = document.createElement("span");
    if (from > 0) span.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      var node = document.createTextNode(tokens[i]);
      if (marks[i]) { var m = document.createElement("mark"); m.appendChild(node); node = m; }
      span.appendChild(node);
      if (i < to - 1) span.appendChild(document.createTextNode(" "));
    }
    if (to < tokens.length) span.appendChild(document.createTextNode(" …"));
    return span;
  }
})();
