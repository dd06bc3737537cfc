// Renders the answer chart from its JSON block (CSP: no inline scripts).
// Uses the shared window.MingzhangCharts initialiser when charts.js provides one.
(function () {
  "use strict";
  function init() {
    if (typeof window.echarts === "undefined") return;
    document.querySelectorAll("[data-ask-chart]").forEach(function (el) {
      var block = document.getElementById(el.getAttribute("data-ask-chart"));
      if (!block || el.dataset.ready) return;
      var option;
      try { option = JSON.parse(block.textContent); } catch (e) { return; }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option);
      el.dataset.ready = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
