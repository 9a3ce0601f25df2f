/* Road view: the map zoomed to one road with its buffer, and a space-time
 * chart — km along the road from its start against date — whose box brush
 * picks a stretch and a period, linked to the map and the table. */
(function () {
  "use strict";
  const { el, labels, eventTypes, numberFormat } = CW;
  const mapNode = document.getElementById("route-map");
  const statusNode = document.getElementById("map-status");
  const chartNode = document.getElementById("spacetime");
  const tableBody = document.querySelector("#route-incidents tbody");
  const countNode = document.getElementById("route-count");
  const clearButton = document.getElementById("clear-selection");
  const placesAlong = CW.readJson("cw-places-along") || [];
  const incidentUrl = mapNode.dataset.incidentUrl;

  let resolveReady;
  window.cwReady = new Promise((resolve) => { resolveReady = resolve; });
  document.getElementById("route-select").addEventListener("change", (event) => {
    location.href = event.target.value + location.search;
  });

  const map = CW.makeMap(mapNode);
  CW.legendControl(eventTypes).addTo(map);
  const pointLayer = L.layerGroup().addTo(map);
  let data = null;
  let markers = [];
  let selected = null;  // Set of row indexes, or null for all
  let chart = null;

  function row(i) {
    return { id: data.id[i], day: data.day[i], lon: data.lon[i], lat: data.lat[i],
      killed: data.killed[i], type: data.type[i], place: data.place[i], km: data.km[i] };
  }

  function hover(i, on) {
    const marker = markers[i];
    if (marker) marker.setStyle({ weight: on ? 4 : 1, color: on ? "#000" : "#1f2937" });
    const tr = tableBody.querySelector('tr[data-index="' + i + '"]');
    if (tr) tr.classList.toggle("hover", on);
    if (chart) chart.dots.filter((d) => d === i).attr("stroke-width", on ? 3 : 0.8);
  }

  function drawMap(route) {
    L.geoJSON(route.buffer, { style: { color: "#2563eb", weight: 1, fillOpacity: 0.08 },
      interactive: false }).addTo(map);
    const line = CW.drawRoutes(map, [{ name: route.name, line: route.line }]);
    // Villages on the road, named on the map too (the basemap names the towns).
    CWBasemap.config().then((basemap) => {
      const towns = new Set(basemap.towns.map((town) => town.name));
      for (const place of placesAlong.filter((p) => !towns.has(p.name))) {
        L.circleMarker([place.lat, place.lon], { radius: 3, color: "#111827", weight: 1,
          fillColor: "#ffffff", fillOpacity: 1, interactive: false })
          .bindTooltip(el("span", { text: place.name }), {
            permanent: true, direction: "right", className: "place-tooltip" })
          .addTo(map);
      }
    });
    markers = data.id.map((_, i) => {
      const marker = CW.incidentMarker(data.lat[i], data.lon[i], data.killed[i],
        eventTypes[data.type[i]]);
      marker.bindPopup(() => {
        const content = CW.popup(row(i), incidentUrl);
        content.insertBefore(el("div", { text: labels.km + " " + numberFormat.format(data.km[i]) }),
          content.lastChild);
        return content;
      });
      marker.on("mouseover", () => hover(i, true));
      marker.on("mouseout", () => hover(i, false));
      return marker.addTo(pointLayer);
    });
    map.fitBounds(L.geoJSON(route.buffer).getBounds(), { padding: [10, 10] });
    return line;
  }

  function drawTable() {
    const rows = data.id.map((_, i) => i)
      .filter((i) => !selected || selected.has(i))
      .sort((a, b) => data.km[a] - data.km[b] || data.day[a] - data.day[b]);
    tableBody.replaceChildren(...rows.map((i) => {
      const described = CW.described.get(data.id[i]);
      const tr = el("tr", { "data-index": i, "data-id": data.id[i] },
        el("td", { className: "num km", "data-km": data.km[i],
          text: numberFormat.format(data.km[i]) }),
        el("td", {}, el("time", { datetime: CW.isoDay(data.day[i]), text: CW.formatDay(data.day[i]) })),
        el("td", {}, el("span", { className: "swatch", style: { background: eventTypes[data.type[i]].color } }),
          el("a", { href: CW.incidentHref(incidentUrl, data.id[i]),
            text: described ? described.name : data.place[i] })),
        el("td", { className: "num", text: described ? described.toll
          : data.killed[i] === null ? "—" : numberFormat.format(data.killed[i]) }));
      tr.addEventListener("mouseenter", () => hover(i, true));
      tr.addEventListener("mouseleave", () => hover(i, false));
      return tr;
    }));
    countNode.textContent = numberFormat.format(rows.length) + " / " + numberFormat.format(data.count);
  }

  function applySelection() {
    markers.forEach((marker, i) => {
      const on = !selected || selected.has(i);
      marker.setStyle({ fillOpacity: on ? 0.85 : 0.1, opacity: on ? 1 : 0.2 });
    });
    if (chart) chart.dots.classed("dim", (i) => selected && !selected.has(i));
    clearButton.hidden = !selected;
    drawTable();
  }

  function drawChart(route) {
    const width = Math.max(300, chartNode.clientWidth);
    const height = 320;
    const margin = { top: 26, right: 14, bottom: 30, left: 62 };
    const toDate = (day) => new Date(day * CW.DAY_MS);
    const days = data.day;
    let first = days.length ? d3.min(days) : Math.floor(Date.now() / CW.DAY_MS) - 30;
    let last = days.length ? d3.max(days) : first + 30;
    if (last - first < 14) { first -= 7; last += 7; }
    first -= 2;  // keep the dots on the first and last day clear of the axes
    last += 2;
    const x = d3.scaleLinear().domain([0, route.length_km]).range([margin.left, width - margin.right]);
    const y = d3.scaleUtc().domain([toDate(first), toDate(last + 1)])
      .range([height - margin.bottom, margin.top]);
    const svg = d3.create("svg").attr("width", width).attr("height", height)
      .attr("viewBox", [0, 0, width, height]);
    const places = svg.append("g").selectAll("g").data(placesAlong).join("g")
      .attr("transform", (d) => `translate(${x(d.km)},0)`);
    places.append("line").attr("class", "place-line").attr("y1", margin.top)
      .attr("y2", height - margin.bottom);
    places.append("text").attr("class", "place-label").attr("y", margin.top - 6)
      .attr("text-anchor", (d) => (d.km < route.length_km * 0.08 ? "start"
        : d.km > route.length_km * 0.92 ? "end" : "middle"))
      .text((d) => d.name);
    svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(3, Math.floor(width / 70))))
      .append("text").attr("x", width - margin.right).attr("y", 26).attr("fill", "currentColor")
      .attr("text-anchor", "end").text(labels.kmAlong);
    svg.append("g").attr("transform", `translate(${margin.left},0)`).attr("class", "axis-dates")
      .call(CW.dateAxis(d3.axisLeft, y, 6));
    const brush = d3.brush()
      .extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", (event) => {
        if (!event.selection) { selected = null; applySelection(); return; }
        const [[x0, y0], [x1, y1]] = event.selection;
        const [km0, km1] = [x.invert(x0), x.invert(x1)];
        const [t1, t0] = [y.invert(y0).getTime() / CW.DAY_MS, y.invert(y1).getTime() / CW.DAY_MS];
        selected = new Set(data.id.map((_, i) => i).filter((i) =>
          data.km[i] >= km0 && data.km[i] <= km1 && days[i] >= Math.floor(t0) && days[i] <= t1));
        applySelection();
      });
    const brushGroup = svg.append("g").attr("class", "brush").call(brush);
    const dots = svg.append("g").selectAll("circle").data(data.id.map((_, i) => i)).join("circle")
      .attr("class", "dot").attr("data-id", (i) => data.id[i])
      .attr("cx", (i) => x(data.km[i])).attr("cy", (i) => y(toDate(days[i] + 0.5)))
      .attr("r", (i) => CW.radius(data.killed[i]))
      .attr("fill", (i) => eventTypes[data.type[i]].color)
      .on("mouseenter", (_, i) => hover(i, true)).on("mouseleave", (_, i) => hover(i, false))
      .on("click", (_, i) => markers[i].openPopup());
    dots.append("title").text((i) => CW.formatDay(days[i]) + " · " + labels.km + " " +
      numberFormat.format(data.km[i]) + " · " + data.place[i] + " · " + CW.tollText(data.killed[i]));
    chartNode.replaceChildren(svg.node());
    chart = { dots, brush, brushGroup };
  }

  clearButton.addEventListener("click", () => {
    chart.brushGroup.call(chart.brush.move, null);
    selected = null;
    applySelection();
  });

  fetch(mapNode.dataset.url + location.search, { credentials: "same-origin" })
    .then(async (response) => {
      const body = await response.json();
      if (!response.ok) {
        statusNode.textContent = body.detail || labels.failed;
        statusNode.classList.add("error");
        resolveReady({ error: body.detail });
        return;
      }
      data = body;
      // Names and qualified tolls for the table (the first thousand rows).
      await CW.describe(data.id.slice(0, 1000)).catch(() => null);
      drawMap(body.route);
      drawChart(body.route);
      applySelection();
      document.body.dataset.ready = "1";
      resolveReady({ count: data.count });
    })
    .catch((error) => {
      statusNode.textContent = labels.failed;
      resolveReady({ error: String(error) });
    });
})();
