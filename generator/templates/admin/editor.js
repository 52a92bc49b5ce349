// The site's additions to the web editor (Decap CMS), loaded after decap-cms.js.
//
// Decap saves a field that was filled in and then emptied as an empty text (''), an
// emptied list as [] and a cleared group as {}. The data's rules (data/schemas/) allow an
// optional field to be left out, not to be empty: leave such values out before saving, so
// that what the editor saves passes `python -m generator validate`.
(function () {
  "use strict";

  function isEmpty(value) {
    return value === "" || value === null || value === undefined ||
      (value && typeof value.size === "number" && value.size === 0);
  }

  function pruned(value) {
    if (value && typeof value.filter === "function" && typeof value.map === "function") {
      // An Immutable Map or List: its values pruned, the empty ones left out.
      return value.map(pruned).filter(function (item) { return !isEmpty(item); });
    }
    return typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value;
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      return pruned(event.entry.get("data"));
    },
  });
})();
