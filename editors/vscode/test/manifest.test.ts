// package.json and the code agree: the settings and commands the extension uses are the ones it
// contributes, the path setting is restricted in untrusted workspaces, and it activates for
// every language it serves. (What VS Code reads without running the extension.)

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { DOCUMENT_SELECTOR } from "../src/server";

const dir = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
const code = fs.readFileSync(path.join(dir, "src", "extension.ts"), "utf8");
const all = (re: RegExp) => [...code.matchAll(re)].map((m) => m[1]).sort();

test("the settings read are the settings contributed", () => {
  const contributed = Object.keys(pkg.contributes.configuration.properties).sort();
  // trace.server is read by vscode-languageclient itself, under the client's id.
  const read = all(/config\.get<\w+>\("(\w+)"/g).map((s) => `akslint.${s}`);
  assert.deepEqual(contributed, [...read, "akslint.trace.server"].sort());
  assert.match(code, /new LanguageClient\(ID,/);
  assert.match(code, /const ID = "akslint";/);
});

test("the commands registered are the commands contributed", () => {
  const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, all(/registerCommand\("([\w.]+)"/g));
});

test("akslint.path is restricted in untrusted workspaces", () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, "limited");
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ["akslint.path"]);
  assert.match(code, /resolveBinary\(\{ setting, trusted,/);
});

test("it activates for every language it serves, from the bundle", () => {
  const languages = DOCUMENT_SELECTOR.flatMap((f) => (f.language === undefined ? [] : [f.language]));
  for (const l of languages) assert.ok(pkg.activationEvents.includes(`onLanguage:${l}`), l);
  assert.equal(pkg.main, "./dist/extension.js");
  // The API types are those of the oldest VS Code the manifest accepts.
  assert.equal(pkg.engines.vscode, `^${pkg.devDependencies["@types/vscode"]}`);
});
