// Client-side search over labels in both languages. The index (search-index.json) maps
// character bigrams of lower-cased labels to documents, so Chinese (no spaces between
// words) and English are both found by substring; candidates are then checked in full.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var root = form.getAttribute("data-root");
  var en = form.getAttribute("data-lang") === "en";
  var index = null;
  function grams(text) {
    var s = text.toLowerCase(), out = [];
    for (var i = 0; i + 1 < s.length; i++) { out.push(s.substr(i, 2)); }
    return out;
  }
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q || !index) { return []; }
    var cand = null;
    if (q.length >= 2) {
      grams(q).forEach(function (g) {
        var ids = index.grams[g] || [];
        if (cand === null) { cand = ids.slice(); }
        else { cand = cand.filter(function (id) { return ids.indexOf(id) >= 0; }); }
      });
    } else {
      cand = index.docs.map(function (d, i) { return i; });
    }
    return (cand || []).filter(function (id) {
      var d = index.docs[id];
      return (d.zh + "\n" + d.en).toLowerCase().indexOf(q) >= 0;
    }).slice(0, 200);
  }
  function show() {
    var hits = search(input.value);
    list.textContent = "";
    hits.forEach(function (id) {
      var d = index.docs[id];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + d.u + (en ? ".en.html" : ".html");
      a.textContent = (en && d.en) ? d.en : (d.zh || d.en);
      a.lang = (en && d.en) ? "en" : "zh";
      li.appendChild(a);
      li.appendChild(document.createTextNode(" · " + d.k));
      list.appendChild(li);
    });
    status.textContent = input.value.trim() ? (hits.length ? hits.length + " " + status.getAttribute("data-results") : status.getAttribute("data-none")) : "";
  }
  fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
    index = data;
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; }
    show();
  });
  input.addEventListener("input", show);
  form.addEventListener("submit", function (e) { e.preventDefault(); show(); });
})();
