/* Review page of a decided candidate: where the machine put it, on the
 * offline basemap (basemap.js) under the tiles. */
(function () {
  "use strict";
  const node = document.getElementById("cw-candidate-map");
  const point = JSON.parse(document.getElementById("cw-candidate-point").textContent);
  if (!node || point[0] === null || typeof L === "undefined") return;
  const map = L.map(node).setView(point, 9);
  CWBasemap.add(map);
  const tiles = JSON.parse(document.getElementById("cw-tiles").textContent);
  L.tileLayer(tiles.url, { attribution: tiles.attribution }).addTo(map);
  L.marker(point).addTo(map);
})();
