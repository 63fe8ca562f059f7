// Faceted filtering of a list page: rows carry data-<facet> attributes (space-separated values).
(function () {
  "use strict";
  var form = document.getElementById("facets");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("#list tbody tr"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var out = document.getElementById("facet-count");
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (s) {
        if (!s.value) { return true; }
        var have = (row.getAttribute("data-" + s.getAttribute("data-facet")) || "").split(" ");
        return have.indexOf(s.value) >= 0;
      });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    out.textContent = shown + " / " + rows.length;
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  apply();
})();
