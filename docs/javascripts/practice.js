/* Practice pages: the next time the POH Jeugd is at the practice (next-slot.js, on the
 * Dutch clock), absences that ended since the build hidden, and a print button. Without
 * JavaScript the weekly table is the answer. */
(function () {
  "use strict";

  var clock = window.pohNextSlot;

  function showNextSlot(now) {
    document.querySelectorAll(".poh-next[data-slots]").forEach(function (block) {
      var slots = JSON.parse(block.getAttribute("data-slots"));
      var absences = JSON.parse(block.getAttribute("data-absences") || "[]");
      block.textContent = clock.text(slots, absences, now);
      block.hidden = false;
    });
  }

  function hideEndedAbsences(now) {
    var today = clock.isoDay(now.day);
    document.querySelectorAll(".poh-absence[data-end]").forEach(function (absence) {
      if (absence.getAttribute("data-end") < today) absence.closest("li").hidden = true;
    });
  }

  function setUpPrintButton() {
    document.querySelectorAll(".poh-print").forEach(function (block) {
      block.querySelector("button").addEventListener("click", function () { window.print(); });
      block.hidden = false;
    });
  }

  function start() {
    var now = clock.now();
    showNextSlot(now);
    hideEndedAbsences(now);
    setUpPrintButton();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
