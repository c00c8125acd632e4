// "Use my location": the browser's position fills the directory's hidden lat/lon fields and the
// search is sent. The position goes nowhere else: it stays in this page's address, rounded to
// about a hundred metres.
(function () {
  var button = document.querySelector(".use-my-location");
  if (!button || !("geolocation" in navigator)) { return; }
  var form = button.closest("form");
  var status = document.getElementById("location-status");
  var note = document.querySelector(".use-my-location-note");
  // A place typed by hand replaces a position given earlier.
  form.querySelector("[name=near]").addEventListener("input", function () {
    form.querySelector("[name=lat]").value = "";
    form.querySelector("[name=lon]").value = "";
  });
  button.hidden = false;
  if (note) { note.hidden = false; }
  button.addEventListener("click", function () {
    status.textContent = button.dataset.locating;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(3);
        form.querySelector("[name=lon]").value = position.coords.longitude.toFixed(3);
        form.querySelector("[name=near]").value = "";
        form.submit();
      },
      function () { status.textContent = button.dataset.refused; status.classList.remove("visually-hidden"); },
      { maximumAge: 600000, timeout: 15000 }
    );
  });
})();
