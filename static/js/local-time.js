// A meeting held in another time zone than the visitor's: say when it is where they are. The
// visitor's zone is read in their browser and goes nowhere.
(function () {
  var here;
  try { here = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  var language = document.documentElement.lang || undefined;
  document.querySelectorAll(".your-time[data-start]").forEach(function (note) {
    if (!here || note.dataset.tz === here) { return; }
    var start = new Date(note.dataset.start);
    if (isNaN(start)) { return; }
    var time = start.toLocaleString(language, {
      weekday: "long", hour: "numeric", minute: "2-digit", timeZone: here
    });
    note.textContent = " " + note.dataset.says.replace("%(time)s", time);
    note.hidden = false;
  });
})();
