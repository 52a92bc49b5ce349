/* "Vind uw POH Jeugd": searches the site's own practice index in the browser, as the
 * parent types. Nothing typed leaves the device: the index is one static JSON file
 * (generator/render/finder.py describes its columns). A result is a small contact card;
 * the next time the POH is there comes from next-slot.js, as on the practice page.
 * Without JavaScript the form stays hidden and the page links to the lists instead. */
(function () {
  "use strict";

  var MAX_RESULTS = 20;
  var POSTCODE = /^([1-9][0-9]{3}) ?([a-z]{0,2})$/;
  var FUZZY_FROM = 5; /* a typed word this long may hold one typing mistake */
  var EXACT = 3, PREFIX = 2, FUZZY = 1;

  /* Lower case, no accents, words separated by single spaces: "Heeze-Leende" ~ "heeze leende". */
  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  /* A name or place as it appears in a practice's id (finder.py's `id_part`). */
  function idPart(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* The stored id with '*' and '+' (name and place) written out (finder.py's `expand_id`). */
  function expandId(id, name, place) {
    return id.replace("*", function () { return idPart(name); })
      .replace("+", function () { return idPart(place); });
  }

  /* tel: link for a Dutch number as written ("0475 123456"), as text.py's `phone_url`. */
  function phoneUrl(phone) {
    var digits = phone.replace(/[^0-9+]/g, "");
    return "tel:" + (digits.charAt(0) === "0" ? "+31" + digits.slice(1) : digits);
  }

  function words(text) {
    var normal = normalise(text);
    return normal ? normal.split(" ") : [];
  }

  function buildEntries(index) {
    var m = index.municipalities, p = index.practices;
    var towns = m.id.map(function (id, row) {
      return { id: id, name: m.name[row], province: m.province[row], practices: [] };
    });
    var entries = towns.map(function (town) {
      return { kind: "gemeente", town: town, sortName: town.name, place: normalise(town.name),
               municipality: normalise(town.name),
               words: words(town.name + " " + town.province), postcode: "" };
    });
    towns.forEach(function (town, row) {
      m.places[row].forEach(function (name) {
        if (normalise(name) === normalise(town.name)) return; /* the municipality answers */
        entries.push({ kind: "plaats", town: town, name: name, sortName: name,
                       place: normalise(name), municipality: "", words: words(name),
                       postcode: "" });
      });
    });
    p.id.forEach(function (id, row) {
      var town = towns[p.municipality[row]];
      var entry = {
        kind: "praktijk", id: expandId(id, p.name[row], p.place[row]), name: p.name[row],
        sortName: p.name[row], placeName: p.place[row], town: town,
        postcode: normalise(p.postcode[row]).replace(" ", ""), phone: p.phone[row],
        slots: p.slots[row], absences: p.absences[row],
        place: normalise(p.place[row]), municipality: normalise(town.name),
        words: words(p.name[row] + " " + p.place[row] + " " + town.name)
      };
      town.practices.push(entry);
      entries.push(entry);
    });
    return entries;
  }

  /* True when `a` becomes `b` with at most one typing mistake: a letter wrong, missing or
   * extra, or two neighbours swapped. */
  function oneEditApart(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
    if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
    if (a.length < b.length) return a.slice(i) === b.slice(i + 1);
    return a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }

  /* How a typed word matches a word of an entry: EXACT, PREFIX (the start of the word),
   * FUZZY (one mistake away from the word or its start, for longer typed words) or 0. */
  function strength(token, word) {
    if (word === token) return EXACT;
    if (word.indexOf(token) === 0) return PREFIX;
    if (token.length < FUZZY_FROM) return 0;
    for (var length = token.length - 1; length <= token.length + 1; length += 1) {
      if (length <= word.length && oneEditApart(token, word.slice(0, length))) return FUZZY;
    }
    return 0;
  }

  /* The weakest of each typed word's best match with the entry's words (0: no match).
   * Words repeat across thousands of practices: each is compared once per query. */
  function matchOf(entry, tokens, memo) {
    var weakest = EXACT;
    for (var t = 0; t < tokens.length; t += 1) {
      var seen = memo[t], best = 0;
      for (var w = 0; w < entry.words.length && best < EXACT; w += 1) {
        var word = entry.words[w];
        var found = seen.get(word);
        if (found === undefined) {
          found = strength(tokens[t], word);
          seen.set(word, found);
        }
        if (found > best) best = found;
      }
      if (!best) return 0;
      if (best < weakest) weakest = best;
    }
    return weakest;
  }

  /* Higher is better; 0 means no match. Every word typed must match a word of the entry;
   * any match without a typing mistake ranks above every match with one. */
  function score(entry, query, tokens, memo) {
    var postcode = POSTCODE.exec(query);
    if (postcode) {
      var wanted = postcode[1] + postcode[2];
      return entry.postcode && entry.postcode.indexOf(wanted) === 0 ? 15 : 0;
    }
    var match = matchOf(entry, tokens, memo);
    if (!match) return 0;
    var base = match === FUZZY ? 0 : 10;
    if (entry.place === query || entry.municipality === query) return base + 4;
    if (entry.kind !== "praktijk") return base + 3;
    return base + (entry.place.indexOf(query) === 0 ? 2 : 1);
  }

  /* A municipality or place before practices; then by name. */
  function kindOrder(entry) {
    return entry.kind === "praktijk" ? 1 : 0;
  }

  /* The entries that match, best first. A place found brings its municipality's practices
   * right after it: first those in the place itself, then the others. A place found only
   * with a typing mistake does so when nothing was found without one (a big town's
   * practices after a near miss would bury the other results). */
  function search(entries, text) {
    var query = normalise(text);
    if (query.length < 2) return null;
    var tokens = query.split(" ");
    var memo = tokens.map(function () { return new Map(); });
    var found = new Map(); /* entry -> its hit */
    entries.forEach(function (entry) {
      var points = score(entry, query, tokens, memo);
      if (points > 0) found.set(entry, { entry: entry, score: points });
    });
    var hits = Array.from(found.values());
    var exact = hits.some(function (hit) { return hit.score > 10; });
    hits.filter(function (hit) {
      return hit.entry.kind === "plaats" && (hit.score > 10 || !exact);
    }).forEach(function (place) {
      place.entry.town.practices.forEach(function (practice) {
        var points = place.score - (practice.place === place.entry.place ? 0.25 : 0.5);
        var hit = found.get(practice);
        if (hit) {
          hit.score = Math.max(hit.score, points);
        } else {
          hit = { entry: practice, score: points };
          found.set(practice, hit);
          hits.push(hit);
        }
      });
    });
    return hits
      .sort(function (a, b) {
        return b.score - a.score || kindOrder(a.entry) - kindOrder(b.entry) ||
          a.entry.sortName.localeCompare(b.entry.sortName, "nl");
      })
      .map(function (hit) { return hit.entry; });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(href, text, className) {
    var node = element("a", className, text);
    node.href = href;
    return node;
  }

  function townDetail(town) {
    var named = town.practices.length;
    return named > 0
      ? "Een POH Jeugd bij de huisarts. Op deze site: " + named +
        (named === 1 ? " praktijk." : " praktijken.")
      : "Een POH Jeugd bij de huisarts. Op de pagina leest u hoe u de POH bereikt.";
  }

  function townCard(entry, root) {
    var item = element("li", "poh-finder__result poh-finder__result--gemeente");
    if (entry.kind === "plaats") {
      item.appendChild(element("span", "poh-finder__answer",
        entry.name + " ligt in de gemeente " + entry.town.name + "."));
    }
    item.appendChild(link(root + "gemeenten/" + entry.town.id + "/", "Gemeente " + entry.town.name,
      "poh-finder__name"));
    item.appendChild(element("span", "poh-finder__detail", townDetail(entry.town)));
    return item;
  }

  /* A practice's contact card: name (the link), place, the next POH moment, phone. */
  function practiceCard(entry, root, now) {
    var item = element("li", "poh-finder__result poh-finder__result--praktijk");
    item.appendChild(link(root + "praktijken/" + entry.id + "/", entry.name, "poh-finder__name"));
    item.appendChild(element("span", "poh-finder__detail",
      (entry.placeName ? entry.placeName + ", gemeente " : "Gemeente ") + entry.town.name + "."));
    item.appendChild(element("span", "poh-finder__next", entry.slots.length
      ? window.pohNextSlot.text(entry.slots, entry.absences, now)
      : "Vraag de praktijk wanneer de POH er is."));
    if (entry.phone) {
      var phone = element("span", "poh-finder__phone", "Telefoon: ");
      phone.appendChild(link(phoneUrl(entry.phone), entry.phone));
      item.appendChild(phone);
    }
    return item;
  }

  function noMatch(text, root) {
    var item = element("li", "poh-finder__none");
    item.appendChild(document.createTextNode(
      "Geen praktijk of gemeente gevonden voor ‘" + text.trim() + "’. Misschien doet uw praktijk niet mee. " +
      "Vraag het aan uw eigen huisarts, of kijk bij "));
    item.appendChild(link(root + "gemeenten/", "Pilots per gemeente"));
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
    var now = window.pohNextSlot.now();
    hits.slice(0, MAX_RESULTS).forEach(function (entry) {
      list.appendChild(entry.kind === "praktijk" ? practiceCard(entry, root, now) : townCard(entry, root));
    });
    status.textContent = hits.length === 1 ? "1 resultaat." : hits.length > MAX_RESULTS
      ? hits.length + " resultaten; de eerste " + MAX_RESULTS + " staan hieronder. Typ meer om te verfijnen."
      : hits.length + " resultaten.";
  }

  /* Material's site search opens for ?q= too (its deep links), over this page; here ?q= is
   * the finder's (the 404 page's form sends it). Closed the theme's way, a click on its
   * toggle; the theme then takes ?q= off the address, which keeps it for a reload. */
  function closeSiteSearch() {
    var toggle = document.querySelector("input[data-md-toggle=search]");
    if (!toggle || !toggle.checked) return;
    var address = window.location.href;
    toggle.click();
    window.history.replaceState(window.history.state, "", address);
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  }

  function setUp(form) {
    var root = form.getAttribute("data-root");
    var input = form.querySelector("input");
    if (new URLSearchParams(window.location.search).has("q")) closeSiteSearch();
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
