// Buttons marked data-print open the browser's print dialog.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

// A page opened through its Print link (logged on the server) prints itself once loaded.
if (document.body.hasAttribute("data-autoprint")) {
  window.addEventListener("load", function () { window.print(); });
}
