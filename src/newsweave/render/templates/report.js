(function () {
  "use strict";
  // Data comes from JSON blocks and is written with textContent only: never as HTML.
  document.documentElement.classList.add("js");
  var refs = JSON.parse(document.getElementById("newsweave-refs").textContent);
  var docs = Array.prototype.slice.call(document.querySelectorAll("article.doc"));
  var info = document.getElementById("span-info");
  var viewer = document.getElementById("viewer");
  var lastSource = null;

  function isSideBySide() {
    return window.getComputedStyle(viewer).position === "sticky";
  }

  // Side by side, only the article pane scrolls, so the reader keeps their place in the brief.
  function reveal(target) {
    if (isSideBySide()) {
      var top = target.getBoundingClientRect().top - viewer.getBoundingClientRect().top + viewer.scrollTop;
      viewer.scrollTo({ top: top - viewer.clientHeight / 2, behavior: "smooth" });
    } else {
      target.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  function showDoc(index) {
    docs.forEach(function (doc) { doc.classList.toggle("shown", doc.dataset.doc === String(index)); });
  }

  function clearSelection() {
    document.querySelectorAll(".active, .selected").forEach(function (el) {
      el.classList.remove("active", "selected");
    });
  }

  function describe(numbers) {
    info.textContent = "";
    numbers.forEach(function (n) {
      var ref = refs[n];
      if (!ref) { return; }
      var p = document.createElement("p");
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = "[" + n + "] " + ref.outlet + " · " + ref.where + " ";
      var words = document.createElement("q");
      words.textContent = ref.text;
      p.appendChild(where);
      p.appendChild(words);
      info.appendChild(p);
    });
    if (lastSource && !isSideBySide()) {
      var back = document.createElement("button");
      back.type = "button";
      back.className = "back";
      back.textContent = "↑ Back to the brief";
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

  function numbersOf(el) {
    return el.dataset.refs.split(" ").filter(function (n) { return n !== ""; });
  }

  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-refs]:not(mark), a[data-doc]");
    if (!el) { return; }
    event.preventDefault();
    if (el.dataset.doc !== undefined && el.dataset.refs === undefined) {
      clearSelection();
      showDoc(el.dataset.doc);
      var doc = document.getElementById("doc-" + el.dataset.doc);
      if (isSideBySide()) { viewer.scrollTo({ top: doc.offsetTop - 8 }); } else { doc.scrollIntoView(); }
      return;
    }
    select(numbersOf(el), el);
  });

  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if ((event.key === "Enter" || event.key === " ") && el.classList && el.classList.contains("stmt")) {
      event.preventDefault();
      select(numbersOf(el), el);
    }
  });

  if (docs.length) { showDoc(docs[0].dataset.doc); }
})();
