// Attack mode without a connection. On Today, a tap on "Attack started" while the phone is
// offline is kept in this browser (IndexedDB) instead of being lost; the offline page offers the
// same buttons. Whatever is kept is sent as soon as the phone is back online (on the next page
// load or the browser's "online" event), each attack with its own key, so the server saves it
// once even if it is sent twice. Nothing else about the person is kept on the phone.
(() => {
  const DB_NAME = "migraine-heroes";
  const STORE = "attacks";
  const START_URL = "/journal/attack/";

  const newKey = () =>
    window.crypto && crypto.randomUUID
      ? crypto.randomUUID()
      : `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

  function openStore(mode) {
    return new Promise((resolve, reject) => {
      if (!window.indexedDB) return reject(new Error("no IndexedDB"));
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      request.onerror = () => reject(request.error);
      request.onsuccess = () => resolve(request.result.transaction(STORE, mode).objectStore(STORE));
    });
  }

  const finished = (request) =>
    new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });

  async function keep(attack) {
    await finished((await openStore("readwrite")).put(attack));
  }

  async function kept() {
    return finished((await openStore("readonly")).getAll());
  }

  async function forget(key) {
    await finished((await openStore("readwrite")).delete(key));
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  let sending = false;
  async function sendKept() {
    if (sending || !navigator.onLine) return;
    sending = true;
    let sent = 0;
    try {
      for (const attack of await kept()) {
        const body = new FormData();
        body.append("key", attack.key);
        body.append("started_at", attack.started_at);
        body.append("csrfmiddlewaretoken", csrfToken());
        let response;
        try {
          response = await fetch(START_URL, { method: "POST", body, credentials: "same-origin", redirect: "manual" });
        } catch {
          break; // still no connection: try again later
        }
        // Saved (a redirect back to Today), or refused for good (400): either way it leaves the
        // phone. Logged out or a stale token (403): it stays until the person is signed in.
        if (response.type === "opaqueredirect" || response.ok || response.status === 400) {
          await forget(attack.key);
          if (response.status !== 400) sent += 1;
        }
      }
    } catch {
      // No IndexedDB here (a private window in some browsers): nothing was kept, nothing to send.
    } finally {
      sending = false;
    }
    if (sent && document.querySelector("[data-offline-attack]")) window.location.reload();
  }

  function showKept(form) {
    const note = form.querySelector("[data-kept-note]") || document.querySelector("[data-kept-note]");
    if (note) note.hidden = false;
  }

  function handle(form) {
    // One key per page view: two taps on the same page are the same attack.
    const keyInput = form.querySelector("input[name=key]");
    const key = newKey();
    if (keyInput) keyInput.value = key;
    form.addEventListener("submit", (event) => {
      if (navigator.onLine && !form.hasAttribute("data-always-keep")) return; // an ordinary post
      event.preventDefault();
      const minutes = Number(event.submitter ? event.submitter.value : 0) || 0;
      const started = new Date(Date.now() - minutes * 60000).toISOString();
      keep({ key, started_at: started })
        .then(() => showKept(form))
        .catch(() => {});
    });
  }

  document.querySelectorAll("form[data-offline-attack]").forEach(handle);
  const offlineForm = document.querySelector("#offline-attack form");
  if (offlineForm) {
    offlineForm.hidden = false;
    handle(offlineForm);
  }
  window.addEventListener("online", sendKept);
  sendKept();
})();
