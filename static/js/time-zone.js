// The browser's own time zone, e.g. "America/Los_Angeles", so dates and "today" are the visitor's.
{
  let browserZone = "";
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    browserZone = "";
  }

  // Fill empty time-zone fields (sign-up) with it.
  document.querySelectorAll('input[name="time_zone"][type="hidden"]').forEach((input) => {
    if (!input.value) {
      input.value = browserZone;
    }
  });

  // Keep it in a small first-party cookie (a preference, not health data): the server shows
  // visitors' dates in it, and saves it once for a signed-in person who has no zone yet
  // (accounts/time_zones.py). IANA names need no escaping; anything else is not written.
  if (/^[A-Za-z0-9_+\-/]{1,64}$/.test(browserZone)) {
    const current = document.cookie.split("; ").find((pair) => pair.startsWith("tz="));
    if (current !== `tz=${browserZone}`) {
      const secure = window.location.protocol === "https:" ? "; Secure" : "";
      document.cookie = `tz=${browserZone}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
    }
  }
}
