/* The main page: incidents on a clustered map, a timeline with a brush, the
 * list of incidents in view, and a filter panel. The URL holds the state:
 * filter parameters (the shared IncidentFilterSet's names) plus view-only
 * ones — brush=YYYY-MM-DD,YYYY-MM-DD, inview=1 and map=zoom/lat/lon.
 *
 * The server sends the filtered incidents once, as columns; the timeline is
 * aggregated here from those columns so the brush can refilter the map and
 * the list instantly, without a round trip. */
(function () {
  "use strict";
  const { el, labels, eventTypes, format, numberFormat } = CW;
  const VIEW_KEYS = ["brush", "inview", "map"];
  const LIST_PAGE = 100;

  const mapNode = document.getElementById("map");
  const statusNode = document.getElementById("map-status");
  const listNode = document.getElementById("incident-list");
  const moreButton = document.getElementById("list-more");
  const countNode = document.getElementById("list-count");
  const form = document.getElementById("filter-form");
  const inViewBox = document.getElementById("in-view");
  const clearBrushButton = document.getElementById("clear-brush");
  const timelineNode = document.getElementById("timeline");
  const bucketLabel = document.getElementById("bucket-label");
  const incidentUrl = mapNode.dataset.incidentUrl;

  let resolveReady;
  window.cwReady = new Promise((resolve) => { resolveReady = resolve; });
  window.cwRenders = 0;

  const map = CW.makeMap(mapNode);
  CW.drawRoutes(map, CW.readJson("cw-routes") || []);
  CW.legendControl(eventTypes).addTo(map);
  const markerLayer = L.layerGroup().addTo(map);
  const highlightLayer = L.layerGroup().addTo(map);
  const highlightRenderer = L.svg({ pane: "highlight" });

  let data = null;          // columns from the server
  let filterKey = null;     // the filter query the data belongs to
  let selection = [];       // row indexes inside the brush
  let brush = null;         // [firstDay, lastDay] inclusive, or null
  let listRows = [];        // row indexes in the list, newest first
  let listShown = 0;
  let index = null;         // supercluster over the selection
  let hoverId = null;
  let timeline = null;

  // ---- URL state -----------------------------------------------------------
  function filterQuery(params) {
    const out = new URLSearchParams();
    for (const [key, value] of params) {
      if (!VIEW_KEYS.includes(key) && value.trim() !== "") out.append(key, value);
    }
    return out;
  }

  function readState() {
    const params = new URLSearchParams(location.search);
    const range = (params.get("brush") || "").split(",").map(CW.dayFromIso);
    return {
      filters: filterQuery(params),
      brush: range.length === 2 && range[0] !== null && range[1] !== null ? range : null,
      inView: params.get("inview") === "1",
      map: params.get("map"),
    };
  }

  function writeState(push) {
    const params = filterQuery(new URLSearchParams(location.search));
    if (brush) params.set("brush", CW.isoDay(brush[0]) + "," + CW.isoDay(brush[1]));
    if (inViewBox.checked) params.set("inview", "1");
    const center = map.getCenter();
    params.set("map", [map.getZoom(), center.lat.toFixed(4), center.lng.toFixed(4)].join("/"));
    const url = location.pathname + "?" + params.toString();
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    updateExports();
  }

  function setFormFromQuery(query) {
    for (const field of form.elements) {
      if (!field.name) continue;
      const values = query.getAll(field.name);
      if (field.type === "checkbox") field.checked = values.includes(field.value);
      else if (field.multiple) {
        for (const option of field.options) option.selected = values.includes(option.value);
      } else if (field.dataset.dateFormat) {
        field.value = CW.isoToDateField(values[0] || "", field.dataset.dateFormat);
      } else field.value = values[0] || "";
    }
  }

  // The form's values for the URL: typed dates become ISO dates.
  function formQuery() {
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      const field = form.elements[key];
      const pattern = field && field.dataset ? field.dataset.dateFormat : null;
      query.append(key, pattern ? CW.dateFieldToIso(value, pattern) : value);
    }
    return filterQuery(query);
  }

  function updateExports() {
    const params = filterQuery(new URLSearchParams(location.search));
    if (brush) {
      params.set("date_from", CW.isoDay(brush[0]));
      params.set("date_to", CW.isoDay(brush[1]));
    }
    if (inViewBox.checked) {
      const b = map.getBounds();
      params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map((n) => n.toFixed(4)).join(","));
    }
    for (const [id, fmt] of [["export-csv", "csv"], ["export-geojson", "geojson"]]) {
      const link = document.getElementById(id);
      const exportParams = new URLSearchParams(params);
      exportParams.set("format", fmt);
      link.setAttribute("href", link.getAttribute("href").split("?")[0] + "?" + exportParams);
    }
  }

  // ---- data ----------------------------------------------------------------
  async function load(filters) {
    const key = filters.toString();
    if (key === filterKey && data) return;
    statusNode.textContent = labels.loading;
    statusNode.classList.remove("error");
    const early = window.cwEarlyData;
    window.cwEarlyData = null;
    const response = await (early && early.key === key ? early.response
      : fetch(mapNode.dataset.url + "?" + key, {
        headers: { Accept: "application/json" }, credentials: "same-origin" }));
    const body = await response.json();
    if (!response.ok) {
      const names = Object.keys(body.errors || {});
      statusNode.textContent = (body.detail || labels.failed) + " " +
        names.map((n) => n + ": " + body.errors[n].join(" ")).join(" ");
      statusNode.classList.add("error");
      data = { count: 0, id: [], day: [], lon: [], lat: [], killed: [], type: [], place: [] };
    } else {
      statusNode.textContent = "";
      data = body;
    }
    // The server sends rows oldest first; check rather than trust it.
    data.sorted = data.day.every((day, i) => i === 0 || data.day[i - 1] <= day);
    filterKey = key;
  }

  function row(i) {
    return { id: data.id[i], day: data.day[i], lon: data.lon[i], lat: data.lat[i],
      killed: data.killed[i], type: data.type[i], place: data.place[i] };
  }

  function applyBrush() {
    selection = [];
    const days = data.day;
    for (let i = 0; i < days.length; i++) {
      if (!brush || (days[i] >= brush[0] && days[i] <= brush[1])) selection.push(i);
    }
    buildIndex();
    renderMarkers();
    clearBrushButton.hidden = !brush;
    return renderList();
  }

  // ---- map -----------------------------------------------------------------
  function buildIndex() {
    // Each point's properties are its toll (k) and one count per event type
    // (t0, t1, …); supercluster copies them into a cluster and sums them in
    // reduce, so a cluster knows its deaths and its commonest type. No map
    // function: the properties object is used as it is, nothing per zoom level.
    const typeCount = eventTypes.length;
    index = new Supercluster({
      radius: 60, maxZoom: 10,
      reduce: (acc, p) => {
        acc.k += p.k;
        for (let t = 0; t < typeCount; t++) acc["t" + t] += p["t" + t];
      },
    });
    const points = new Array(selection.length);
    for (let n = 0; n < selection.length; n++) {
      const i = selection[n];
      const properties = { i, k: data.killed[i] || 0 };
      for (let t = 0; t < typeCount; t++) properties["t" + t] = data.type[i] === t ? 1 : 0;
      points[n] = {
        type: "Feature",
        geometry: { type: "Point", coordinates: [data.lon[i], data.lat[i]] },
        properties,
      };
    }
    index.load(points);
  }

  function dominantType(props) {
    let best = 0;
    for (let t = 1; t < eventTypes.length; t++) {
      if (props["t" + t] > props["t" + best]) best = t;
    }
    return eventTypes[best];
  }

  function clusterIcon(props) {
    const size = Math.round(26 + Math.min(34, Math.sqrt(props.k) * 2.2));
    const type = dominantType(props);
    const label = el("span", { className: "cluster",
      style: { width: size + "px", height: size + "px", background: type.color,
        lineHeight: size + "px" },
      text: props.point_count_abbreviated });
    return L.divIcon({ html: label, className: "cluster-icon", iconSize: [size, size] });
  }

  function renderMarkers() {
    markerLayer.clearLayers();
    if (!index) return;
    const b = map.getBounds();
    const bbox = [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()),
      Math.min(180, b.getEast()), Math.min(85, b.getNorth())];
    const zoom = Math.round(map.getZoom());
    const single = new Map();  // "lat,lon" -> row indexes of unclustered points there
    for (const feature of index.getClusters(bbox, zoom)) {
      const [lon, lat] = feature.geometry.coordinates;
      const props = feature.properties;
      if (props.cluster) {
        const marker = L.marker([lat, lon], {
          icon: clusterIcon(props),
          title: format(labels.cluster, { count: numberFormat.format(props.point_count),
            killed: numberFormat.format(props.k) }),
        });
        const expansion = index.getClusterExpansionZoom(props.cluster_id);
        if (expansion > index.options.maxZoom || expansion > map.getMaxZoom()) {
          // Zooming in would never split it: list its incidents instead.
          const rows = index.getLeaves(props.cluster_id, Infinity).map((f) => row(f.properties.i));
          marker.bindPopup(() => CW.stackPopup(rows, incidentUrl));
        } else {
          marker.on("click", () => map.setView([lat, lon], Math.min(expansion, 18)));
        }
        marker.addTo(markerLayer);
      } else {
        const key = lat + "," + lon;
        if (!single.has(key)) single.set(key, []);
        single.get(key).push(props.i);
      }
    }
    for (const indexes of single.values()) {
      const i = indexes[0];
      if (indexes.length > 1) {
        const killed = indexes.reduce((sum, n) => sum + (data.killed[n] || 0), 0);
        const marker = L.marker([data.lat[i], data.lon[i]], {
          icon: clusterIcon(Object.assign({ k: killed, point_count_abbreviated: indexes.length },
            ...eventTypes.map((_, t) => ({ ["t" + t]: indexes.filter((n) => data.type[n] === t).length })))),
          title: format(labels.stack, { count: indexes.length }),
        });
        marker.bindPopup(() => CW.stackPopup(indexes.map(row), incidentUrl));
        marker.addTo(markerLayer);
        continue;
      }
      const marker = CW.incidentMarker(data.lat[i], data.lon[i], data.killed[i], eventTypes[data.type[i]]);
      marker.bindPopup(() => CW.popup(row(i), incidentUrl));
      marker.on("mouseover", () => highlightList(data.id[i], true));
      marker.on("mouseout", () => highlightList(data.id[i], false));
      marker.addTo(markerLayer);
    }
    mapNode.dataset.markers = String(markerLayer.getLayers().length);
  }

  function highlightMarker(i) {
    highlightLayer.clearLayers();
    if (i === null) return;
    L.circleMarker([data.lat[i], data.lon[i]], {
      pane: "highlight", renderer: highlightRenderer, radius: CW.radius(data.killed[i]) + 6, color: "#111827",
      weight: 3, fill: false, interactive: false, className: "highlight-ring",
    }).addTo(highlightLayer);
  }

  function highlightList(id, on) {
    const item = listNode.querySelector('li[data-id="' + id + '"]');
    for (const old of listNode.querySelectorAll("li.hover")) old.classList.remove("hover");
    if (item && on) {
      item.classList.add("hover");
      item.scrollIntoView({ block: "nearest" });
    }
  }

  // ---- list ----------------------------------------------------------------
  function renderList() {
    let rows = selection;
    if (inViewBox.checked) {
      const b = map.getBounds();
      rows = rows.filter((i) => b.contains([data.lat[i], data.lon[i]]));
    }
    listRows = data.sorted ? rows.slice().reverse()  // newest first
      : rows.slice().sort((a, b) => data.day[b] - data.day[a] || data.id[b] - data.id[a]);
    listShown = 0;
    listNode.replaceChildren();
    if (listRows.length === 0) listNode.append(el("li", { className: "empty", text: labels.none }));
    return showMoreRows();
  }

  async function showMoreRows() {
    const end = Math.min(listRows.length, listShown + LIST_PAGE);
    const page = listRows.slice(listShown, end);
    listShown = end;
    const shownRows = listRows;
    await CW.describe(page.map((i) => data.id[i])).catch(() => null);
    if (shownRows !== listRows) return;  // the list was redrawn meanwhile
    const fragment = document.createDocumentFragment();
    for (const i of page) fragment.append(listItem(i));
    listNode.append(fragment);
    moreButton.hidden = listShown >= listRows.length;
    countNode.textContent = format(CW.plural(labels.shown, data.count), {
      shown: numberFormat.format(listRows.length), total: numberFormat.format(data.count) });
    listNode.dataset.count = String(listRows.length);
  }

  function listItem(i) {
    const type = eventTypes[data.type[i]];
    const href = CW.incidentHref(incidentUrl, data.id[i]);
    const described = CW.described.get(data.id[i]);
    const item = el("li", { "data-id": data.id[i] },
      el("span", { className: "swatch", style: { background: type.color }, title: type.name }),
      el("time", { datetime: CW.isoDay(data.day[i]), text: CW.formatDay(data.day[i]) }),
      el("a", { href, className: "place", text: described ? described.name : data.place[i] }),
      el("span", { className: "toll",
        text: described ? described.toll : CW.tollText(data.killed[i]) }),
      described && described.reported ? el("span", { className: "reported muted",
        text: format(labels.asReported, { text: described.reported }) }) : null);
    item.addEventListener("mouseenter", () => { hoverId = i; highlightMarker(i); });
    item.addEventListener("mouseleave", () => {
      if (hoverId === i) { hoverId = null; highlightMarker(null); }
    });
    return item;
  }

  // ---- timeline ------------------------------------------------------------
  function chooseBucket(span) {
    if (span <= 120) return ["day", labels.perDay];
    if (span <= 1100) return ["week", labels.perWeek];
    return ["month", labels.perMonth];
  }

  function bucketStart(day, bucket) {
    if (bucket === "day") return day;
    if (bucket === "week") return day - ((new Date(day * CW.DAY_MS).getUTCDay() + 6) % 7);
    const d = new Date(day * CW.DAY_MS);
    return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / CW.DAY_MS);
  }

  function nextBucket(start, bucket) {
    if (bucket === "day") return start + 1;
    if (bucket === "week") return start + 7;
    const d = new Date(start * CW.DAY_MS);
    return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / CW.DAY_MS);
  }

  function drawTimeline() {
    const filters = readState().filters;
    let first = CW.dayFromIso(filters.get("date_from") || "");
    let last = CW.dayFromIso(filters.get("date_to") || "");
    if (data.day.length) {
      if (first === null) first = d3.min(data.day);
      if (last === null) last = d3.max(data.day);
    }
    if (first === null || last === null || last < first) {
      const today = Math.floor(Date.now() / CW.DAY_MS);
      first = first === null ? today - 30 : first;
      last = last === null || last < first ? first + 30 : last;
    }
    if (last - first < 14) {  // a few days of data still get a readable axis
      const pad = Math.ceil((14 - (last - first)) / 2);
      first -= pad;
      last += pad;
    }
    const [bucket, bucketText] = chooseBucket(last - first);
    bucketLabel.textContent = bucketText;
    const start = bucketStart(first, bucket);
    const buckets = new Map();
    for (let b = start; b <= last; b = nextBucket(b, bucket)) {
      buckets.set(b, { start: b, end: nextBucket(b, bucket), incidents: 0, killed: 0 });
    }
    for (let i = 0; i < data.day.length; i++) {
      const entry = buckets.get(bucketStart(data.day[i], bucket));
      if (entry) { entry.incidents += 1; entry.killed += data.killed[i] || 0; }
    }
    const bars = Array.from(buckets.values());
    const end = bars.length ? bars[bars.length - 1].end : last + 1;

    const width = Math.max(260, timelineNode.clientWidth);
    const height = 170;
    const margin = { top: 10, right: 40, bottom: 22, left: 36 };
    const toDate = (day) => new Date(day * CW.DAY_MS);
    const x = d3.scaleUtc().domain([toDate(start), toDate(end)])
      .range([margin.left, width - margin.right]);
    const yCount = d3.scaleLinear().domain([0, d3.max(bars, (d) => d.incidents) || 1]).nice()
      .range([height - margin.bottom, margin.top]);
    const yKilled = d3.scaleLinear().domain([0, d3.max(bars, (d) => d.killed) || 1]).nice()
      .range([height - margin.bottom, margin.top]);

    const svg = d3.create("svg").attr("width", width).attr("height", height)
      .attr("viewBox", [0, 0, width, height]).attr("class", "timeline-svg");
    svg.append("g").attr("class", "bars").selectAll("rect").data(bars).join("rect")
      .attr("x", (d) => x(toDate(d.start)) + 0.5)
      .attr("width", (d) => Math.max(1, x(toDate(d.end)) - x(toDate(d.start)) - 1))
      .attr("y", (d) => yCount(d.incidents))
      .attr("height", (d) => yCount(0) - yCount(d.incidents))
      .append("title").text((d) => CW.formatDay(d.start) + ": " +
        numberFormat.format(d.incidents) + " " + labels.incidents + ", " +
        numberFormat.format(d.killed) + " " + labels.deaths);
    const line = d3.line().curve(d3.curveStepAfter)
      .x((d) => x(toDate(d.start))).y((d) => yKilled(d.killed));
    svg.append("path").datum(bars.concat(bars.length ? [{ start: end, killed: bars[bars.length - 1].killed }] : []))
      .attr("class", "deaths").attr("d", line);
    svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickSizeOuter(0));
    svg.append("g").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(yCount).ticks(Math.min(4, yCount.domain()[1])).tickFormat((n) => numberFormat.format(n)));
    svg.append("g").attr("class", "axis-deaths")
      .attr("transform", `translate(${width - margin.right},0)`)
      .call(d3.axisRight(yKilled).ticks(Math.min(4, yKilled.domain()[1])).tickFormat((n) => numberFormat.format(n)));

    const brushBehaviour = d3.brushX()
      .extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", (event) => {
        if (!event.sourceEvent) return;  // moved by code, not by the reader
        if (!event.selection) {
          brush = null;
        } else {
          const [a, b] = event.selection.map((px) => x.invert(px).getTime() / CW.DAY_MS);
          brush = [Math.floor(a), Math.max(Math.floor(a), Math.ceil(b) - 1)];
        }
        applyBrush();
        writeState(true);
      });
    const brushGroup = svg.append("g").attr("class", "brush").call(brushBehaviour);
    if (brush) {
      brushGroup.call(brushBehaviour.move, [x(toDate(brush[0])), x(toDate(brush[1] + 1))]);
    }
    timelineNode.replaceChildren(svg.node());
    timelineNode.dataset.bucket = bucket;
    timelineNode.dataset.bars = String(bars.length);
    timeline = { svg, brushBehaviour, brushGroup };
  }

  // ---- wiring --------------------------------------------------------------
  function setMapView(text) {
    const view = (text || "").split("/").map(Number);
    if (view.length !== 3 || !view.every(Number.isFinite)) return false;
    map.setView([view[1], view[2]], view[0], { animate: false });
    return true;
  }

  async function refresh(fromUrl) {
    const state = readState();
    if (fromUrl) setMapView(state.map);
    brush = state.brush;
    inViewBox.checked = state.inView;
    if (fromUrl) setFormFromQuery(state.filters);
    const t0 = performance.now();
    await load(state.filters);
    const t1 = performance.now();
    drawTimeline();
    const t2 = performance.now();
    await applyBrush();
    window.cwTimings = { waitData: Math.round(t1 - t0), timeline: Math.round(t2 - t1),
      mapAndList: Math.round(performance.now() - t2) };
    updateExports();
    window.cwRenders += 1;
    document.body.dataset.renders = String(window.cwRenders);
  }

  function fitToData() {
    if (!data || !data.lat.length) return;
    let south = 90, north = -90, west = 180, east = -180;
    for (let i = 0; i < data.lat.length; i++) {
      south = Math.min(south, data.lat[i]); north = Math.max(north, data.lat[i]);
      west = Math.min(west, data.lon[i]); east = Math.max(east, data.lon[i]);
    }
    map.fitBounds([[south, west], [north, east]], { maxZoom: 8, padding: [20, 20] });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = formQuery();
    const current = new URLSearchParams(location.search);
    if (current.get("inview")) query.set("inview", current.get("inview"));
    if (current.get("map")) query.set("map", current.get("map"));
    history.pushState(null, "", location.pathname + "?" + query.toString());
    refresh(false);
  });
  window.addEventListener("popstate", () => refresh(true));
  inViewBox.addEventListener("change", () => { renderList(); writeState(true); });
  clearBrushButton.addEventListener("click", () => {
    brush = null;
    timeline.brushGroup.call(timeline.brushBehaviour.move, null);
    applyBrush();
    writeState(true);
  });
  moreButton.addEventListener("click", showMoreRows);
  map.on("moveend", () => {
    renderMarkers();
    if (inViewBox.checked) renderList();
    if (data) writeState(false);
  });
  let resizeFrame = null;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => { if (data) drawTimeline(); });
  });

  // On a phone the filter panel starts folded so the map comes first.
  if (window.matchMedia("(max-width: 900px)").matches) {
    document.getElementById("filter-details").open = false;
  }

  const viewFromUrl = setMapView(readState().map);
  refresh(false).then(() => {
    if (!viewFromUrl) fitToData();
    renderMarkers();
    document.body.dataset.ready = "1";
    window.cwReadyAt = performance.now();
    resolveReady({ count: data.count });
  }).catch((error) => {
    statusNode.textContent = labels.failed;
    statusNode.classList.add("error");
    document.body.dataset.ready = "error";
    resolveReady({ error: String(error) });
  });
})();
