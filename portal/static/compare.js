// Comparison page and report controls (no inline scripts: CSP script-src 'self').
// Charts themselves are drawn by charts.js from <script type="application/json"> blocks (which
// also redraws them for printing); this file adds the print button and "select all".
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-action='print']");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () { window.print(); });
    }
    var toggles = document.querySelectorAll("[data-action='select-all']");
    for (var j = 0; j < toggles.length; j++) {
      toggles[j].addEventListener("click", function (event) {
        var scope = document.getElementById(event.currentTarget.getAttribute("data-target"));
        var boxes = scope ? scope.querySelectorAll("input[type=checkbox]") : [];
        var allOn = Array.prototype.every.call(boxes, function (b) { return b.checked; });
        Array.prototype.forEach.call(boxes, function (b) { b.checked = !allOn; });
      });
    }
  });
})();
