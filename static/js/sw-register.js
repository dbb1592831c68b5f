// Installable app: register the service worker (templates/sw.js, served at /sw.js for the whole
// site). It keeps static files and the offline page; browsers without it simply skip this.
// Registered once the page has loaded and the phone is idle: storing files for later must never
// slow the page someone is trying to use now.
if ("serviceWorker" in navigator) {
  const register = () => navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  const whenIdle = window.requestIdleCallback || ((callback) => setTimeout(callback, 2000));
  window.addEventListener("load", () => whenIdle(register, { timeout: 10000 }));
}
