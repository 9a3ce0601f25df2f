// Ask for the map data now, while the libraries load; home.js picks the
// response up when the filters it reads from the URL are the same. The data
// URL comes from this script element's data-url (no inline script: CSP).
(function () {
  var url = document.currentScript.dataset.url;
  var viewOnly = ["brush", "inview", "map"];
  var query = new URLSearchParams();
  new URLSearchParams(location.search).forEach(function (value, key) {
    if (viewOnly.indexOf(key) < 0 && value.trim() !== "") query.append(key, value);
  });
  var key = query.toString();
  window.cwEarlyData = { key: key, response: fetch(url + "?" + key, {
    credentials: "same-origin", headers: { Accept: "application/json" } }) };
})();
