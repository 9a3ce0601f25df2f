/* Incident page: a small map of the place and a step chart of the toll's
 * revisions over time (each reported figure holds until the next one). */
(function () {
  "use strict";
  const point = CW.readJson("cw-incident-point");
  const history = CW.readJson("cw-toll-history") || [];
  const map = CW.makeMap(document.getElementById("incident-map"), { zoom: 8 });
  if (point.route) CW.drawRoutes(map, [{ name: "", line: point.route }]);
  L.circleMarker([point.lat, point.lon], {
    radius: 9, color: "#111827", weight: 2, fillColor: point.color, fillOpacity: 0.9,
  }).addTo(map);
  map.setView([point.lat, point.lon], 8);

  const node = document.getElementById("stepchart");
  if (history.length) {
    const width = Math.max(260, node.clientWidth || 360);
    const height = 160;
    const margin = { top: 12, right: 16, bottom: 24, left: 34 };
    const times = history.map((d) => new Date(d.t));
    const span = times[times.length - 1] - times[0];
    // The last figure holds on: draw it a quarter of the span (at least half a day) further.
    const last = new Date(times[times.length - 1].getTime() + Math.max(12 * 3600e3, span / 4));
    const x = d3.scaleUtc().domain([times[0], last]).range([margin.left, width - margin.right]);
    const top = d3.max(history, (d) => Math.max(d.high ?? d.killed, d.killed)) || 1;
    const y = d3.scaleLinear().domain([0, top]).nice().range([height - margin.bottom, margin.top]);
    const steps = history.map((d, i) => ({ ...d, time: times[i] }));
    steps.push({ ...steps[steps.length - 1], time: last });
    const svg = d3.create("svg").attr("width", width).attr("height", height)
      .attr("viewBox", [0, 0, width, height]);
    svg.append("path").datum(steps).attr("class", "band")
      .attr("d", d3.area().curve(d3.curveStepAfter).x((d) => x(d.time))
        .y0((d) => y(d.low ?? d.killed)).y1((d) => y(d.high ?? d.killed)));
    svg.append("path").datum(steps).attr("class", "step")
      .attr("d", d3.line().curve(d3.curveStepAfter).x((d) => x(d.time)).y((d) => y(d.killed)));
    const dots = svg.append("g").selectAll("g").data(steps.slice(0, -1)).join("g")
      .attr("transform", (d) => `translate(${x(d.time)},${y(d.killed)})`);
    dots.append("circle").attr("r", 3.5);
    dots.append("text").attr("dy", -6).attr("text-anchor", "middle")
      .text((d) => d.label);
    dots.append("title").text((d) => d.label + " — " + (d.saidBy || ""));
    svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(3).tickSizeOuter(0));
    svg.append("g").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(4).tickFormat((n) => CW.numberFormat.format(n)));
    node.replaceChildren(svg.node());
  }
  document.body.dataset.ready = "1";
  window.cwReady = Promise.resolve({ revisions: history.length });
})();
