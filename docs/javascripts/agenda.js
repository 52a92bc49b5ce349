/* Agenda: hide sessions that ended after the site was built, filter by municipality and
 * theme, offer webcal:// subscription links, and make the one-event .ics file of
 * "Zet in mijn agenda" here in the browser. Without JavaScript the page lists every
 * upcoming session of the build day, plain https links to the feeds, and "Zet in mijn
 * agenda" links to the feed of the session's practice (or municipality). */
(function () {
  "use strict";

  function hasEnded(card, now) {
    var end = Date.parse(card.getAttribute("data-end"));
    return !isNaN(end) && end <= now;
  }

  function matches(card, filters) {
    return filters.every(function (filter) {
      var wanted = filter.select.value;
      var values = (card.getAttribute("data-" + filter.attribute) || "").split(" ");
      return !wanted || values.indexOf(wanted) !== -1;
    });
  }

  function update(filters) {
    var now = Date.now();
    var shown = 0;
    document.querySelectorAll(".poh-session[data-end]").forEach(function (card) {
      var visible = !hasEnded(card, now) && matches(card, filters);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    document.querySelectorAll(".poh-month").forEach(function (month) {
      month.hidden = !month.querySelector(".poh-session:not([hidden])");
    });
    var empty = document.querySelector(".poh-agenda__empty");
    if (empty) empty.hidden = shown > 0;
    var count = document.querySelector(".poh-filter__count");
    if (count) count.textContent = shown === 1 ? "1 bijeenkomst" : shown + " bijeenkomsten";
  }

  function setUpSessions() {
    var filters = [];
    var form = document.querySelector(".poh-filter");
    if (form) {
      form.querySelectorAll("select[data-filter]").forEach(function (select) {
        filters.push({ select: select, attribute: select.getAttribute("data-filter") });
        select.addEventListener("change", function () { update(filters); });
      });
      form.hidden = false;
    }
    update(filters);
  }

  function setUpSubscribeLinks() {
    document.querySelectorAll("a.poh-subscribe").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), document.baseURI);
      if (url.protocol === "https:" || url.protocol === "http:") {
        link.setAttribute("data-https", url.href);
        link.href = "webcal://" + url.host + url.pathname;
      }
    });
  }

  /* "Zet in mijn agenda": the event as generator/render/calendars.py writes it into the
   * feeds (same UID, so that a later subscription updates the event instead of adding a
   * copy), from the card: its id, its description's paragraphs and data-event (see
   * calendars.card_event: what the card does not show as text). This writes it as an
   * RFC 5545 file like the feeds: CRLF line ends, TEXT escaped, lines folded at 75 octets
   * between UTF-8 characters, never right after a backslash or caret. */
  var CRLF = "\r\n";
  var HEAD = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//POH Jeugd bij de huisarts//Themabijeenkomsten//NL",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-TIMEZONE:Europe/Amsterdam",
    // The feeds' VTIMEZONE: Europe/Amsterdam as the EU has defined it since 1996.
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Amsterdam",
    "BEGIN:DAYLIGHT",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZNAME:CEST",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZNAME:CET",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "END:VTIMEZONE"
  ];
  var LIMIT = 75;  // octets per line, without the line break

  // RFC 5545 TEXT: backslash first, then semicolon, comma and line breaks (as calendars.py,
  // which follows icalendar in reading a literal "\N" as a line break too).
  function text(value) {
    return String(value).replace(/\\N/g, "\n").replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
  }

  // One content line as UTF-8 bytes, folded: each part at most 74 octets of whole
  // characters, never ending on a backslash or caret; each fold is CRLF and a space.
  function fold(line, parts) {
    var data = new TextEncoder().encode(line);
    var start = 0;
    while (data.length - start >= LIMIT) {
      var end = start + LIMIT - 1;
      while ((data[end] & 0xC0) === 0x80) end -= 1;  // inside a character: fold before it
      if (data[end - 1] === 0x5C || data[end - 1] === 0x5E) end -= 1;  // a backslash or caret
      parts.push(data.subarray(start, end), CRLF + " ");
      start = end;
    }
    parts.push(data.subarray(start), CRLF);
  }

  function utcStamp(date) {
    return date.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  }

  function icsFile(event, now) {
    var lines = HEAD.concat([
      "BEGIN:VEVENT",
      "SUMMARY:" + text(event.summary),
      "DTSTART;TZID=Europe/Amsterdam:" + event.start,
      "DTEND;TZID=Europe/Amsterdam:" + event.end,
      "DTSTAMP:" + utcStamp(now),
      "UID:" + text(event.uid),
      "CATEGORIES:" + text(event.categories),
      "DESCRIPTION:" + text(event.description)
    ]);
    if (event.location) lines.push("LOCATION:" + text(event.location));
    lines.push("STATUS:" + event.status);
    if (event.url) lines.push("URL:" + event.url);
    lines.push("END:VEVENT", "END:VCALENDAR");
    var parts = [];
    lines.forEach(function (line) { fold(line, parts); });
    return new Blob(parts, { type: "text/calendar;charset=utf-8" });
  }

  function cardEvent(card) {
    var carried = JSON.parse(card.getAttribute("data-event"));
    var paragraphs = Array.prototype.map.call(
      card.querySelectorAll(".poh-session__text > p"), function (p) { return p.textContent; });
    return {
      uid: card.id + "@poh-jeugd", summary: carried[0], start: carried[1], end: carried[2],
      categories: carried[3], location: carried[4], url: carried[5], status: "CONFIRMED",
      description: paragraphs.concat([carried[6]]).join("\n\n")
    };
  }

  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function setUpAddToCalendar() {
    // Browsers that cannot save a file made here follow the link: the host's feed.
    if (!window.Blob || !window.TextEncoder || !window.URL || !URL.createObjectURL ||
        !("download" in document.createElement("a"))) return;
    document.addEventListener("click", function (click) {
      if (click.defaultPrevented || click.button !== 0 || click.ctrlKey || click.metaKey ||
          click.shiftKey || click.altKey || !click.target.closest) return;
      var button = click.target.closest("a.poh-add-event");
      var card = button && button.closest(".poh-session[data-event]");
      if (!card) return;
      var event;
      try {
        event = cardEvent(card);
      } catch (error) {
        return;  // the feed, then
      }
      click.preventDefault();
      download(icsFile(event, new Date()), card.id + ".ics");
    });
  }

  setUpAddToCalendar();  // on the document: no need to wait for the cards

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUpSessions();
      setUpSubscribeLinks();
    });
  } else {
    setUpSessions();
    setUpSubscribeLinks();
  }
})();
