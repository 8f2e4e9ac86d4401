// Bundles the extension and its dependencies (vscode-languageclient) into dist/extension.js, so
// the .vsix needs no node_modules (`vsce package --no-dependencies`).
import * as esbuild from "esbuild";

await esbuild.build({
  entryPoints: ["src/extension.ts"],
  outfile: "dist/extension.js",
  bundle: true,
  platform: "node",
  target: "node18",
  format: "cjs",
  external: ["vscode"],
  sourcemap: false,
  minify: process.argv.includes("--minify"),
  logLevel: "warning",
});
