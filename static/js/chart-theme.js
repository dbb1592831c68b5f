// Chart colours follow the page's light mode (light, dark, dim, or the device's choice): text,
// grid and tooltips take Bootstrap's CSS variables, the series take the --mh-chart-* variables in
// css/app.css, so dim keeps its low contrast and nothing is pure white in dark or dim. Read when
// a chart is drawn, and again when the mode changes (theme.js follows a device that turns dark).
// Load after Chart.js and before the scripts that draw (charts.js, journal-charts.js).
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  var root = document.documentElement;
  var drawn = [];

  function read(style, name, fallback) {
    return style.getPropertyValue(name).trim() || fallback;
  }

  // The current mode's colours, as the style sheet gives them on <html>.
  function palette() {
    var style = getComputedStyle(root);
    return {
      text: read(style, "--bs-body-color", "#212529"),
      grid: read(style, "--bs-border-color", "#dee2e6"),
      surface: read(style, "--bs-secondary-bg", "#e9ecef"),
      calm: read(style, "--mh-chart-calm", "#2f5d62"),
      warm: read(style, "--mh-chart-warm", "#b5562a"),
      soft: read(style, "--mh-chart-soft", "#8fb8b0"),
    };
  }

  // Chart.js routes every scale's ticks, titles and the legend to defaults.color, and grid lines
  // and axis borders to defaults.borderColor; its tooltip is white on black unless told.
  function useDefaults(colours) {
    var defaults = window.Chart.defaults;
    defaults.color = colours.text;
    defaults.borderColor = colours.grid;
    var tooltip = defaults.plugins.tooltip;
    tooltip.backgroundColor = colours.surface;
    tooltip.titleColor = colours.text;
    tooltip.bodyColor = colours.text;
    tooltip.footerColor = colours.text;
    tooltip.borderColor = colours.grid;
    tooltip.borderWidth = 1;
  }

  useDefaults(palette());

  // draw(canvas, colours => config): the config is made again from the new colours when the
  // mode changes, so the series change with the text and grid.
  function draw(canvas, configFor) {
    var entry = { canvas: canvas, configFor: configFor, chart: new window.Chart(canvas, configFor(palette())) };
    drawn.push(entry);
    return entry.chart;
  }

  function redraw() {
    var colours = palette();
    useDefaults(colours);
    drawn.forEach(function (entry) {
      entry.chart.destroy();
      entry.chart = new window.Chart(entry.canvas, entry.configFor(colours));
    });
  }

  if (window.MutationObserver) {
    new MutationObserver(redraw).observe(root, { attributes: true, attributeFilter: ["data-bs-theme", "data-theme-choice"] });
  }

  window.MigraineHeroesCharts = { draw: draw, palette: palette };
})();
