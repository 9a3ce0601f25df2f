/* Review page. A decided candidate: where the machine put it, on the offline
 * basemap (basemap.js) under the tiles. A pending one: the correction form's
 * map (django-leaflet's location widget) follows the editor — picking a place
 * in the gazetteer box moves the marker to it, and a click on the map puts
 * the marker there and picks the nearest gazetteer place (within 50 km). */
(function () {
  "use strict";
  const node = document.getElementById("cw-candidate-map");
  const point = JSON.parse(document.getElementById("cw-candidate-point").textContent);
  if (node && point[0] !== null && typeof L !== "undefined") {
    const map = L.map(node).setView(point, 9);
    CWBasemap.add(map);
    const tiles = JSON.parse(document.getElementById("cw-tiles").textContent);
    L.tileLayer(tiles.url, { attribution: tiles.attribution }).addTo(map);
    L.marker(point).addTo(map);
  }

  const form = document.getElementById("cw-correct");
  const placeSelect = document.getElementById("id_place");
  if (!form || !placeSelect) return;
  const placeUrl = form.dataset.placeUrl;
  let field = null;          // django-leaflet's GeometryField of the location
  let fromClick = false;     // the place box changes because of a map click

  function putMarker(latlng) {
    field.onCreated({ layer: L.marker(latlng) });
    field._map.panTo(latlng);
    form.dataset.marker = latlng.lat.toFixed(5) + "," + latlng.lng.toFixed(5);
  }

  async function lookUp(params) {
    const response = await fetch(placeUrl + "?" + new URLSearchParams(params),
      { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error("place look-up: HTTP " + response.status);
    return (await response.json()).place;
  }

  function choosePlace(place) {
    // The admin's autocomplete box is select2 (django.jQuery): add the option
    // and tell select2 it changed.
    let option = Array.from(placeSelect.options).find((o) => o.value === String(place.id));
    if (!option) {
      option = new Option(place.label, String(place.id), true, true);
      placeSelect.append(option);
    }
    placeSelect.value = String(place.id);
    fromClick = true;
    try {
      window.django.jQuery(placeSelect).trigger("change");
    } finally {
      fromClick = false;
    }
  }

  function wire(map) {
    window.django.jQuery(placeSelect).on("change", async () => {
      if (fromClick || !placeSelect.value) return;
      const place = await lookUp({ id: placeSelect.value });
      putMarker(L.latLng(place.lat, place.lon));
      form.dataset.follows = "place";
    });
    map.on("click", async (event) => {
      if (field._acceptDrawEvents) return;  // the draw toolbar handles its own clicks
      putMarker(event.latlng);
      const place = await lookUp({ lon: event.latlng.lng.toFixed(6), lat: event.latlng.lat.toFixed(6) });
      if (place) choosePlace(place);
      form.dataset.follows = "click";
    });
    form.dataset.mapReady = "1";
  }

  window.addEventListener("map:init", (event) => {
    const map = event.detail.map;
    map.on("map:loadfield", (loaded) => {
      if (loaded.fieldid !== "id_location" || field) return;
      field = loaded.field;
      window.cwReviewMap = map;  // for scripts and the browser tests
      wire(map);
    });
  });
})();
