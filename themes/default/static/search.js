// Search on the search page, with no network and no server. The language's index is cut in
// parts, each a <script> that hands its data to amparoSearch (which works from file://, where
// fetch() does not); a query loads only the parts it needs: the list of parts (index.js), the
// words it looks for (t/N.js), and the pages it shows (p/N.js). Matching forgives what
// children type: no accents, any case, a word not finished yet (three letters or more), and,
// in words of five letters or more that find nothing as typed, one wrong, missing, extra or
// swapped letter (looked up in n/N.js). An apostrophe inside a word is a letter, as in K'iche'
// and Mam (k'aslemal).
(function () {
  // A box, not a <form>: nothing is ever sent anywhere.
  var box = document.querySelector(".search[role=search]");
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var me = document.currentScript;
  var indexHref = me && me.getAttribute("data-index");
  if (!box || !input || !list || !indexHref || !window.Promise) return;
  var base = indexHref.replace(/index\.js$/, "");
  var SHOWN = 10, PREFIX_FROM = 3, TYPO_FROM = 5;
  box.hidden = false;

  // Parts of the index, each loaded once: key ("t3") → a promise of its data (null when the
  // part cannot be read).
  var parts = {}, arrived = {};
  function part(key, src) {
    if (!parts[key]) {
      parts[key] = new Promise(function (resolve) {
        arrived[key] = resolve;
        var s = document.createElement("script");
        s.src = base + src;
        s.onerror = function () { resolve(null); };
        document.body.appendChild(s);
      });
    }
    return parts[key];
  }
  function got(key, data) {
    if (arrived[key]) { arrived[key](data); delete arrived[key]; }
  }
  window.amparoSearch = {
    index: function (data) { got("index", data); },
    terms: function (n, data) { got("t" + n, data); },
    near: function (n, data) { got("n" + n, data); },
    page: function (n, data) { got("p" + n, data); }
  };
  function manifest() {
    return part("index", "index.js").then(function (m) {
      if (m) box.setAttribute("data-ready", "");
      return m;
    });
  }
  // The number of the part, of those starting with `firsts`, that holds `key`.
  function partOf(firsts, key) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function terms(n) { return part("t" + n, "t/" + n + ".js"); }

  var WORD = /[a-z0-9]+(?:'[a-z0-9]+)*/g;
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[\u2019\u02bc]/g, "'");
  }
  function words(s) { return fold(s).match(WORD) || []; }
  function unique(a) {
    var seen = {}, out = [];
    for (var i = 0; i < a.length; i++) if (!seen[a[i]]) { seen[a[i]] = 1; out.push(a[i]); }
    return out;
  }

  // One letter changed, added or left out, or two letters next to each other swapped.
  function nearly(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  // How well the query word q matches the word w: 3 the same, 2 its start, 1 one letter off.
  function match(q, w) {
    if (w === q) return 3;
    if (q.length >= PREFIX_FROM && w.lastIndexOf(q, 0) === 0) return 2;
    if (q.length >= TYPO_FROM && nearly(q, w)) return 1;
    return 0;
  }

  // Adds to `scores` (page → score) the pages that hold `w`, from its postings "3*,2,a".
  function add(scores, postings, level) {
    var items = postings.split(","), page = 0;
    for (var i = 0; i < items.length; i++) {
      var title = items[i].charAt(items[i].length - 1) === "*";
      page += parseInt(title ? items[i].slice(0, -1) : items[i], 36);
      var s = level * (title ? 2 : 1);
      if (!(scores[page] >= s)) scores[page] = s;
    }
  }

  // The pages that hold the query word q, with how well: a promise of { page: score }.
  function find(m, q) {
    var first = partOf(m.terms, q);
    var last = q.length >= PREFIX_FROM ? partOf(m.terms, q + "\uffff") : first;
    var wanted = [];
    for (var n = first; n <= last; n++) wanted.push(terms(n));
    return Promise.all(wanted).then(function (loaded) {
      var scores = {}, any = false;
      loaded.forEach(function (t) {
        for (var w in t || {}) {
          var level = match(q, w);
          if (level >= 2) { add(scores, t[w], level); any = true; }
        }
      });
      if (any || q.length < TYPO_FROM) return scores;
      return typos(m, q);
    });
  }

  // Words one letter off q, through the keys q shares with them: q, and q less each letter.
  function typos(m, q) {
    var keys = [q];
    for (var i = 0; i < q.length; i++) keys.push(q.slice(0, i) + q.slice(i + 1));
    var wanted = unique(keys.map(function (k) { return partOf(m.near, k); }));
    return Promise.all(wanted.map(function (n) { return part("n" + n, "n/" + n + ".js"); }))
      .then(function (loaded) {
        var found = [];
        loaded.forEach(function (near) {
          keys.forEach(function (k) {
            if (near && Object.prototype.hasOwnProperty.call(near, k)) found = found.concat(near[k].split(" "));
          });
        });
        found = unique(found).filter(function (w) { return nearly(q, w); });
        return Promise.all(found.map(function (w) { return terms(partOf(m.terms, w)); }))
          .then(function (loaded) {
            var scores = {};
            found.forEach(function (w, i) { if (loaded[i] && loaded[i][w]) add(scores, loaded[i][w], 1); });
            return scores;
          });
      });
  }

  var asked = 0;
  function run() {
    var ask = ++asked, typed = input.value, query = unique(words(typed));
    if (!query.length) { show(ask, typed, query, [], 0); return; }
    manifest().then(function (m) {
      if (!m) return;
      return Promise.all(query.map(function (q) { return find(m, q); })).then(function (each) {
        var total = {}, pages = [];
        for (var p in each[0]) {
          var sum = 0;
          for (var i = 0; i < each.length && sum >= 0; i++) sum = each[i][p] ? sum + each[i][p] : -1;
          if (sum > 0) { total[p] = sum; pages.push(+p); }
        }
        pages.sort(function (a, b) { return total[b] - total[a] || a - b; });
        show(ask, typed, query, pages, 0);
      });
    });
  }

  // Shows the results from `from` on, SHOWN at a time, once their pages have arrived.
  function show(ask, typed, query, pages, from) {
    var some = pages.slice(from, from + SHOWN);
    Promise.all(some.map(function (n) { return part("p" + n, "p/" + n + ".js"); })).then(function (loaded) {
      if (ask !== asked) return;
      if (!from) list.textContent = "";
      var more = list.querySelector("li.more");
      if (more) list.removeChild(more);
      if (!pages.length && query.length) {
        var none = document.createElement("li");
        none.textContent = input.getAttribute("data-none");
        list.appendChild(none);
      }
      loaded.forEach(function (p) { if (p) list.appendChild(result(p, query)); });
      if (pages.length > from + SHOWN) {
        var li = document.createElement("li"), b = document.createElement("button");
        li.className = "more";
        b.type = "button";
        b.textContent = input.getAttribute("data-more");
        b.addEventListener("click", function () { show(ask, typed, query, pages, from + SHOWN); });
        li.appendChild(b);
        list.appendChild(li);
      }
      list.setAttribute("data-for", typed);
    });
  }

  function result(p, query) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = p.href;
    a.textContent = p.title;
    li.appendChild(a);
    if (p.shown_in) {
      var small = document.createElement("small");
      small.textContent = " (" + p.shown_in + ")";
      li.appendChild(small);
    }
    li.appendChild(document.createElement("br"));
    li.appendChild(snippet(p.text || p.description, query));
    return li;
  }

  // About twenty words around the first one that matches, the matching words marked. Most
  // words are plain ASCII and need no accents taken off, so only the others are folded.
  var ASCII = /^[\x00-\x7f]*$/;
  function hit(token, query) {
    var ws = ASCII.test(token) ? token.toLowerCase().match(WORD) || [] : words(token);
    for (var i = 0; i < ws.length; i++) {
      for (var j = 0; j < query.length; j++) if (match(query[j], ws[i]) > 0) return true;
    }
    return false;
  }
  function snippet(text, query) {
    var tokens = text.split(/\s+/);
    var first = 0;
    while (first < tokens.length && !hit(tokens[first], query)) first++;
    if (first === tokens.length) first = 0;
    var from = Math.max(0, first - 8), to = Math.min(tokens.length, first + 14);
    var span = document.createElement("span");
    if (from > 0) span.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      var node = document.createTextNode(tokens[i]);
      if (hit(tokens[i], query)) { var mk = document.createElement("mark"); mk.appendChild(node); node = mk; }
      span.appendChild(node);
      if (i < to - 1) span.appendChild(document.createTextNode(" "));
    }
    if (to < tokens.length) span.appendChild(document.createTextNode(" …"));
    return span;
  }

  input.addEventListener("focus", manifest);
  input.addEventListener("input", run);
})();
