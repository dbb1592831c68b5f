// On the day form, choosing "Headache" or "Migraine" opens the headache and medicine details.
// Without JavaScript the sections are simply opened by hand.
(function () {
  "use strict";
  var details = ["attack-details", "dose-details"].map(function (id) {
    return document.getElementById(id);
  });
  document.querySelectorAll('input[name="headache"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (radio.checked && radio.value !== "none") {
        details.forEach(function (d) {
          if (d) d.open = true;
        });
      }
    });
  });
})();
