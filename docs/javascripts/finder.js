/* "Vind je POH Jeugd": searches the site's own practice index in the browser, as the
 * parent types. Nothing typed leaves the device: the index is one static JSON file.
 * Without JavaScript the form stays hidden and the page links to the lists instead. */
(function () {
  "use strict";

  var DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
  var MAX_RESULTS = 20;
  var POSTCODE = /^([1-9][0-9]{3}) ?([a-z]{0,2})$/;

  /* Lower case, no accents, words separated by single spaces: "Heeze-Leende" ~ "heeze leende". */
  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function dutchTime(time) {
    return time.replace(":", ".");
  }

  function hours(slots) {
    return slots.map(function (slot) {
      return DAYS[slot[0]] + " " + dutchTime(slot[1]) + "–" + dutchTime(slot[2]) + " uur";
    }).join("; ");
  }

  function buildEntries(index) {
    var towns = index.municipalities.map(function (row) {
      return { kind: "gemeente", id: row[0], name: row[1], province: row[2], named: row[3] };
    });
    var entries = towns.map(function (town) {
      return { town: town, kind: "gemeente", place: normalise(town.name),
               words: normalise(town.name + " " + town.province).split(" "), postcode: "" };
    });
    index.practices.forEach(function (row) {
      var town = towns[row[3]];
      entries.push({
        kind: "praktijk", id: row[0], name: row[1], placeName: row[2], town: town,
        postcode: normalise(row[4]).replace(" ", ""), slots: row[5],
        place: normalise(row[2]), municipality: normalise(town.name),
        words: normalise(row[1] + " " + row[2] + " " + town.name).split(" ")
      });
    });
    return entries;
  }

  /* Higher is better; 0 means no match. Every word typed must start a word of the entry. */
  function score(entry, query, tokens) {
    var postcode = POSTCODE.exec(query);
    if (postcode) {
      var wanted = postcode[1] + postcode[2];
      return entry.postcode && entry.postcode.indexOf(wanted) === 0 ? 5 : 0;
    }
    var all = tokens.every(function (token) {
      return entry.words.some(function (word) { return word.indexOf(token) === 0; });
    });
    if (!all) return 0;
    if (entry.place === query || entry.municipality === query) return 4;
    if (entry.kind === "gemeente") return 3;
    return entry.place.indexOf(query) === 0 ? 2 : 1;
  }

  /* A municipality before its practices; practices by name. */
  function kindOrder(entry) {
    return entry.kind === "gemeente" ? 0 : 1;
  }

  function sortName(entry) {
    return entry.kind === "gemeente" ? entry.town.name : entry.name;
  }

  function search(entries, text) {
    var query = normalise(text);
    if (query.length < 2) return null;
    var tokens = query.split(" ");
    return entries
      .map(function (entry) { return { entry: entry, score: score(entry, query, tokens) }; })
      .filter(function (hit) { return hit.score > 0; })
      .sort(function (a, b) {
        return b.score - a.score || kindOrder(a.entry) - kindOrder(b.entry) ||
          sortName(a.entry).localeCompare(sortName(b.entry), "nl");
      })
      .map(function (hit) { return hit.entry; });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function resultItem(entry, root) {
    var item = element("li", "poh-finder__result");
    var link = element("a");
    var detail;
    if (entry.kind === "gemeente") {
      link.href = root + "gemeenten/" + entry.town.id + "/";
      link.textContent = "Gemeente " + entry.town.name;
      detail = entry.town.named > 0
        ? "Pilot POH Jeugd. " + entry.town.named + (entry.town.named === 1 ? " praktijk" : " praktijken") + " bij naam bekend."
        : "Pilot POH Jeugd. De namen van de praktijken zijn niet bekend; lees hoe u de POH bereikt.";
    } else {
      link.href = root + "praktijken/" + entry.id + "/";
      link.textContent = entry.name;
      detail = entry.placeName + ", gemeente " + entry.town.name + ". " +
        (entry.slots.length ? "POH Jeugd: " + hours(entry.slots) + "." : "Vraag de praktijk wanneer de POH er is.");
    }
    item.appendChild(link);
    item.appendChild(element("span", "poh-finder__detail", " " + detail));
    return item;
  }

  function noMatch(text, root) {
    var item = element("li", "poh-finder__none");
    item.appendChild(document.createTextNode(
      "Geen praktijk of gemeente gevonden voor ‘" + text.trim() + "’. Misschien doet uw praktijk niet mee. " +
      "Vraag het aan uw eigen huisarts, of kijk bij "));
    var link = element("a", null, "Pilots per gemeente");
    link.href = root + "gemeenten/";
    item.appendChild(link);
    item.appendChild(document.createTextNode("."));
    return item;
  }

  function show(form, entries, root) {
    var input = form.querySelector("input");
    var list = form.querySelector(".poh-finder__results");
    var status = form.querySelector(".poh-finder__status");
    var hits = search(entries, input.value);
    list.textContent = "";
    if (hits === null) {
      status.textContent = "";
      return;
    }
    if (!hits.length) {
      list.appendChild(noMatch(input.value, root));
      status.textContent = "Niets gevonden.";
      return;
    }
    hits.slice(0, MAX_RESULTS).forEach(function (entry) { list.appendChild(resultItem(entry, root)); });
    status.textContent = hits.length === 1 ? "1 resultaat." : hits.length > MAX_RESULTS
      ? hits.length + " resultaten; de eerste " + MAX_RESULTS + " staan hieronder. Typ meer om te verfijnen."
      : hits.length + " resultaten.";
  }

  function setUp(form) {
    var root = form.getAttribute("data-root");
    var input = form.querySelector("input");
    fetch(form.getAttribute("data-index"))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (index) {
        var entries = buildEntries(index);
        var update = function () { show(form, entries, root); };
        input.addEventListener("input", update);
        form.addEventListener("submit", function (event) {
          event.preventDefault(); /* Enter goes to the first result instead of reloading */
          var first = form.querySelector(".poh-finder__result a");
          if (first) first.focus();
        });
        form.hidden = false;
        document.querySelector(".poh-finder-fallback").hidden = true;
        var asked = new URLSearchParams(window.location.search).get("q");
        if (asked) input.value = asked;
        update();
      })
      .catch(function () { /* the fallback text with the lists stays visible */ });
  }

  function start() {
    var form = document.querySelector("form.poh-finder");
    if (form) setUp(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
