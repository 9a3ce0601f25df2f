/* Incident page: a small map of the place and a step chart of the toll's
 * revisions over time (each reported figure holds until the next one). */
(function () {
  "use strict";
  const point = CW.readJson("cw-incident-point");
  const history = CW.readJson("cw-toll-history") || [];
  const map = CW.makeMap(document.getElementById("incident-map"),
    { zoom: 8, towns: point.towns || [] });
  if (point.route) CW.drawRoutes(map, [{ name: "", line: point.route }]);
  L.circleMarker([point.lat, point.lon], {
    radius: 9, color: "#111827", weight: 2, fillColor: point.color, fillOpacity: 0.9,
  }).addTo(map);
  map.setView([point.lat, point.lon], 8);

  const node = document.getElementById("stepchart");
  if (history.length) {
    const width = Math.max(260, node.clientWidth || 360);
    const height = 160;
    const margin = { top: 16, right: 24, bottom: 24, left: 34 };
    const times = history.map((d) => new Date(d.t));
    const span = times[times.length - 1] - times[0];
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // On a time axis, figures said minutes apart in a story told over days
    // would sit on one spot: then each figure gets its own step, evenly
    // spaced and labelled with when it was said.
    const even = history.length > 1 && (span < 3600e3 || Math.min(...gaps) < span / 20);
    let x, at, axis;
    const sameDay = times.every((t) => CW.formatDay(t / CW.DAY_MS) === CW.formatDay(times[0] / CW.DAY_MS));
    const tickFormat = new Intl.DateTimeFormat(CW.lang, sameDay
      ? { hour: "2-digit", minute: "2-digit", timeZone: point.timeZone }
      : { day: "numeric", month: "short", timeZone: point.timeZone });
    if (even) {
      x = d3.scaleLinear().domain([-0.35, history.length - 0.45])
        .range([margin.left, width - margin.right]);
      at = (d) => d.index;
      axis = d3.axisBottom(x).tickValues(history.map((_d, i) => i))
        .tickFormat((i) => tickFormat.format(times[i])).tickSizeOuter(0);
    } else {
      // The last figure holds on: a tenth of the span (at least half a day) further.
      const hold = Math.max(12 * 3600e3, span / 10);
      const before = Math.max(3 * 3600e3, span / 20);
      x = d3.scaleUtc().domain([new Date(times[0] - before), new Date(+times[times.length - 1] + hold)])
        .range([margin.left, width - margin.right]);
      at = (d) => d.time;
      axis = CW.dateAxis(d3.axisBottom, x, Math.max(2, Math.floor(width / 110)));
    }
    const end = even ? history.length - 0.45 : x.domain()[1];
    const top = d3.max(history, (d) => Math.max(d.high ?? d.killed, d.killed)) || 1;
    const y = d3.scaleLinear().domain([0, top]).nice().range([height - margin.bottom, margin.top]);
    const steps = history.map((d, i) => ({ ...d, time: times[i], index: i }));
    steps.push({ ...steps[steps.length - 1], time: end, index: end });
    const svg = d3.create("svg").attr("width", width).attr("height", height)
      .attr("viewBox", [0, 0, width, height]);
    svg.append("path").datum(steps).attr("class", "band")
      .attr("d", d3.area().curve(d3.curveStepAfter).x((d) => x(at(d)))
        .y0((d) => y(d.low ?? d.killed)).y1((d) => y(d.high ?? d.killed)));
    svg.append("path").datum(steps).attr("class", "step")
      .attr("d", d3.line().curve(d3.curveStepAfter).x((d) => x(at(d))).y((d) => y(d.killed)));
    const dots = svg.append("g").selectAll("g").data(steps.slice(0, -1)).join("g")
      .attr("transform", (d) => `translate(${x(at(d))},${y(d.killed)})`);
    dots.append("circle").attr("r", 3.5);
    dots.append("text").attr("dy", -6).attr("text-anchor", "middle")
      .text((d) => d.label);
    dots.append("title").text((d) => d.label + " — " + (d.saidBy || ""));
    svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`)
      .attr("class", "axis-dates").call(axis);
    svg.append("g").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(4).tickFormat((n) => CW.numberFormat.format(n)));
    node.dataset.axis = even ? "steps" : "time";
    node.replaceChildren(svg.node());
  }
  document.body.dataset.ready = "1";
  window.cwReady = Promise.resolve({ revisions: history.length });
})();
