// Autocomplete for the search box: fills the <datalist> from /api/suggest (names, pinyin, initials).
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-suggest");
  if (!input || !list) return;
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var prefix = input.value.trim();
      if (!prefix || prefix === last || prefix.length > 50) return;
      last = prefix;
      fetch(url + "?q=" + encodeURIComponent(prefix), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (input.value.trim() !== prefix) return;  // a newer keystroke won
          while (list.firstChild) list.removeChild(list.firstChild);
          (data.suggestions || []).forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.text;
            option.label = item.kind;
            list.appendChild(option);
          });
        })
        .catch(function () { /* autocomplete is optional */ });
    }, 150);
  });
})();
