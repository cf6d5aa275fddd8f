// Compiles examples/*.ts into dist/*.mjs for node (esbuild strips the types; `npm run typecheck`
// checks them).
import * as esbuild from "esbuild";

await esbuild.build({
  entryPoints: ["examples/quickstart.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node18",
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  logLevel: "warning",
});
