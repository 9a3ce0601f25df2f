/* Shared helpers for the dashboard pages: translated labels, localised
 * formatting, the base map (tiles from settings over an offline outline of the
 * countries) and safe popups. Data from articles and editors only ever reaches
 * the page through textContent, never as HTML. */
(function () {
  "use strict";

  function readJson(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  const lang = document.documentElement.lang || "en";
  const labels = readJson("cw-labels") || {};
  const eventTypes = readJson("cw-event-types") || [];
  const numberFormat = new Intl.NumberFormat(lang);
  const dayFormat = new Intl.DateTimeFormat(lang, {
    year: "numeric", month: "short", day: "numeric", timeZone: "UTC",
  });
  const DAY_MS = 86400000;

  // A label with plural forms ({one, other}, made by ngettext on the server).
  const pluralRules = new Intl.PluralRules(lang);
  function plural(forms, count) {
    if (typeof forms === "string") return forms;
    return forms[pluralRules.select(count)] || forms.other;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key]));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else if (key === "style") Object.assign(node.style, value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function tollText(killed) {
    return killed === null || killed === undefined
      ? labels.unknownToll
      : numberFormat.format(killed) + " " + labels.killed;
  }

  function radius(killed) {
    return 4 + Math.min(22, Math.sqrt(killed || 0) * 1.8);
  }

  function makeMap(container, options) {
    const settings = readJson("cw-map-settings");
    const { towns: _towns, ...mapOptions } = options || {};
    const map = L.map(container, Object.assign({
      center: settings.center, zoom: settings.zoom, minZoom: 2, maxZoom: 18,
      preferCanvas: true, worldCopyJump: false,
    }, mapOptions));
    map.createPane("highlight").style.zIndex = 450;
    // The offline outline and town names (basemap.js), drawn once the page's
    // own data is on screen (window.cwReady), so they never delay the incidents.
    CWBasemap.add(map, { after: window.cwReady, towns: (options || {}).towns });
    if (settings.tileUrl) {
      let failures = 0;
      const tiles = L.tileLayer(settings.tileUrl, { attribution: settings.tileAttribution });
      tiles.on("tileerror", () => {
        failures += 1;
        if (failures === 1) container.dataset.tiles = "offline";
      });
      tiles.on("tileload", () => { container.dataset.tiles = "online"; });
      tiles.addTo(map);
    }
    return map;
  }

  function drawRoutes(map, routes, style) {
    const layer = L.layerGroup().addTo(map);
    for (const route of routes) {
      const line = L.geoJSON(route.line, {
        style: Object.assign({ color: "#1f2937", weight: 3, opacity: 0.8, dashArray: "6 4" },
          style || {}),
      });
      line.bindTooltip(el("span", { text: route.name }), { sticky: true });
      line.addTo(layer);
    }
    return layer;
  }

  function legendControl(types) {
    const control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      const box = el("div", { className: "legend", "aria-label": "legend" });
      for (const type of types) {
        box.append(el("div", { className: "legend-row" },
          el("span", { className: "swatch", style: { background: type.color } }), type.name));
      }
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    return control;
  }

  // Names and qualified tolls ("at least 32 killed") come from the server,
  // which words them in the interface language, for the few incidents shown.
  const described = new Map();
  async function describe(ids) {
    const missing = [...new Set(ids)].filter((id) => !described.has(id));
    for (let start = 0; start < missing.length; start += 200) {
      const query = new URLSearchParams();
      for (const id of missing.slice(start, start + 200)) query.append("id", id);
      const settings = readJson("cw-map-settings");
      const response = await fetch(settings.describeUrl + "?" + query.toString(),
        { headers: { Accept: "application/json" } });
      if (!response.ok) break;
      const body = await response.json();
      for (const [id, value] of Object.entries(body)) described.set(Number(id), value);
    }
    return described;
  }

  function popup(row, incidentUrl) {
    const type = eventTypes[row.type] || { name: "?", color: "#888" };
    const name = el("div", { className: "popup-name", text: row.place });
    const reported = el("div", { className: "popup-reported muted" });
    const toll = el("div", { className: "popup-toll", text: tollText(row.killed) });
    function fill() {
      const d = described.get(row.id);
      if (!d) return false;
      name.textContent = d.name;
      if (d.reported) reported.textContent = format(labels.asReported, { text: d.reported });
      toll.textContent = d.toll;
      return true;
    }
    if (!fill()) describe([row.id]).then(fill);
    return el("div", { className: "popup" },
      el("div", { className: "popup-date", text: formatDay(row.day) }),
      name, reported,
      el("div", { className: "popup-type" },
        el("span", { className: "swatch", style: { background: type.color } }), type.name),
      toll,
      el("a", { href: incidentHref(incidentUrl, row.id), text: labels.open }));
  }

  // Several incidents at one point (or too close to ever split): a list, each
  // with its own link, so every one of them can be reached.
  function stackPopup(rows, incidentUrl) {
    const list = el("ol", { className: "popup-stack" });
    function fill() {
      list.replaceChildren(...rows.map((row) => {
        const d = described.get(row.id);
        return el("li", { "data-id": row.id },
          el("time", { text: formatDay(row.day) }), " ",
          el("a", { href: incidentHref(incidentUrl, row.id), text: d ? d.name : row.place }),
          el("div", { className: "muted", text: d ? d.toll : tollText(row.killed) }));
      }));
    }
    fill();
    describe(rows.map((row) => row.id)).then(fill);
    return el("div", { className: "popup" },
      el("div", { className: "popup-date", text: format(labels.stack, { count: rows.length }) }),
      list);
  }

  // The page of one incident, from the URL pattern the page gives for id 0.
  function incidentHref(incidentUrl, id) {
    return incidentUrl.replace("/0/", "/" + id + "/");
  }

  // An incident's dot: sized by its toll, coloured by its event type.
  function incidentMarker(lat, lon, killed, type) {
    return L.circleMarker([lat, lon], {
      radius: radius(killed), color: "#1f2937", weight: 1,
      fillColor: type.color, fillOpacity: 0.85,
    });
  }

  function formatDay(day) {
    return dayFormat.format(new Date(day * DAY_MS));
  }

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function dayFromIso(text) {
    const time = Date.parse(text + "T00:00:00Z");
    return Number.isNaN(time) ? null : Math.round(time / DAY_MS);
  }

  // Date fields are typed in the interface language's order (their
  // data-date-format, a strftime format such as %d/%m/%Y; see
  // incidents/display/dates.py); the URL and the server's data keep ISO dates.
  function dateFieldToIso(text, pattern) {
    const value = (text || "").trim();
    if (!value || /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    const order = [];
    const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%([dmYy])/g, (_, code) => {
      order.push(code);
      return code === "Y" ? "(\\d{4})" : "(\\d{1,2})";
    });
    const match = new RegExp("^" + source + "$").exec(value);
    if (!match) return value;  // the server names the bad value
    const parts = {};
    order.forEach((code, i) => { parts[code] = Number(match[i + 1]); });
    const year = parts.Y ?? (parts.y !== undefined ? 2000 + parts.y : NaN);
    const date = new Date(Date.UTC(year, parts.m - 1, parts.d));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== parts.m - 1
        || date.getUTCDate() !== parts.d) return value;
    return date.toISOString().slice(0, 10);
  }

  function isoToDateField(iso, pattern) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!match) return iso || "";
    return pattern.replace(/%([dmYy])/g, (_, code) => (
      { d: match[3], m: match[2], Y: match[1], y: match[1].slice(2) }[code]));
  }

  // Axis dates in French when the page is French (d3 speaks English by default).
  if (lang === "fr" && window.d3) {
    d3.timeFormatDefaultLocale({
      dateTime: "%A %e %B %Y à %X", date: "%d/%m/%Y", time: "%H:%M:%S", periods: ["", ""],
      days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
      shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
      months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre"],
      shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
        "sept.", "oct.", "nov.", "déc."],
    });
  }

  // A time axis whose ticks are days (never a time of day: d3 would label
  // noon "12 PM", or "12" in French), written in the page's language:
  // "7 Feb" / "7 févr.", "Mar 2025" / "mars 2025", or "2025" as the span grows.
  function dateAxis(axis, scale, count) {
    const [start, end] = scale.domain();
    const spanDays = (end - start) / DAY_MS;
    let ticks = scale.ticks(count);
    if (ticks.some((t) => t.getUTCHours() || t.getUTCMinutes())) {
      const step = Math.max(1, Math.ceil(spanDays / Math.max(1, count)));
      ticks = d3.utcDay.every(step).range(start, new Date(+end + 1));
    }
    const monthly = spanDays > 62 && ticks.every((t) => t.getUTCDate() === 1);
    const yearly = monthly && ticks.every((t) => t.getUTCMonth() === 0);
    const shown = new Intl.DateTimeFormat(lang, yearly ? { year: "numeric", timeZone: "UTC" }
      : monthly ? { month: "short", year: "numeric", timeZone: "UTC" }
        : { day: "numeric", month: "short", timeZone: "UTC" });
    return axis(scale).tickValues(ticks).tickFormat((t) => shown.format(t)).tickSizeOuter(0);
  }

  // Submit the language form as soon as a language is picked.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
    const button = select.form.querySelector(".lang-go");
    if (button) button.hidden = true;
  }
  for (const swatch of document.querySelectorAll(".swatch[data-color]")) {
    swatch.style.background = swatch.dataset.color;
  }

  window.CW = {
    readJson, lang, labels, plural, eventTypes, numberFormat, format, el, tollText, radius, makeMap,
    drawRoutes, legendControl, dateAxis, popup, stackPopup, describe, described, incidentHref, incidentMarker, formatDay, isoDay,
    dayFromIso, dateFieldToIso, isoToDateField, DAY_MS,
  };
})();
