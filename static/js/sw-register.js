// Installable app: register the service worker (templates/sw.js, served at /sw.js for the whole
// site). It keeps static files and the offline page; browsers without it simply skip this.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  });
}
