// Fill empty time-zone fields (sign-up) with the browser's own zone, e.g. "America/Los_Angeles".
document.querySelectorAll('input[name="time_zone"][type="hidden"]').forEach((input) => {
  if (!input.value) {
    try {
      input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      input.value = "";
    }
  }
});
