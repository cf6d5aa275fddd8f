// Copies Redoc's standalone bundle (and its licence notice) from node_modules into dist/, the
// folder the gateway serves under /v1/docs/assets: the reference page loads nothing from a CDN.
//
// The bundle's one remote resource is the Redocly logo in the sidebar's footer
// (https://cdn.redoc.ly/redoc/logo-mini.svg); the page's Content-Security-Policy would block it,
// so it is replaced by an empty inline image here rather than attempted on every visit. A
// bundle that still names a CDN after that (another Redoc version) stops the install.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const bundles = join(here, "node_modules", "redoc", "bundles");
const dist = join(here, "dist");
const LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

mkdirSync(dist, { recursive: true });
const bundle = readFileSync(join(bundles, "redoc.standalone.js"), "utf8").replaceAll(
  LOGO,
  EMPTY_IMAGE,
);
const remote = bundle.match(/https?:\/\/(cdn\.[^"'`\s]*|fonts\.googleapis\.com[^"'`\s]*)/);
if (remote) {
  console.error(`redoc.standalone.js still loads ${remote[0]}: update vendor.mjs`);
  process.exit(1);
}
writeFileSync(join(dist, "redoc.standalone.js"), bundle);
copyFileSync(
  join(bundles, "redoc.standalone.js.LICENSE.txt"),
  join(dist, "redoc.standalone.js.LICENSE.txt"),
);
console.log(`vendored Redoc into ${dist}`);
