// The journal's charts, drawn from the JSON block on the page (the CSP allows no inline
// scripts). Every chart has a table with the same numbers, so nothing depends on this file.
// Colours come from the page's light mode (chart-theme.js).
(function () {
  "use strict";
  var source = document.getElementById("journal-charts-data");
  var charts = window.MigraineHeroesCharts;
  if (!source || typeof window.Chart === "undefined" || !charts) return;
  var data = JSON.parse(source.textContent);

  var configs = {
    daily: function (c) {
      return {
        type: "line",
        data: {
          labels: data.daily.labels,
          datasets: [
            { label: "Pain (0-10)", data: data.daily.pain, borderColor: c.warm, backgroundColor: c.warm, yAxisID: "pain", spanGaps: true },
            { label: "Mood (1-5)", data: data.daily.mood, borderColor: c.calm, backgroundColor: c.calm, yAxisID: "mood", spanGaps: true },
          ],
        },
        options: {
          animation: false, maintainAspectRatio: false,
          scales: { pain: { position: "left", min: 0, max: 10 }, mood: { position: "right", min: 1, max: 5, grid: { drawOnChartArea: false } } },
        },
      };
    },
    months: function (c) {
      return {
        type: "bar",
        data: {
          labels: data.months.labels,
          datasets: [
            { label: "Headache days", data: data.months.headache_days, backgroundColor: c.soft },
            { label: "Migraine days", data: data.months.migraine_days, backgroundColor: c.calm },
          ],
        },
        options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      };
    },
    triggers: function (c) {
      return {
        type: "bar",
        data: {
          labels: data.triggers.labels,
          datasets: [
            { label: "On the day (risk ratio)", data: data.triggers.same_day, backgroundColor: c.calm },
            { label: "The day after (risk ratio)", data: data.triggers.day_after, backgroundColor: c.soft },
          ],
        },
        options: { indexAxis: "y", animation: false, maintainAspectRatio: false,
                   scales: { x: { beginAtZero: true, title: { display: true, text: "1 = as often as without it" } } } },
      };
    },
  };

  document.querySelectorAll("canvas[data-journal-chart]").forEach(function (canvas) {
    var config = configs[canvas.dataset.journalChart];
    if (config) charts.draw(canvas, config);
  });
})();
