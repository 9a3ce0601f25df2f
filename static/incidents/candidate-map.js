// Map of an extraction candidate's proposed point on its review page. The
// point and the tile layer come from json_script elements of the page.
(function () {
  var point = JSON.parse(document.getElementById("cw-candidate-point").textContent);
  if (point[0] === null || typeof L === "undefined") { return; }
  var tiles = JSON.parse(document.getElementById("cw-tiles").textContent);
  var map = L.map("cw-candidate-map").setView(point, 9);
  L.tileLayer(tiles.url, {attribution: tiles.attribution}).addTo(map);
  L.marker(point).addTo(map);
}());
