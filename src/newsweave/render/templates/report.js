(function () {
  "use strict";
  // Data comes from JSON blocks and is written with textContent only: never as HTML.
  document.documentElement.classList.add("js");
  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  var refs = data("newsweave-refs");
  var facts = data("newsweave-facts");
  var docs = Array.prototype.slice.call(document.querySelectorAll("article.doc"));
  var info = document.getElementById("span-info");
  var viewer = document.getElementById("viewer");
  var panel = document.getElementById("compare");
  var panelTitle = document.getElementById("compare-title");
  var panelBody = document.getElementById("compare-body");
  var lastSource = null;
  var factSource = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function isSideBySide() {
    return window.getComputedStyle(viewer).position === "sticky";
  }

  // Side by side, only the article pane scrolls, so the reader keeps their place in the brief.
  function reveal(target) {
    if (isSideBySide()) {
      var top = target.getBoundingClientRect().top - viewer.getBoundingClientRect().top + viewer.scrollTop;
      viewer.scrollTo({ top: top - viewer.clientHeight / 3, behavior: "smooth" });
    } else if (panel.hidden) {
      target.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  function showDoc(index) {
    docs.forEach(function (doc) { doc.classList.toggle("shown", doc.dataset.doc === String(index)); });
  }

  function clearSelection() {
    document.querySelectorAll(".active, .selected").forEach(function (node) {
      node.classList.remove("active", "selected");
    });
  }

  function describe(numbers) {
    info.textContent = "";
    numbers.forEach(function (n) {
      var ref = refs[n];
      if (!ref) { return; }
      var p = el("p");
      p.appendChild(el("span", "where", "[" + n + "] " + ref.outlet + " · " + ref.where + " "));
      p.appendChild(el("q", "", ref.text));
      info.appendChild(p);
    });
    if (lastSource && !isSideBySide()) {
      var back = el("button", "back", "↑ Back to the brief");
      back.type = "button";
      back.addEventListener("click", function () {
        lastSource.scrollIntoView({ block: "center", behavior: "smooth" });
      });
      info.appendChild(back);
    }
  }

  function select(numbers, source) {
    clearSelection();
    lastSource = source || null;
    if (source) { source.classList.add("selected"); }
    var first = null;
    numbers.forEach(function (n) {
      document.querySelectorAll('mark[data-refs~="r' + n + '"]').forEach(function (mark) {
        mark.classList.add("active");
      });
      if (first === null && refs[n]) { first = n; }
    });
    describe(numbers);
    if (first === null) { return; }
    showDoc(refs[first].doc);
    var target = document.querySelector('mark[data-refs~="r' + first + '"]') ||
      document.getElementById("m-" + first);
    if (target) { reveal(target); }
  }

  function refPills(numbers) {
    var sup = el("sup", "refs");
    numbers.forEach(function (n) {
      var link = el("a", "ref", String(n));
      link.href = "#m-" + n;
      link.dataset.refs = String(n);
      link.title = "Show span " + n;
      sup.appendChild(link);
    });
    return sup;
  }

  // One outlet's sentence: pieces flagged "s" (shared with another outlet) and "c" (conflict).
  function sentence(pieces) {
    var p = el("p", "sentence");
    pieces.forEach(function (piece) {
      var flags = piece[1];
      if (!flags) { p.appendChild(document.createTextNode(piece[0])); return; }
      var classes = [];
      if (flags.indexOf("s") >= 0) { classes.push("shared"); }
      if (flags.indexOf("c") >= 0) { classes.push("conflict"); }
      p.appendChild(el("mark", classes.join(" "), piece[0]));
    });
    return p;
  }

  function column(col) {
    var box = el("div", "compare-col");
    box.dataset.role = col.role;
    var head = el("header");
    head.appendChild(el("h3", "", col.outlet));
    var role = col.role + (col.note ? " · " + col.note : "");
    head.appendChild(el("span", "role role-" + col.role, role));
    box.appendChild(head);
    var text = sentence(col.pieces);
    text.appendChild(refPills(col.refs));
    box.appendChild(text);
    box.appendChild(el("p", "where", col.where));
    return box;
  }

  // Each disagreement: its relation (contradict, differ, progression), then every side with
  // the outlets behind it and how many of them are independent.
  function disagreements(list) {
    var ul = el("ul", "compare-conflicts");
    list.forEach(function (item) {
      var li = el("li");
      li.dataset.relation = item.relation;
      li.appendChild(el("span", "badge " + item.relation, item.relation));
      li.appendChild(document.createTextNode(" " + item.slot + ": " + item.summary + " — "));
      item.sides.forEach(function (side, index) {
        if (index) { li.appendChild(document.createTextNode(" vs ")); }
        li.appendChild(el("strong", "side", side.value));
        li.appendChild(document.createTextNode(" (" + side.outlets.join(", ") + "; " + side.support + ")"));
      });
      ul.appendChild(li);
    });
    return ul;
  }

  // The status filter: show every fact, or only the facts of one status.
  var filterCount = document.querySelector(".status-filter .filter-count");
  function filterFacts(status) {
    var shown = 0;
    document.querySelectorAll(".status-filter button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.status === status));
    });
    document.querySelectorAll("tr.fact-row").forEach(function (row) {
      var visible = status === "all" || row.dataset.status === status;
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    if (filterCount) { filterCount.textContent = shown + (shown === 1 ? " fact" : " facts") + " shown"; }
  }

  function openFact(id, source) {
    var fact = facts[id];
    if (!fact) { return; }
    factSource = source || null;
    panelTitle.textContent = fact.text;
    panelBody.textContent = "";
    var meta = el("p", "compare-meta");
    meta.appendChild(el("span", "badge " + fact.status, fact.status));
    meta.appendChild(document.createTextNode(" " + fact.support + (fact.reason ? " — " + fact.reason : "")));
    panelBody.appendChild(meta);
    if (fact.disagreements.length) { panelBody.appendChild(disagreements(fact.disagreements)); }
    var cols = el("div", "compare-cols");
    fact.columns.forEach(function (col) { cols.appendChild(column(col)); });
    panelBody.appendChild(cols);
    panel.hidden = false;
    panel.dataset.fact = id;
    document.body.classList.add("comparing");
    panelTitle.focus({ preventScroll: true });
    var statement = source && source.classList.contains("stmt") ? source : null;
    if (source && !statement) { statement = source.querySelector(".stmt"); }
    select(fact.refs.map(String), statement);
  }

  function closeFact() {
    if (panel.hidden) { return; }
    panel.hidden = true;
    document.body.classList.remove("comparing");
    if (factSource && factSource.focus) { factSource.focus({ preventScroll: true }); }
  }

  function numbersOf(node) {
    return node.dataset.refs.split(" ").filter(function (n) { return n !== ""; });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("#compare-close")) { closeFact(); return; }
    var filter = event.target.closest(".status-filter button[data-status]");
    if (filter) { filterFacts(filter.dataset.status); return; }
    var pill = event.target.closest("a.ref");
    var factNode = pill ? null : event.target.closest("[data-fact]");
    if (factNode) {
      event.preventDefault();
      openFact(factNode.dataset.fact, factNode);
      return;
    }
    var node = event.target.closest("[data-refs]:not(mark), a[data-doc]");
    if (!node) { return; }
    event.preventDefault();
    if (node.dataset.doc !== undefined && node.dataset.refs === undefined) {
      clearSelection();
      showDoc(node.dataset.doc);
      var doc = document.getElementById("doc-" + node.dataset.doc);
      if (isSideBySide()) { viewer.scrollTo({ top: doc.offsetTop - 8 }); } else { doc.scrollIntoView(); }
      return;
    }
    select(numbersOf(node), node);
  });

  document.addEventListener("keydown", function (event) {
    var node = event.target;
    if (event.key === "Escape") { closeFact(); return; }
    if ((event.key === "Enter" || event.key === " ") && node.classList && node.classList.contains("stmt")) {
      event.preventDefault();
      if (node.dataset.fact) { openFact(node.dataset.fact, node); } else { select(numbersOf(node), node); }
    }
  });

  if (docs.length) { showDoc(docs[0].dataset.doc); }
})();
