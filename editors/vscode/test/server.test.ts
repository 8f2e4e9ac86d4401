// Which executable and arguments the extension starts the server with (src/server.ts), with the
// file system and environment stubbed.

import * as assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { bundledPath, expandPath, findOnPath, resolveBinary, serverArgs } from "../src/server";

const ext = path.join(path.sep, "ext");
const ws = path.join(path.sep, "ws");
const onPath = path.join(path.sep, "usr", "bin", "akslint");
const bundled = bundledPath(ext, "linux", "x64");
const env = { PATH: [path.join(path.sep, "nowhere"), path.dirname(onPath)].join(":") };
const files = (...present: string[]) => (p: string) => present.includes(p);

test("bundled binaries are named after vsce's targets", () => {
  assert.equal(bundled, path.join(ext, "bundled", "linux-x64", "akslint"));
  assert.equal(bundledPath(ext, "win32", "arm64"), path.join(ext, "bundled", "win32-arm64", "akslint.exe"));
});

test("the setting wins in a trusted workspace, relative to the workspace folder", () => {
  const mine = path.join(ws, "bin", "akslint");
  const r = resolveBinary({
    setting: "bin/akslint", trusted: true, extensionPath: ext, workspaceFolder: ws,
    platform: "linux", arch: "x64", env, isFile: files(mine, bundled, onPath),
  });
  assert.deepEqual(r, { ok: true, command: mine, source: "setting" });
});

test("the setting is ignored in an untrusted workspace", () => {
  const r = resolveBinary({
    setting: "/tmp/evil", trusted: false, extensionPath: ext, workspaceFolder: ws,
    platform: "linux", arch: "x64", env, isFile: files("/tmp/evil", onPath),
  });
  assert.deepEqual(r, { ok: true, command: onPath, source: "PATH" });
});

test("a setting that names no file is an error, not a fall-back", () => {
  const r = resolveBinary({
    setting: "/opt/akslint", trusted: true, extensionPath: ext,
    platform: "linux", arch: "x64", env, isFile: files(bundled, onPath),
  });
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : "", /akslint\.path is "\/opt\/akslint"/);
});

test("bundled before PATH, PATH last, else a clear error", () => {
  const common = { setting: "", trusted: true, extensionPath: ext, platform: "linux" as const, arch: "x64", env };
  assert.deepEqual(resolveBinary({ ...common, isFile: files(bundled, onPath) }),
    { ok: true, command: bundled, source: "bundled" });
  assert.deepEqual(resolveBinary({ ...common, isFile: files(onPath) }),
    { ok: true, command: onPath, source: "PATH" });
  const none = resolveBinary({ ...common, isFile: files() });
  assert.equal(none.ok, false);
  assert.match(!none.ok ? none.error : "", /not found.*set akslint\.path/);
});

test("PATH lookup uses PATHEXT on Windows", () => {
  const exe = path.join("C:", "tools", "akslint.EXE");
  const found = findOnPath("akslint", { Path: path.join("C:", "tools"), PATHEXT: ".COM;.EXE" }, "win32", files(exe));
  assert.equal(found, exe);
});

test("paths expand ${workspaceFolder} and ~, and are taken from the workspace folder", () => {
  assert.equal(expandPath("${workspaceFolder}/ci/akslint.toml", ws), path.join(ws, "ci", "akslint.toml"));
  assert.equal(expandPath("~/akslint.toml", ws), path.join(os.homedir(), "akslint.toml"));
  assert.equal(expandPath("ci/akslint.toml", ws), path.join(ws, "ci", "akslint.toml"));
  assert.equal(expandPath("ci/akslint.toml"), "ci/akslint.toml");
});

test("the config setting becomes --config", () => {
  assert.deepEqual(serverArgs("", ws), ["lsp"]);
  assert.deepEqual(serverArgs("team.toml", ws), ["lsp", "--config", path.join(ws, "team.toml")]);
});
