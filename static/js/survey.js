// The survey form: when answers came back with a problem, move focus to the message that says
// so, so that screen reader and keyboard users hear it first.
(function () {
  var summary = document.getElementById("form-errors");
  if (summary) summary.focus();
})();
