/* Agenda: hide sessions that ended after the site was built, filter by municipality and
 * theme, and offer webcal:// subscription links. Without JavaScript the page lists every
 * upcoming session of the build day and plain https links to the feeds. */
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
