// Runs in <head> before the page is drawn, so a dark device never flashes white. The server sets
// data-theme-choice (system, light, dark or dim); for "system" the device's setting decides.
(function () {
  var root = document.documentElement;
  if (root.getAttribute("data-theme-choice") !== "system" || !window.matchMedia) return;
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  var apply = function () { root.setAttribute("data-bs-theme", dark.matches ? "dark" : "light"); };
  apply();
  if (dark.addEventListener) dark.addEventListener("change", apply);
})();
