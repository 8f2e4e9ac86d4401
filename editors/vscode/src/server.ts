// How the extension starts `akslint lsp`: which executable, with which arguments, for which
// documents. No `vscode` import here, so `node --test` can exercise it outside VS Code.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Where the executable came from, for the output channel and error messages. */
export type Source = "setting" | "bundled" | "PATH";

export type Resolved =
  | { ok: true; command: string; source: Source }
  | { ok: false; error: string };

export interface Environment {
  /** The `akslint.path` setting ("" when unset). */
  setting: string;
  /** Whether the workspace is trusted: the setting is used only then. */
  trusted: boolean;
  /** The extension's own directory (where `bundled/` is). */
  extensionPath: string;
  /** The first workspace folder's path, for relative settings and `${workspaceFolder}`. */
  workspaceFolder?: string;
  platform?: NodeJS.Platform;
  arch?: string;
  env?: NodeJS.ProcessEnv;
  /** Whether a path is a file (injected by tests). */
  isFile?: (p: string) => boolean;
}

/** The documents the server is given: what `akslint check` classifies as YAML, JSON or
 * Terraform. The patterns cover files whose language no extension names (`.tf` without the
 * HashiCorp extension). Only `file:` documents: the server lints a file in its project on disk. */
export const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "yaml" },
  { scheme: "file", language: "json" },
  { scheme: "file", language: "terraform" },
  { scheme: "file", language: "terraform-vars" },
  { scheme: "file", pattern: "**/*.{tf,tfvars,yaml,yml,json}" },
];

/** The file name of the executable on a platform. */
export function executableName(platform: NodeJS.Platform = process.platform): string {
  return platform === "win32" ? "akslint.exe" : "akslint";
}

/** Where a platform-specific package carries its binary: `bundled/<platform>-<arch>/akslint`,
 * named as `vsce package --target` names targets (`linux-x64`, `darwin-arm64`, `win32-x64`). */
export function bundledPath(
  extensionPath: string,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): string {
  return path.join(extensionPath, "bundled", `${platform}-${arch}`, executableName(platform));
}

/** A setting's path made absolute: `${workspaceFolder}` and a leading `~` expanded, a relative
 * path taken from the first workspace folder (kept relative when there is none: the server's
 * directory is then the extension host's). */
export function expandPath(value: string, workspaceFolder?: string): string {
  let p = value.trim();
  if (workspaceFolder !== undefined) {
    p = p.split("${workspaceFolder}").join(workspaceFolder);
  }
  if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (!path.isAbsolute(p) && workspaceFolder !== undefined) {
    p = path.join(workspaceFolder, p);
  }
  return p;
}

/** `name` on `PATH` (with `PATHEXT` on Windows), as a shell would find it. */
export function findOnPath(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  isFile: (p: string) => boolean = isExecutableFile,
): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? "";
  const sep = platform === "win32" ? ";" : ":";
  const exts =
    platform === "win32" && path.extname(name) === ""
      ? (env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((e) => e !== "")
      : [""];
  for (const dir of pathVar.split(sep)) {
    if (dir === "") continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The executable to run: the `akslint.path` setting (trusted workspaces only), else the
 * bundled binary if this package has one, else `akslint` on `PATH`. A setting that names no
 * file is an error, not a fall-back: the user asked for that binary. */
export function resolveBinary(e: Environment): Resolved {
  const isFile = e.isFile ?? isExecutableFile;
  const platform = e.platform ?? process.platform;
  if (e.setting.trim() !== "" && e.trusted) {
    const p = expandPath(e.setting, e.workspaceFolder);
    if (isFile(p)) return { ok: true, command: p, source: "setting" };
    return { ok: false, error: `akslint.path is ${JSON.stringify(e.setting)}, but ${p} is no executable file` };
  }
  const bundled = bundledPath(e.extensionPath, platform, e.arch ?? process.arch);
  if (isFile(bundled)) return { ok: true, command: bundled, source: "bundled" };
  const onPath = findOnPath(executableName(platform), e.env ?? process.env, platform, isFile);
  if (onPath !== undefined) return { ok: true, command: onPath, source: "PATH" };
  return {
    ok: false,
    error:
      "akslint was not found: install it on PATH (cargo install, pip install akslint, or a release binary)" +
      (e.trusted ? " or set akslint.path" : " (akslint.path is ignored until the workspace is trusted)"),
  };
}

/** The server's arguments: `lsp`, and `--config FILE` when the `akslint.config` setting is set. */
export function serverArgs(config: string, workspaceFolder?: string): string[] {
  const args = ["lsp"];
  if (config.trim() !== "") args.push("--config", expandPath(config, workspaceFolder));
  return args;
}
