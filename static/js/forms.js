// After a form comes back with errors, put the keyboard focus on the first field to correct, so
// that a screen reader reads its label and its error (tied with aria-describedby) at once.
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector("main [aria-invalid='true']");
  if (invalid) {
    invalid.focus();
  }
});
