// Draw the dashboard's charts from the same figures as its tables (json_script, no inline code).
(function () {
  var source = document.getElementById("dashboard-charts");
  if (!source || !window.Chart) return;
  var charts = JSON.parse(source.textContent);
  var colours = ["#0a58ca", "#198754", "#b35c00", "#6f42c1"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = charts[canvas.dataset.chart];
    if (!spec) return;
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.data,
            backgroundColor: colours[index % colours.length],
            borderColor: colours[index % colours.length],
          };
        }),
      },
      options: {
        animation: false,
        scales: { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked, beginAtZero: true } },
      },
    });
  });
})();
