// Follow an import that runs in the background: its progress, then the page again once it ends.
// Without JavaScript the page refreshes itself every few seconds instead.
(function () {
  var box = document.getElementById("import-under-way");
  if (!box || !window.fetch) return;
  var bar = document.getElementById("import-progress");
  var fill = bar.querySelector(".progress-bar");
  var status = document.getElementById("import-status");
  var timer = setInterval(function () {
    fetch(box.dataset.progressUrl, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.state === "done" || p.state === "failed") {
          clearInterval(timer);
          window.location.reload();
          return;
        }
        if (!p.total) return;
        var percent = Math.round((100 * p.done) / p.total);
        fill.style.width = percent + "%";
        bar.setAttribute("aria-valuenow", String(percent));
        status.textContent = "Importing: " + p.done + " of " + p.total + " meetings.";
      });
  }, 700);
})();
