// Charts for the comparison page and the white paper (no inline scripts: CSP script-src 'self').
// Each chart is an element with data-chart="ID", where ID names a <script type="application/json">
// block holding ECharts options built on the server.
(function () {
  "use strict";
  var charts = [];

  function readOptions(id) {
    var block = document.getElementById(id);
    if (!block) { return null; }
    try { return JSON.parse(block.textContent); } catch (e) { return null; }
  }

  function percentTooltips(options) {
    // Values on percentage axes read better with a unit in tooltips.
    if (options && options.yAxis && options.yAxis.name && options.yAxis.name.indexOf("%") !== -1 && options.tooltip) {
      options.tooltip.valueFormatter = function (v) { return v == null ? "—" : v + "%"; };
    }
    return options;
  }

  function init() {
    if (typeof window.echarts === "undefined") { return; }
    var nodes = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var options = readOptions(node.getAttribute("data-chart"));
      if (!options) { continue; }
      var chart = window.echarts.init(node, null, { renderer: "svg" });
      chart.setOption(percentTooltips(options));
      node.setAttribute("data-chart-ready", "1");
      charts.push(chart);
    }
    document.documentElement.setAttribute("data-charts-ready", String(charts.length));
  }

  function resizeAll() {
    for (var i = 0; i < charts.length; i++) { charts[i].resize(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    init();
    var buttons = document.querySelectorAll("[data-action='print']");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () { window.print(); });
    }
    var selectAll = document.querySelectorAll("[data-action='select-all']");
    for (var j = 0; j < selectAll.length; j++) {
      selectAll[j].addEventListener("click", function (event) {
        var scope = document.getElementById(event.currentTarget.getAttribute("data-target"));
        var boxes = scope ? scope.querySelectorAll("input[type=checkbox]") : [];
        var allOn = Array.prototype.every.call(boxes, function (b) { return b.checked; });
        Array.prototype.forEach.call(boxes, function (b) { b.checked = !allOn; });
      });
    }
  });
  window.addEventListener("resize", resizeAll);
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
