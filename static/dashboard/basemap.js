/* The offline basemap under every map, the dashboard's and the admin's:
 * country outlines (world-atlas) and gazetteer town names, in panes below the
 * tiles. When tiles load they cover it; without internet it is what the
 * reader sees. Where to find them comes from <meta name="cw-basemap">
 * (a JSON endpoint giving the outline's static URL and the towns).
 * django-leaflet's maps (admin widgets, review page) get it through their
 * map:init event; the dashboard calls CWBasemap.add itself. */
(function () {
  "use strict";
  if (window.CWBasemap) return;  // included twice (a widget's media and the page)

  let config = null;
  function loadConfig() {
    if (!config) {
      const meta = document.querySelector('meta[name="cw-basemap"]');
      config = meta
        ? fetch(meta.content, { credentials: "same-origin" }).then((r) => r.json())
          .then((c) => fetch(c.outline).then((r) => r.json()).then((world) => ({ ...c, world })))
        : Promise.reject(new Error("no cw-basemap meta tag"));
    }
    return config;
  }

  function label(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  // Capitals from zoom 5, regional capitals from 6, district seats from 7,
  // other towns from 9, so the labels never crowd the markers.
  const MIN_ZOOM = [4, 6, 7, 9];

  // Towns a page wants named whatever the zoom (the incident page's
  // neighbours), merged into the gazetteer's list: a town already there is
  // promoted, not drawn twice.
  function withExtraTowns(towns, extra) {
    if (!extra || !extra.length) return towns;
    const merged = towns.map((town) => ({ ...town }));
    for (const town of extra) {
      const same = merged.find((t) => Math.abs(t.lat - town.lat) < 0.01
        && Math.abs(t.lon - town.lon) < 0.01);
      if (same) same.rank = 0;
      else merged.push({ ...town, rank: 0 });
    }
    return merged;
  }

  function drawTowns(map, towns) {
    const layer = L.layerGroup();
    const renderer = L.canvas({ pane: "cwlabels" });
    const shown = new Map();
    function update() {
      const zoom = map.getZoom();
      const view = map.getBounds().pad(0.2);
      for (const town of towns) {
        const visible = zoom >= MIN_ZOOM[town.rank] && view.contains([town.lat, town.lon]);
        if (visible && !shown.has(town)) {
          const marker = L.circleMarker([town.lat, town.lon], {
            pane: "cwlabels", renderer, radius: 2.5, color: "#374151", weight: 1,
            fillColor: "#ffffff", fillOpacity: 1, interactive: false,
          }).bindTooltip(label(town.name), {
            permanent: true, direction: "right", className: "place-tooltip", pane: "cwlabels",
          });
          shown.set(town, marker.addTo(layer));
        } else if (!visible && shown.has(town)) {
          layer.removeLayer(shown.get(town));
          shown.delete(town);
        }
      }
    }
    map.on("zoomend moveend", update);
    update();
    layer.addTo(map);
  }

  function add(map, options) {
    if (map._cwBasemap) return map._cwBasemap;
    map.createPane("basemap").style.zIndex = 150;
    map.createPane("cwlabels").style.zIndex = 160;
    map.getContainer().dataset.basemap = "loading";
    const outline = L.canvas({ pane: "basemap" });
    map._cwBasemap = Promise.all([loadConfig(), (options && options.after) || null])
      .then(([c]) => {
        const world = c.world;
        L.geoJSON(topojson.feature(world, world.objects.countries), {
          pane: "basemap", renderer: outline, interactive: false,
          style: { color: "#8a8f98", weight: 1, fillColor: "#f3efe6", fillOpacity: 1 },
        }).addTo(map);
        L.geoJSON(topojson.mesh(world, world.objects.countries, (a, b) => a !== b), {
          pane: "basemap", renderer: outline, interactive: false,
          style: { color: "#6b7280", weight: 1.2, dashArray: "3 3" },
        }).addTo(map);
        drawTowns(map, withExtraTowns(c.towns, options && options.towns));
        map.getContainer().dataset.basemap = "drawn";
        window.cwBasemapAt = performance.now();
      })
      .catch((error) => { map.getContainer().dataset.basemap = "failed: " + error; });
    return map._cwBasemap;
  }

  window.CWBasemap = { add, config: loadConfig };
  // django-leaflet announces each map it creates.
  window.addEventListener("map:init", (event) => add(event.detail.map));

  // django-leaflet's form widget fits a point at zoom 15 (a few hundred metres):
  // show it among the surrounding towns instead.
  if (L.GeometryField) {
    L.GeometryField.prototype._setView = function () {
      if (this.drawnItems.getLayers().length > 0) {
        this._map.fitBounds(this.drawnItems.getBounds(), { maxZoom: 9 });
      }
    };
  }
})();
