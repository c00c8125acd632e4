// After a form comes back with errors, put the keyboard focus on the first field to correct, so
// that a screen reader reads its label and its error (tied with aria-describedby) at once. A page
// whose own script already moved the focus (the survey's summary of problems) keeps it there.
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector("main [aria-invalid='true']");
  const untouched = !document.activeElement || document.activeElement === document.body;
  if (invalid && untouched) {
    invalid.focus();
  }
});
