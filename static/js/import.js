// Apply an import while showing its progress. Without JavaScript the form posts normally.
(function () {
  var form = document.getElementById("apply-form");
  if (!form || !window.fetch) return;
  var bar = document.getElementById("import-progress");
  var fill = bar.querySelector(".progress-bar");
  var status = document.getElementById("import-status");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.querySelector("button").disabled = true;
    bar.classList.remove("d-none");
    status.textContent = "Importing…";
    var timer = setInterval(function () {
      fetch(form.dataset.progressUrl, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (p) {
          if (!p.total) return;
          var percent = Math.round((100 * p.done) / p.total);
          fill.style.width = percent + "%";
          bar.setAttribute("aria-valuenow", String(percent));
          status.textContent = p.done + " of " + p.total + " meetings";
        });
    }, 700);
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
    })
      .then(function (r) { return r.json(); })
      .then(function (result) {
        clearInterval(timer);
        if (result.ok) {
          window.location = result.redirect;
        } else {
          status.textContent = "Nothing was imported: " + result.problems.join("; ");
          form.querySelector("button").disabled = false;
        }
      });
  });
})();
