// Copy the front-end files the dashboard serves from node_modules (installed
// from package-lock.json) into static/vendor/. No bundler: the pages load these
// files as plain scripts. static/vendor/ is build output and is not committed.
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "static", "vendor");

// [package-relative source, destination under static/vendor]
const files = [
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["leaflet/LICENSE", "leaflet/LICENSE"],
  ["supercluster/dist/supercluster.min.js", "supercluster/supercluster.min.js"],
  ["supercluster/LICENSE", "supercluster/LICENSE"],
  ["d3/dist/d3.min.js", "d3/d3.min.js"],
  ["d3/LICENSE", "d3/LICENSE"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"],
  ["topojson-client/LICENSE", "topojson-client/LICENSE"],
  ["world-atlas/countries-50m.json", "world-atlas/countries-50m.json"],
  ["world-atlas/LICENSE", "world-atlas/LICENSE"],
];

rmSync(vendor, { recursive: true, force: true });
for (const [source, destination] of files) {
  const from = join(modules, source);
  if (!existsSync(from)) {
    console.error(`missing ${from}: run npm ci first`);
    process.exit(1);
  }
  const to = join(vendor, destination);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}
console.log(`copied ${files.length} front-end files into static/vendor/`);
