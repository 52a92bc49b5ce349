/* The next time the POH Jeugd is at a practice, computed for the Dutch clock
 * (Europe/Amsterdam, whatever the visitor's own time zone). Shared by the practice pages
 * (practice.js) and the finder's result cards (finder.js): loaded before both, it offers
 * window.pohNextSlot. Slots are [weekday (0 is Monday), "15:00", "16:00"]; absences are
 * [first day, last day] as ISO dates, both included. */
(function () {
  "use strict";

  var DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december"];
  var DAY_MS = 86400000;
  var WEEKS_AHEAD = 26; /* a long absence can hide every slot for a while */

  /* The wall clock in Amsterdam: a calendar day (as a UTC midnight) and minutes since 0.00.
   * Comparing wall-clock times is right on the days the clocks change, too. */
  function amsterdamNow() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = Number(part.value); });
    return { day: Date.UTC(parts.year, parts.month - 1, parts.day),
             minutes: parts.hour * 60 + parts.minute };
  }

  function minutes(time) {
    return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  }

  function isoDay(day) {
    return new Date(day).toISOString().slice(0, 10);
  }

  function dutchTime(time) {
    return time.replace(":", ".");
  }

  function isAbsent(day, absences) {
    var iso = isoDay(day);
    return absences.some(function (range) { return range[0] <= iso && iso <= range[1]; });
  }

  /* The first slot that has not ended yet: {offset (days from today), day, slot}, or null. */
  function nextSlot(slots, absences, now) {
    for (var offset = 0; offset < WEEKS_AHEAD * 7; offset += 1) {
      var day = now.day + offset * DAY_MS;
      var weekday = (new Date(day).getUTCDay() + 6) % 7;
      if (isAbsent(day, absences)) continue;
      var found = slots
        .filter(function (slot) {
          return slot[0] === weekday && (offset > 0 || minutes(slot[2]) > now.minutes);
        })
        .sort(function (a, b) { return minutes(a[1]) - minutes(b[1]); })[0];
      if (found) return { offset: offset, day: day, slot: found };
    }
    return null;
  }

  /* The next slot in a Dutch sentence. */
  function describe(next, now) {
    if (!next) return "In de komende weken is de POH Jeugd er niet. Vraag het de huisarts.";
    var slot = next.slot;
    var hours = dutchTime(slot[1]) + "–" + dutchTime(slot[2]) + " uur";
    if (next.offset === 0 && minutes(slot[1]) <= now.minutes) {
      return "De POH Jeugd is er nu, tot " + dutchTime(slot[2]) + " uur.";
    }
    var date = new Date(next.day);
    var when = DAYS[slot[0]] + " " + date.getUTCDate() + " " + MONTHS[date.getUTCMonth()];
    if (date.getUTCFullYear() !== new Date(now.day).getUTCFullYear()) {
      when += " " + date.getUTCFullYear();
    }
    if (next.offset === 0) when = "vandaag (" + when + ")";
    else if (next.offset === 1) when = "morgen (" + when + ")";
    else when = "op " + when;
    /* What it is, not a walk-in hour: appointments go as the page says. */
    return "De POH Jeugd is er weer " + when + ", " + hours + ".";
  }

  window.pohNextSlot = {
    now: amsterdamNow,
    isoDay: isoDay,
    /* The sentence for these slots and absences at `now` (from now()). */
    text: function (slots, absences, now) { return describe(nextSlot(slots, absences, now), now); }
  };
})();
