// Builds the web app into dist/: one JavaScript bundle and one stylesheet with content hashes in
// their names, and an index.html that loads them (no inline script: the gateway's CSP forbids it).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { basename } from "node:path";
import * as esbuild from "esbuild";

const dist = new URL("./dist/", import.meta.url).pathname;
const started = Date.now();
rmSync(dist, { recursive: true, force: true });
mkdirSync(`${dist}assets`, { recursive: true });

const result = await esbuild.build({
  entryPoints: { app: "src/main.ts", style: "src/styles.css" },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "esm",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  outdir: `${dist}assets`,
  entryNames: "[name]-[hash]",
  metafile: true,
  legalComments: "linked",
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outputs.find((name) => name.startsWith("app-") && name.endsWith(".js"));
const css = outputs.find((name) => name.startsWith("style-") && name.endsWith(".css"));
if (!js || !css) throw new Error(`build outputs not found: ${outputs.join(", ")}`);

copyFileSync("src/favicon.svg", `${dist}favicon.svg`);
const page = readFileSync("src/index.html", "utf8")
  .replaceAll("%APP_JS%", `/app/assets/${js}`)
  .replaceAll("%APP_CSS%", `/app/assets/${css}`);
writeFileSync(`${dist}index.html`, page);
const digest = createHash("sha256").update(page).digest("hex").slice(0, 12);
console.log(`[webapp] built dist/ (${js}, ${css}, index ${digest}) in ${Date.now() - started} ms`);
