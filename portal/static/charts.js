/* Mingzhang charts: renders every [data-chart] element with ECharts.
 * The chart option is a JSON block (<script type="application/json" id="…">) named by
 * data-chart, because the Content-Security-Policy forbids inline script code.
 * Options carry "mzUnit" (e.g. "亿元"); tooltips append it to every value. */
(function () {
  "use strict";
  var charts = [];

  function formatter(unit) {
    return function (value) {
      if (value === null || value === undefined || value === "-") { return "—"; }
      var text = typeof value === "number" ? value.toLocaleString("zh-CN") : String(value);
      return unit ? text + " " + unit : text;
    };
  }

  function render(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source || !window.echarts) { return; }
    var option;
    try { option = JSON.parse(source.textContent); } catch (err) { return; }
    option.tooltip = option.tooltip || {};
    option.tooltip.valueFormatter = formatter(option.mzUnit || "");
    (option.series || []).forEach(function (series) {
      if (series.mzUnit) { series.tooltip = { valueFormatter: formatter(series.mzUnit) }; }
    });
    var chart = window.echarts.init(el, null, { renderer: el.getAttribute("data-renderer") || "svg" });
    chart.setOption(option);
    el.setAttribute("data-chart-ready", "true");
    charts.push(chart);
  }

  function resizeAll() { charts.forEach(function (chart) { chart.resize(); }); }

  function boot() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), render);
    var pending;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(resizeAll, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
