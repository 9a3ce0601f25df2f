/* The main page: incidents on a clustered map, a timeline with a brush, the
 * list of incidents, and a filter panel. The URL holds the state: filter
 * parameters (the shared IncidentFilterSet's names) plus view-only ones —
 * brush=YYYY-MM-DD,YYYY-MM-DD, inview=1 and map=zoom/lat/lon.
 *
 * What the page asks for follows the screen, not the data:
 * - timeline.json: incidents and deaths per day under the filters, once per
 *   filter change; the bars are bucketed here, the brush selects days in them;
 * - map.json: for the map's view (a little more, snapped to the server's grid)
 *   and zoom, under the filters and the brush: the incidents themselves when
 *   few are in view (clustered here), otherwise the server's grid clusters;
 * - list.json: one page of the list, newest first.
 * Every answer has an ETag, so asking again for an unchanged view is a 304. */
(function () {
  "use strict";
  const { el, labels, eventTypes, format, numberFormat } = CW;
  const VIEW_KEYS = ["brush", "inview", "map"];
  const MOVE_DELAY_MS = 150;    // debounce of moveend (Leaflet fires it after each zoom too)
  const CELL_PIXELS = 64;       // the server's grid (incidents/models/mapcells.py)
  const STACK_PAGE = 200;

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
  const urls = { map: mapNode.dataset.mapUrl, timeline: mapNode.dataset.timelineUrl,
    list: mapNode.dataset.listUrl };

  let resolveReady;
  window.cwReady = new Promise((resolve) => { resolveReady = resolve; });
  window.cwRenders = 0;
  window.cwRedraw = null;

  const map = CW.makeMap(mapNode);
  CW.drawRoutes(map, CW.readJson("cw-routes") || []);
  CW.legendControl(eventTypes).addTo(map);
  const markerLayer = L.layerGroup().addTo(map);
  const highlightLayer = L.layerGroup().addTo(map);
  const highlightRenderer = L.svg({ pane: "highlight" });

  const EMPTY_DAYS = { count: 0, day: [], incidents: [], killed: [] };
  let days = EMPTY_DAYS;    // per-day counts under the filters
  let filterKey = null;     // the filter query the timeline belongs to
  let brush = null;         // [firstDay, lastDay] inclusive, or null
  let feed = null;          // the last map.json answer, and what it covers
  let pending = null;       // the map request in flight: { query, controller, promise }
  let index = null;         // supercluster over feed's points, in "points" mode
  let list = { rows: [], count: 0, more: false };
  let listSeq = 0;
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
    if (brush) params.set("brush", brushText());
    if (inViewBox.checked) params.set("inview", "1");
    const center = map.getCenter();
    params.set("map", [map.getZoom(), center.lat.toFixed(4), center.lng.toFixed(4)].join("/"));
    const url = location.pathname + "?" + params.toString();
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    updateExports();
  }

  function brushText() {
    return CW.isoDay(brush[0]) + "," + CW.isoDay(brush[1]);
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

  function viewBox(bounds) {
    return [Math.max(-180, bounds.getWest()), Math.max(-85, bounds.getSouth()),
      Math.min(180, bounds.getEast()), Math.min(85, bounds.getNorth())];
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
      params.set("bbox", viewBox(map.getBounds()).map((n) => n.toFixed(4)).join(","));
    }
    for (const [id, fmt] of [["export-csv", "csv"], ["export-geojson", "geojson"]]) {
      const link = document.getElementById(id);
      const exportParams = new URLSearchParams(params);
      exportParams.set("format", fmt);
      link.setAttribute("href", link.getAttribute("href").split("?")[0] + "?" + exportParams);
    }
  }

  // ---- requests ------------------------------------------------------------
  function showError(body) {
    const names = Object.keys((body && body.errors) || {});
    statusNode.textContent = ((body && body.detail) || labels.failed) + " " +
      names.map((n) => n + ": " + body.errors[n].join(" ")).join(" ");
    statusNode.classList.add("error");
  }

  // The last answers and their ETags, by URL: asking again for a view seen
  // before sends If-None-Match, and a 304 reuses the answer kept here.
  const remembered = new Map();
  const REMEMBER = 40;

  async function getJson(url, options) {
    const known = remembered.get(url);
    const headers = { Accept: "application/json" };
    if (known) headers["If-None-Match"] = known.etag;
    const response = await (options && options.early ? options.early
      : fetch(url, { headers, credentials: "same-origin", signal: options && options.signal }));
    if (response.status === 304 && known) return known.body;
    const body = await response.json();
    if (!response.ok) {
      showError(body);
      return null;
    }
    const etag = response.headers.get("ETag");
    remembered.delete(url);
    if (etag) remembered.set(url, { etag, body });
    if (remembered.size > REMEMBER) remembered.delete(remembered.keys().next().value);
    return body;
  }

  // What the filters and the brush ask for, plus the given view parameters.
  function feedQuery(extra) {
    const params = new URLSearchParams(filterKey || "");
    if (brush) params.set("brush", brushText());
    for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
    return params.toString();
  }

  // ---- timeline data -------------------------------------------------------
  async function loadTimeline(filters, wantExtent) {
    const key = filters.toString();
    const query = new URLSearchParams(filters);
    if (wantExtent) query.set("extent", "1");
    const early = window.cwEarlyData;
    window.cwEarlyData = null;
    statusNode.textContent = labels.loading;
    statusNode.classList.remove("error");
    filterKey = key;  // before any await: the map and list requests use it at once
    const body = await getJson(urls.timeline + "?" + query,
      { early: early && early.key === query.toString() ? early.response : null });
    if (filterKey !== key) return null;  // the filters changed again meanwhile
    days = body || EMPTY_DAYS;
    if (body) statusNode.textContent = "";
    return body;
  }

  // ---- map -----------------------------------------------------------------
  // The view asked for: the map's bounds with a margin, snapped outward to the
  // server's grid so that a small pan asks the same question again.
  function requestedView() {
    const zoom = Math.round(map.getZoom());
    const cell = CELL_PIXELS * 360 / (256 * Math.pow(2, zoom));
    const [w, s, e, n] = viewBox(map.getBounds().pad(0.2));
    const snap = (v, up) => (up ? Math.ceil(v / cell) : Math.floor(v / cell)) * cell;
    const box = [Math.max(-180, snap(w)), Math.max(-85, snap(s)),
      Math.min(180, snap(e, true)), Math.min(85, snap(n, true))];
    return { zoom, box };
  }

  async function loadMap() {
    const started = performance.now();
    const view = requestedView();
    const key = feedQuery();
    // Incidents already here as rows cover any view inside theirs, at any
    // deeper zoom: nothing to ask.
    if (feed && feed.key === key && feed.mode === "points" && view.zoom >= feed.zoom &&
        L.latLngBounds([feed.box[1], feed.box[0]], [feed.box[3], feed.box[2]])
          .contains(map.getBounds())) {
      renderMarkers();
      return performance.now() - started;
    }
    const query = feedQuery({ view: view.box.map((v) => +v.toFixed(6)).join(","),
      zoom: String(view.zoom) });
    if (pending && pending.query === query) return pending.promise;  // already on its way
    if (!pending && feed && feed.query === query) {
      renderMarkers();
      return performance.now() - started;
    }
    if (pending) pending.controller.abort();  // a newer view replaces it
    const controller = new AbortController();
    const promise = fetchFeed({ query, key, view, controller, started });
    pending = { query, controller, promise };
    return promise;
  }

  async function fetchFeed({ query, key, view, controller, started }) {
    let body;
    try {
      body = await getJson(urls.map + "?" + query, { signal: controller.signal });
    } catch (error) {
      if (error.name === "AbortError") return null;
      throw error;
    }
    if (!pending || pending.controller !== controller) return null;  // replaced meanwhile
    pending = null;
    if (!body) {
      feed = null;
      index = null;
      markerLayer.clearLayers();
      drawn = { feed: null, zoom: null };
      return null;
    }
    feed = Object.assign(body, { key, query, zoom: view.zoom, box: view.box });
    index = feed.mode === "points" ? buildIndex(feed.points) : null;
    renderMarkers();
    return performance.now() - started;
  }

  function pointRow(points, i) {
    return { id: points.id[i], day: points.day[i], lon: points.lon[i], lat: points.lat[i],
      killed: points.killed[i], type: points.type[i], place: points.place[i] };
  }

  function buildIndex(points) {
    // Each point's properties are its toll (k) and one count per event type
    // (t0, t1, …); supercluster copies them into a cluster and sums them in
    // reduce, so a cluster knows its deaths and its commonest type.
    const typeCount = eventTypes.length;
    const tree = new Supercluster({
      radius: 60, maxZoom: 10,
      reduce: (acc, p) => {
        acc.k += p.k;
        for (let t = 0; t < typeCount; t++) acc["t" + t] += p["t" + t];
      },
    });
    const features = new Array(points.id.length);
    for (let i = 0; i < points.id.length; i++) {
      const properties = { i, k: points.killed[i] || 0 };
      for (let t = 0; t < typeCount; t++) properties["t" + t] = points.type[i] === t ? 1 : 0;
      features[i] = { type: "Feature",
        geometry: { type: "Point", coordinates: [points.lon[i], points.lat[i]] }, properties };
    }
    tree.load(features);
    return tree;
  }

  function dominantType(props) {
    let best = 0;
    for (let t = 1; t < eventTypes.length; t++) {
      if (props["t" + t] > props["t" + best]) best = t;
    }
    return eventTypes[best];
  }

  function abbreviated(count) {  // as supercluster writes point_count_abbreviated
    if (count >= 10000) return Math.round(count / 1000) + "k";
    if (count >= 1000) return Math.round(count / 100) / 10 + "k";
    return String(count);
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

  function clusterMarker(lat, lon, count, killed, typeCounts) {
    const props = { k: killed, point_count_abbreviated: abbreviated(count) };
    typeCounts.forEach((n, t) => { props["t" + t] = n; });
    return L.marker([lat, lon], {
      icon: clusterIcon(props),
      title: format(labels.cluster, { count: numberFormat.format(count),
        killed: numberFormat.format(killed) }),
    });
  }

  function pointMarker(row) {
    const marker = CW.incidentMarker(row.lat, row.lon, row.killed, eventTypes[row.type]);
    marker.bindPopup(() => CW.popup(row, incidentUrl));
    marker.on("mouseover", () => highlightList(row.id, true));
    marker.on("mouseout", () => highlightList(row.id, false));
    return marker;
  }

  // Drawn again only for a new answer or zoom: a pan inside the area already
  // answered changes nothing, and an open popup stays open.
  let drawn = { feed: null, zoom: null };
  function renderMarkers() {
    const zoom = Math.round(map.getZoom());
    if (drawn.feed === feed && drawn.zoom === zoom) return;
    drawn = { feed, zoom };
    markerLayer.clearLayers();
    if (feed && feed.mode === "points") renderPoints();
    else if (feed) renderClusters();
    mapNode.dataset.markers = String(markerLayer.getLayers().length);
    mapNode.dataset.mode = feed ? feed.mode : "";
    mapNode.dataset.zoom = String(zoom);
    mapNode.dataset.inView = feed ? String(feed.count) : "0";
  }

  // Few incidents in view: the server sent them all; cluster them here.
  function renderPoints() {
    const points = feed.points;
    const zoom = Math.round(map.getZoom());
    const single = new Map();  // "lat,lon" -> indexes of unclustered points there
    for (const feature of index.getClusters(feed.box, zoom)) {
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
          const rows = index.getLeaves(props.cluster_id, Infinity)
            .map((f) => pointRow(points, f.properties.i));
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
      if (indexes.length > 1) {
        const killed = indexes.reduce((sum, n) => sum + (points.killed[n] || 0), 0);
        const types = eventTypes.map((_, t) => indexes.filter((n) => points.type[n] === t).length);
        const marker = clusterMarker(points.lat[indexes[0]], points.lon[indexes[0]],
          indexes.length, killed, types);
        marker.options.title = format(labels.stack, { count: indexes.length });
        marker.bindPopup(() => CW.stackPopup(indexes.map((n) => pointRow(points, n)), incidentUrl));
        marker.addTo(markerLayer);
      } else {
        pointMarker(pointRow(points, indexes[0])).addTo(markerLayer);
      }
    }
  }

  // Many incidents in view: the server's grid cells, each a counted cluster;
  // a cell of one incident is that incident.
  function renderClusters() {
    const c = feed.clusters;
    for (let n = 0; n < c.count.length; n++) {
      const marker = clusterMarker(c.lat[n], c.lon[n], c.count[n], c.killed[n], c.types[n]);
      const box = [c.west[n], c.south[n], c.east[n], c.north[n]];
      const onePoint = box[0] === box[2] && box[1] === box[3];
      if (onePoint || map.getZoom() >= map.getMaxZoom()) {
        let stack = null;  // Leaflet calls this again on each update(): build it once
        marker.bindPopup(() => stack || (stack = serverStack(marker, box, c.count[n])),
          { maxWidth: 320 });
      } else {
        marker.on("click", () => map.fitBounds([[box[1], box[0]], [box[3], box[2]]],
          { maxZoom: map.getMaxZoom() }));
      }
      marker.addTo(markerLayer);
    }
    const p = feed.points;
    for (let i = 0; i < p.id.length; i++) pointMarker(pointRow(p, i)).addTo(markerLayer);
  }

  // The incidents of a cluster that zooming would never split, from the
  // server a page at a time (there may be thousands at one village).
  function serverStack(marker, box, count) {
    const holder = el("div", { className: "popup", text: labels.loading });
    const rows = [];
    const pad = 0.0001;  // the extent is rounded to 4 decimals
    async function more() {
      const params = { view: [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad]
        .map((v) => v.toFixed(5)).join(","), limit: String(STACK_PAGE) };
      if (rows.length) {
        const last = rows[rows.length - 1];
        params.before = CW.isoDay(last.day) + "," + last.id;
      }
      const body = await getJson(urls.list + "?" + feedQuery(params));
      if (!body) return;
      for (let i = 0; i < body.id.length; i++) rows.push(pointRow(body, i));
      const content = CW.stackPopup(rows, incidentUrl);
      content.querySelector(".popup-date").textContent = format(labels.stack, { count });
      if (body.more) {
        const button = el("button", { type: "button", className: "linkish stack-more",
          text: labels.more });
        button.addEventListener("click", more);
        content.append(button);
      }
      holder.replaceChildren(content);
      holder.className = "";
      marker.getPopup().update();
    }
    more();
    return holder;
  }

  function highlightMarker(row) {
    highlightLayer.clearLayers();
    if (row === null) return;
    L.circleMarker([row.lat, row.lon], {
      pane: "highlight", renderer: highlightRenderer, radius: CW.radius(row.killed) + 6,
      color: "#111827", weight: 3, fill: false, interactive: false, className: "highlight-ring",
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
  function listParams(after) {
    const params = {};
    if (inViewBox.checked) {
      params.view = viewBox(map.getBounds()).map((n) => n.toFixed(4)).join(",");
    } else if (!after) {
      params.count = "0";  // brushedCount() knows it from the timeline
    }
    if (after) params.before = CW.isoDay(after.day) + "," + after.id;
    return params;
  }

  // Incidents under the filters within the brush, from the timeline's days.
  function brushedCount() {
    if (!brush) return days.count;
    let count = 0;
    for (let i = 0; i < days.day.length; i++) {
      if (days.day[i] >= brush[0] && days.day[i] <= brush[1]) count += days.incidents[i];
    }
    return count;
  }

  async function loadList() {
    const started = performance.now();
    const seq = ++listSeq;
    const body = await getJson(urls.list + "?" + feedQuery(listParams(null)));
    if (seq !== listSeq) return null;  // a newer list was asked for meanwhile
    list = { rows: [], count: body ? (body.count === null ? brushedCount() : body.count) : 0,
      more: false };
    listNode.replaceChildren();
    await appendPage(body, seq);
    if (seq !== listSeq) return null;
    if (list.rows.length === 0) listNode.append(el("li", { className: "empty", text: labels.none }));
    return performance.now() - started;
  }

  async function showMoreRows() {
    const seq = listSeq;
    const body = await getJson(urls.list + "?" +
      feedQuery(listParams(list.rows[list.rows.length - 1])));
    if (seq === listSeq) await appendPage(body, seq);
  }

  async function appendPage(body, seq) {
    const rows = [];
    if (body) for (let i = 0; i < body.id.length; i++) rows.push(pointRow(body, i));
    await CW.describe(rows.map((row) => row.id)).catch(() => null);
    if (seq !== listSeq) return;  // the list was redrawn meanwhile
    const fragment = document.createDocumentFragment();
    for (const row of rows) fragment.append(listItem(row));
    listNode.append(fragment);
    list.rows = list.rows.concat(rows);
    list.more = Boolean(body && body.more);
    moreButton.hidden = !list.more;
    countNode.textContent = format(CW.plural(labels.shown, days.count), {
      shown: numberFormat.format(list.count), total: numberFormat.format(days.count) });
    listNode.dataset.count = String(list.count);
  }

  function listItem(row) {
    const type = eventTypes[row.type];
    const href = CW.incidentHref(incidentUrl, row.id);
    const described = CW.described.get(row.id);
    const item = el("li", { "data-id": row.id },
      el("span", { className: "swatch", style: { background: type.color }, title: type.name }),
      el("time", { datetime: CW.isoDay(row.day), text: CW.formatDay(row.day) }),
      el("a", { href, className: "place", text: described ? described.name : row.place }),
      el("span", { className: "toll",
        text: described ? described.toll : CW.tollText(row.killed) }),
      described && described.reported ? el("span", { className: "reported muted",
        text: format(labels.asReported, { text: described.reported }) }) : null);
    item.addEventListener("mouseenter", () => { hoverId = row.id; highlightMarker(row); });
    item.addEventListener("mouseleave", () => {
      if (hoverId === row.id) { hoverId = null; highlightMarker(null); }
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
    if (days.day.length) {  // the server sends days oldest first
      if (first === null) first = days.day[0];
      if (last === null) last = days.day[days.day.length - 1];
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
    for (let i = 0; i < days.day.length; i++) {
      const entry = buckets.get(bucketStart(days.day[i], bucket));
      if (entry) { entry.incidents += days.incidents[i]; entry.killed += days.killed[i]; }
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
      .attr("class", "axis-dates")
      .call(CW.dateAxis(d3.axisBottom, x, Math.max(2, Math.floor(width / 90))));
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
        brushChanged();
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

  // The brush moved: the map and the list ask for the new period; the
  // timeline itself stays as it is. The URL takes the brush once both show
  // it. window.cwRedraw times it (bench/map_feed.py).
  let brushSeq = 0;
  function brushChanged() {
    clearBrushButton.hidden = !brush;
    const seq = ++brushSeq;
    const redraw = { brush: brush ? brushText() : null, map: null, list: null };
    const started = performance.now();
    Promise.all([
      loadMap().then(() => { redraw.map = Math.round(performance.now() - started); }),
      loadList().then(() => { redraw.list = Math.round(performance.now() - started); }),
    ]).then(() => {
      if (seq !== brushSeq) return;  // brushed again meanwhile
      writeState(true);
      window.cwRedraw = redraw;
    });
  }

  // ---- wiring --------------------------------------------------------------
  function setMapView(text) {
    const view = (text || "").split("/").map(Number);
    if (view.length !== 3 || !view.every(Number.isFinite)) return false;
    map.setView([view[1], view[2]], view[0], { animate: false });
    return true;
  }

  function fitToExtent(extent) {
    if (!extent) return;
    const [west, south, east, north] = extent;
    map.fitBounds([[south, west], [north, east]], { maxZoom: 8, padding: [20, 20],
      animate: false });
  }

  async function refresh(fromUrl, fitData) {
    const state = readState();
    if (fromUrl) setMapView(state.map);
    brush = state.brush;
    clearBrushButton.hidden = !brush;
    inViewBox.checked = state.inView;
    if (fromUrl) setFormFromQuery(state.filters);
    const t0 = performance.now();
    let timelineLoaded = Promise.resolve(null);
    if (state.filters.toString() !== filterKey || fitData) {
      timelineLoaded = loadTimeline(state.filters, fitData);
    }
    if (fitData) {  // the first view is the incidents' extent: wait for it
      const body = await timelineLoaded;
      if (body) fitToExtent(body.extent);
    }
    // The map asks at once; the list waits for the timeline, whose days give its count.
    const mapDrawn = loadMap();
    await timelineLoaded;
    const t1 = performance.now();
    drawTimeline();
    const t2 = performance.now();
    await Promise.all([mapDrawn, loadList()]);
    window.cwTimings = { waitTimeline: Math.round(t1 - t0), timeline: Math.round(t2 - t1),
      mapAndList: Math.round(performance.now() - t2) };
    updateExports();
    window.cwRenders += 1;
    document.body.dataset.renders = String(window.cwRenders);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = formQuery();
    const current = new URLSearchParams(location.search);
    if (current.get("inview")) query.set("inview", current.get("inview"));
    if (current.get("map")) query.set("map", current.get("map"));
    history.pushState(null, "", location.pathname + "?" + query.toString());
    refresh(false, false);
  });
  window.addEventListener("popstate", () => refresh(true, false));
  inViewBox.addEventListener("change", () => { loadList(); writeState(true); });
  clearBrushButton.addEventListener("click", () => {
    brush = null;
    timeline.brushGroup.call(timeline.brushBehaviour.move, null);
    brushChanged();
  });
  moreButton.addEventListener("click", showMoreRows);
  let moveTimer = null;
  map.on("moveend", () => {
    if (filterKey === null) return;  // before the first load
    clearTimeout(moveTimer);
    moveTimer = setTimeout(() => {
      loadMap();
      if (inViewBox.checked) loadList();
      writeState(false);
    }, MOVE_DELAY_MS);
  });
  let resizeFrame = null;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => { if (filterKey !== null) drawTimeline(); });
  });

  // On a phone the filter panel starts folded so the map comes first.
  if (window.matchMedia("(max-width: 900px)").matches) {
    document.getElementById("filter-details").open = false;
  }

  const viewFromUrl = setMapView(readState().map);
  refresh(false, !viewFromUrl).then(() => {
    document.body.dataset.ready = "1";
    window.cwReadyAt = performance.now();
    resolveReady({ count: days.count });
  }).catch((error) => {
    statusNode.textContent = labels.failed;
    statusNode.classList.add("error");
    document.body.dataset.ready = "error";
    resolveReady({ error: String(error) });
  });
})();
