// Draw the charts described by JSON data blocks (no inline scripts: the CSP forbids them).
// Every chart also has a table with the same numbers, so nothing depends on this file.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;

  document.querySelectorAll("canvas[data-chart-source]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chartSource);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: data.unit === "%" ? "%" : "", data: data.values, backgroundColor: "#2f5d62" }],
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { min: 0, max: data.max || undefined, beginAtZero: true } },
      },
    });
  });
})();
