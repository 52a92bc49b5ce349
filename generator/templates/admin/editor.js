// The site's additions to the web editor (Decap CMS), loaded after decap-cms.js. Made at
// build time by generator/render/editor.py: KEY_ORDER comes from the JSON Schemas.
//
// Before Decap saves an entry:
// - Leave out what was emptied. Decap saves a field that was filled in and then emptied as
//   an empty text (''), an emptied list as [] and a cleared group as {}; the data's rules
//   (data/schemas/) let an optional field be left out, not be empty. So what the editor
//   saves passes `python -m generator validate`.
// - Keep each record's fields in the schema's order. Decap orders only the top level of a
//   file; a record of more than eight fields (a practice) would otherwise come out in a
//   different order each time, and a reviewer would see every line of it change.
(function () {
  "use strict";

  var KEY_ORDER = {/* KEY_ORDER */};
  var KEYED = "@@__IMMUTABLE_KEYED__@@";
  var LIST = "@@__IMMUTABLE_LIST__@@";

  function isEmpty(value) {
    return value === "" || value === null || value === undefined ||
      ((value[KEYED] || value[LIST]) && value.size === 0);
  }

  function tidy(value, path, order) {
    if (value && value[KEYED]) {
      var known = order[path] || [];
      var result = value.toOrderedMap().clear();
      var put = function (key) {
        var item = tidy(value.get(key), path ? path + "." + key : key, order);
        if (!isEmpty(item)) {
          result = result.set(key, item);
        }
      };
      known.forEach(function (key) {
        if (value.has(key)) {
          put(key);
        }
      });
      value.keySeq().forEach(function (key) {
        if (known.indexOf(key) < 0) {
          put(key);
        }
      });
      return result;
    }
    if (value && value[LIST]) {
      return value
        .map(function (item) { return tidy(item, path, order); })
        .filter(function (item) { return !isEmpty(item); });
    }
    return value;
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      return tidy(entry.get("data"), "", KEY_ORDER[entry.get("collection")] || {});
    },
  });
})();
