// The bundle the .vsix carries (dist/extension.js, from `npm run bundle`) loads with nothing but
// the `vscode` module from outside, and exports the extension's entry points. VS Code itself is
// stubbed: this checks the bundle, not the extension's behaviour in VS Code.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import { test } from "node:test";

const bundle = path.resolve(__dirname, "..", "..", "dist", "extension.js");

test("dist/extension.js needs only `vscode` and exports activate and deactivate", () => {
  assert.ok(fs.existsSync(bundle), `no ${bundle}: run npm run bundle`);
  // Any property of the stub is the stub again, callable and constructible (the client library
  // subclasses vscode classes when it loads).
  const stub: object = new Proxy(function () {}, {
    get: (_t, key) => (key === "prototype" ? {} : stub),
    construct: () => stub,
    apply: () => stub,
  });
  const required: string[] = [];
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = mod._load;
  mod._load = function (request: string, ...rest: unknown[]) {
    required.push(request);
    return request === "vscode" ? stub : load.call(this, request, ...rest);
  };
  try {
    const ext = require(bundle) as Record<string, unknown>;
    assert.equal(typeof ext.activate, "function");
    assert.equal(typeof ext.deactivate, "function");
  } finally {
    mod._load = load;
  }
  const outside = required.filter((r) => r !== bundle && r !== "vscode" && !r.startsWith("node:") && !Module.isBuiltin(r));
  assert.deepEqual(outside, [], "every dependency is in the bundle");
  assert.ok(required.includes("vscode"));
});
