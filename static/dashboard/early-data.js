// Ask for the timeline now, while the libraries load; home.js picks the
// response up when the filters it reads from the URL are the same (and asks
// for the incidents' extent, to fit the map, when the URL has no map view).
// The URL comes from this script element's data-url (no inline script: CSP).
(function () {
  var url = document.currentScript.dataset.url;
  var viewOnly = ["brush", "inview", "map"];
  var params = new URLSearchParams(location.search);
  var query = new URLSearchParams();
  params.forEach(function (value, key) {
    if (viewOnly.indexOf(key) < 0 && value.trim() !== "") query.append(key, value);
  });
  if (!params.get("map")) query.set("extent", "1");
  var key = query.toString();
  window.cwEarlyData = { key: key, response: fetch(url + "?" + key, {
    credentials: "same-origin", headers: { Accept: "application/json" } }) };
})();
