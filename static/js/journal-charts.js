// The journal's charts, drawn from the JSON block on the page (the CSP allows no inline
// scripts). Every chart has a table with the same numbers, so nothing depends on this file.
(function () {
  "use strict";
  var source = document.getElementById("journal-charts-data");
  if (!source || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var calm = "#2f5d62", warm = "#b5562a", soft = "#8fb8b0";

  var configs = {
    daily: {
      type: "line",
      data: {
        labels: data.daily.labels,
        datasets: [
          { label: "Pain (0-10)", data: data.daily.pain, borderColor: warm, backgroundColor: warm, yAxisID: "pain", spanGaps: true },
          { label: "Mood (1-5)", data: data.daily.mood, borderColor: calm, backgroundColor: calm, yAxisID: "mood", spanGaps: true },
        ],
      },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { pain: { position: "left", min: 0, max: 10 }, mood: { position: "right", min: 1, max: 5, grid: { drawOnChartArea: false } } },
      },
    },
    months: {
      type: "bar",
      data: {
        labels: data.months.labels,
        datasets: [
          { label: "Headache days", data: data.months.headache_days, backgroundColor: soft },
          { label: "Migraine days", data: data.months.migraine_days, backgroundColor: calm },
        ],
      },
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    },
    triggers: {
      type: "bar",
      data: {
        labels: data.triggers.labels,
        datasets: [
          { label: "On the day (risk ratio)", data: data.triggers.same_day, backgroundColor: calm },
          { label: "The day after (risk ratio)", data: data.triggers.day_after, backgroundColor: soft },
        ],
      },
      options: { indexAxis: "y", animation: false, maintainAspectRatio: false,
                 scales: { x: { beginAtZero: true, title: { display: true, text: "1 = as often as without it" } } } },
    },
  };

  document.querySelectorAll("canvas[data-journal-chart]").forEach(function (canvas) {
    var config = configs[canvas.dataset.journalChart];
    if (config) new window.Chart(canvas, config);
  });
})();
