/* Mingzhang charts: renders every [data-chart] element with ECharts.
 * The chart option is a JSON block (<script type="application/json" id="…">) named by
 * data-chart, because the Content-Security-Policy forbids inline script code.
 * Options carry "mzUnit" (e.g. "亿元"); tooltips append it to every value.
 * Layout adapts to the box a chart gets: on a phone a radar shrinks and breaks its axis names so
 * they are not clipped, and a legend gets room above the plot; on paper (print) legends are laid
 * out whole instead of scrolling, below the plot, and every chart is redrawn at its printed size. */
(function () {
  "use strict";
  var charts = [];
  // The chart bundle's (content-hashed) URL: run after the page's load event, so that the text,
  // figures and tables do not wait for it on a slow connection. Its download starts earlier, with the
  // page (a preload Link header), so by the load event it is usually there. A page may load it itself.
  var bundle = document.currentScript && document.currentScript.getAttribute("data-echarts");
  var NARROW = 520; // px: phones and narrow columns

  function formatter(unit) {
    return function (value) {
      if (value === null || value === undefined || value === "-") { return "—"; }
      var text = typeof value === "number" ? value.toLocaleString("zh-CN") : String(value);
      return unit ? text + " " + unit : text;
    };
  }

  function breakName(name) {
    // 「民生支出占比（%）」 -> two lines, so a radar axis name needs half the width
    return String(name).replace("（", "\n（");
  }

  function layout(option, width, printing) {
    var narrow = width < NARROW;
    var out = {};
    if (option.radar) {
      out.radar = { radius: printing ? "58%" : narrow ? "50%" : option.radar.radius || "68%",
        center: printing ? ["50%", "46%"] : option.radar.center || ["50%", "50%"],
        axisName: { formatter: breakName, fontSize: narrow ? 11 : 12, color: "#333" } };
    }
    if (option.legend && option.legend.show !== false) {
      // A changed legend type replaces the component: carry every original setting over.
      out.legend = Object.assign({}, option.legend, { type: printing ? "plain" : option.legend.type || "plain" });
    }
    if (option.grid && option.legend && option.legend.show !== false && option.legend.top !== undefined) {
      var top = option.grid.top || 40;
      var named = [].concat(option.yAxis || []).some(function (axis) { return axis && axis.name; });
      // A whole legend wraps to two or three lines when printed: keep it, and the axis name under it,
      // off the plot. On a phone the scrolling legend keeps one line.
      out.grid = { top: printing ? Math.max(top, named ? 88 : 64) : narrow ? Math.max(top, named ? 60 : 44) : top };
    }
    return out;
  }

  function plain(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // ``extra`` merged into ``base`` the way setOption merges objects (arrays and values replace),
  // without changing ``base`` (kept for relayout).
  function merged(base, extra) {
    var out = Object.assign({}, base);
    Object.keys(extra).forEach(function (key) {
      out[key] = plain(base[key]) && plain(extra[key]) ? merged(base[key], extra[key]) : extra[key];
    });
    return out;
  }

  // Charts on screen first, then the rest in page order: what the reader looks at is drawn first.
  function onScreenFirst(elements) {
    var height = window.innerHeight || document.documentElement.clientHeight;
    var visible = [], later = [];
    elements.forEach(function (el) {
      var box = el.getBoundingClientRect();
      (box.bottom > 0 && box.top < height ? visible : later).push(el);
    });
    return visible.concat(later);
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
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    // One setOption with the layout for this box already merged in: a second call would lay out and
    // draw the whole chart again (it did, and doubled the time to the last chart on a phone).
    chart.setOption(merged(option, layout(option, el.clientWidth, false)));
    el.setAttribute("data-chart-ready", "true");
    charts.push({ chart: chart, el: el, option: option });
  }

  function relayout(printing) {
    charts.forEach(function (entry) {
      entry.chart.resize();
      entry.chart.setOption(layout(entry.option, entry.el.clientWidth, printing));
    });
  }

  function withEcharts(callback) {
    if (window.echarts || !bundle) { callback(); return; }
    var script = document.createElement("script");
    script.src = bundle;
    script.onload = callback;
    document.head.appendChild(script);
  }

  function boot() {
    onScreenFirst(Array.prototype.slice.call(document.querySelectorAll("[data-chart]"))).forEach(render);
    var pending;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () { relayout(false); }, 150);
    });
    // Print CSS gives charts an A4-sized box: redraw to fit it, with whole legends (and back after).
    window.addEventListener("beforeprint", function () { relayout(true); });
    window.addEventListener("afterprint", function () { relayout(false); });
    if (window.matchMedia) {
      var print = window.matchMedia("print");
      var onChange = function (event) { relayout(event.matches); };
      if (print.addEventListener) { print.addEventListener("change", onChange); } else if (print.addListener) { print.addListener(onChange); }
    }
  }

  function start() {
    if (document.querySelector("[data-chart]")) { withEcharts(boot); }
  }

  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
