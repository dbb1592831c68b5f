// Draw the charts described by JSON data blocks (no inline scripts: the CSP forbids them).
// Every chart also has a table with the same numbers, so nothing depends on this file. Colours
// come from the page's light mode (chart-theme.js).
(function () {
  "use strict";
  var charts = window.MigraineHeroesCharts;
  if (typeof window.Chart === "undefined" || !charts) return;

  document.querySelectorAll("canvas[data-chart-source]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chartSource);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    charts.draw(canvas, function (colours) {
      return {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: [{ label: data.unit === "%" ? "%" : "", data: data.values, backgroundColor: colours.calm }],
        },
        options: {
          indexAxis: "y",
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { x: { min: 0, max: data.max || undefined, beginAtZero: true } },
        },
      };
    });
  });
})();
