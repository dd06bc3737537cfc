/* Mingzhang tile map: switches the metric a [data-tilemap] figure is coloured by, without reloading.
 * The server renders the map (tiles are links to each region's page) and puts every metric's colours,
 * texts and legend in a JSON block named by data-tilemap (the CSP forbids inline code). Without this
 * script the metric links reload the page with ?map=<metric>. */
(function () {
  "use strict";

  function legendItem(entry) {
    var item = document.createElement("li");
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = entry.colour;
    swatch.setAttribute("aria-hidden", "true");
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(entry.label));
    return item;
  }

  function show(figure, data, key) {
    var metric = data.metrics.filter(function (m) { return m.key === key; })[0];
    if (!metric) { return; }
    data.tiles.forEach(function (tile) {
      var el = figure.querySelector('.tile[data-code="' + tile.code + '"]');
      var shown = tile.shown[key];
      if (!el || !shown) { return; }
      el.style.background = shown.colour;
      el.style.color = shown.ink;
      el.querySelector(".tile-value").textContent = shown.text;
      el.querySelector(".tile-about").textContent = "（" + tile.name + metric.label + "）";
      el.title = tile.name + "：" + shown.text;
    });
    var legend = figure.querySelector(".tilemap-legend");
    legend.textContent = "";
    metric.legend.forEach(function (entry) { legend.appendChild(legendItem(entry)); });
    legend.setAttribute("aria-label", "图例：" + metric.label);
    Array.prototype.forEach.call(figure.querySelectorAll("[data-metric]"), function (link) {
      if (link.getAttribute("data-metric") === key) { link.setAttribute("aria-current", "true"); }
      else { link.removeAttribute("aria-current"); }
    });
    figure.setAttribute("data-metric-shown", key);
  }

  function boot(figure) {
    var source = document.getElementById(figure.getAttribute("data-tilemap"));
    var data;
    try { data = JSON.parse(source.textContent); } catch (err) { return; }
    figure.addEventListener("click", function (event) {
      var link = event.target.closest("[data-metric]");
      if (!link) { return; }
      event.preventDefault();
      show(figure, data, link.getAttribute("data-metric"));
    });
    figure.setAttribute("data-tilemap-ready", "true");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-tilemap]"), boot);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
