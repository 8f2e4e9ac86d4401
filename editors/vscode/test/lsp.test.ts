// The real `akslint lsp` driven through the protocol library the extension's client is built on
// (vscode-languageserver-protocol over vscode-jsonrpc: the node-only layer of
// vscode-languageclient, which cannot load outside VS Code), started as the extension starts it
// (src/server.ts's arguments) and initialized with the client capabilities
// vscode-languageclient 9 sends. Those offer pull diagnostics, which the server takes: the
// tests pull as the client does (on open, on change, and for every open document when the
// server asks for a refresh), sending back the result ID of the last report. One test drives
// push diagnostics, for clients without pull (Neovim, Helix, older VS Code clients).
//
// The binary: $AKSLINT_BIN, else ../../target/release/akslint.

import * as assert from "node:assert/strict";
import * as cp from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import {
  ClientCapabilities,
  CodeAction,
  CodeActionRequest,
  CodeActionTriggerKind,
  Command,
  createProtocolConnection,
  Diagnostic,
  DiagnosticRefreshRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Registration,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
} from "vscode-languageserver-protocol/node";
import { pushOnlyCapabilities, vscodeClientCapabilities } from "./capabilities";
import { DOCUMENT_SELECTOR, serverArgs } from "../src/server";

const here = path.resolve(__dirname, "..", ".."); // editors/vscode (the test runs from out/test)
const BIN = path.resolve(here, process.env.AKSLINT_BIN ?? path.join("..", "..", "target", "release", "akslint"));
const TIMEOUT_MS = 30_000;

/** A live server: its process, the connection, and the diagnostics it publishes, by URI. */
class Session {
  readonly proc: cp.ChildProcessWithoutNullStreams;
  readonly conn: ProtocolConnection;
  readonly exited: Promise<number | null>;
  private readonly published: PublishDiagnosticsParams[] = [];
  /** `workspace/diagnostic/refresh` requests received and not yet taken. */
  private refreshes = 0;
  /** The result ID of each document's last pull report, sent with its next pull. */
  private readonly resultIds = new Map<string, string>();
  private waiting: (() => void) | undefined;
  /** What the server registered dynamically (`client/registerCapability`). */
  readonly registrations: Registration[] = [];
  stderr = "";

  constructor(cwd: string, args: string[] = serverArgs("")) {
    this.proc = cp.spawn(BIN, args, { cwd, stdio: "pipe" });
    this.proc.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.proc.on("exit", (code) => resolve(code)));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.waiting?.();
    });
    this.conn.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      this.waiting?.();
    });
    this.conn.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.waiting?.();
    });
    this.conn.listen();
  }

  async initialize(root: string, capabilities: ClientCapabilities = vscodeClientCapabilities): Promise<InitializeResult> {
    const rootUri = uri(root);
    const result = await withTimeout(this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: "Visual Studio Code", version: "1.82.0" },
      rootPath: root,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
      capabilities,
      initializationOptions: undefined,
    }), "the initialize response");
    await this.conn.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(file: string, text: string, version = 1, languageId = "yaml"): Promise<void> {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(file), languageId, version, text },
    });
  }

  change(file: string, text: string, version: number): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(file), version },
      contentChanges: [{ text }],
    });
  }

  close(file: string): Promise<void> {
    return this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(file) } });
  }

  /** Waits until `ready()` holds (it is checked again on each message from the server). */
  private async until(ready: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + TIMEOUT_MS;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) assert.fail(`no ${what} within ${TIMEOUT_MS} ms; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = undefined;
    }
  }

  /** The next publish (in order; each is taken once), which must be for `file`. */
  async nextPublish(file: string): Promise<PublishDiagnosticsParams> {
    await this.until(() => this.published.length > 0, `publishDiagnostics for ${file}`);
    const p = this.published.shift()!;
    assert.equal(p.uri, uri(file), `a publish for another document: ${JSON.stringify(p)}`);
    return p;
  }

  /** Takes the next `workspace/diagnostic/refresh` (waiting for it). */
  async nextRefresh(): Promise<void> {
    await this.until(() => this.refreshes > 0, "workspace/diagnostic/refresh");
    this.refreshes--;
  }

  /** `textDocument/diagnostic` for `file`, with the result ID of its last report, as the client pulls. */
  async pull(file: string): Promise<DocumentDiagnosticReport> {
    const key = uri(file);
    const report = await withTimeout(this.conn.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri: key },
      identifier: "akslint",
      previousResultId: this.resultIds.get(key),
    }), `the diagnostic report of ${file}`);
    if (report.resultId !== undefined) this.resultIds.set(key, report.resultId);
    return report;
  }

  /** A pull that must give a full report (the findings changed since the last one): its items. */
  async pullFull(file: string): Promise<Diagnostic[]> {
    const report = await this.pull(file);
    assert.equal(report.kind, "full", `a full report for ${file}: ${JSON.stringify(report)}`);
    return report.kind === "full" ? report.items : [];
  }

  /** The quick fixes the client asks for on a diagnostic (as VS Code does for its light bulb). */
  async codeActions(file: string, d: Diagnostic): Promise<CodeAction[]> {
    const actions = await withTimeout(this.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file) },
      range: d.range,
      context: { diagnostics: [d], triggerKind: CodeActionTriggerKind.Automatic },
    }), "the code actions");
    return (actions ?? []).map((a: Command | CodeAction) => {
      assert.ok(CodeAction.is(a), `a code action, not a command: ${JSON.stringify(a)}`);
      return a;
    });
  }

  /** shutdown, then exit: the exit code (0 when the protocol was followed). */
  async shutdown(): Promise<number | null> {
    await withTimeout(this.conn.sendRequest(ShutdownRequest.type), "the shutdown response");
    await this.conn.sendNotification(ExitNotification.type);
    const code = await withTimeout(this.exited, "the server to exit");
    this.conn.dispose();
    assert.deepEqual(this.published, [], "every publish was expected");
    assert.equal(this.refreshes, 0, "every refresh was expected");
    return code;
  }

  kill(): void {
    this.conn.dispose();
    this.proc.kill();
  }
}

function uri(p: string): string {
  return pathToFileURL(p).href;
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The rule IDs of a publish's diagnostics, or of a pull report's items. */
function codes(p: PublishDiagnosticsParams | Diagnostic[]): string[] {
  const diags = Array.isArray(p) ? p : p.diagnostics;
  return diags.map((d) => String(d.code)).sort();
}

function only(p: PublishDiagnosticsParams | Diagnostic[], code: string): Diagnostic {
  const diags = Array.isArray(p) ? p : p.diagnostics;
  const found = diags.filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(codes(diags))}`);
  return found[0];
}

/** `text` with a code action's edits for `file` applied, as VS Code applies a WorkspaceEdit. */
function applyAction(text: string, file: string, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[uri(file)] ?? assert.fail(`no edits for ${file}: ${JSON.stringify(action)}`);
  // A JS string index counts UTF-16 code units, as the positions do.
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => Math.min(starts[p.line] + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

/** A temporary project: its own root (`akslint.toml` with `root = true`), with these files. */
function project(files: Record<string, string>): string {
  // Real path: the server names files by the path it is given, and macOS's /tmp is a link.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "akslint-vscode-")));
  files = { "akslint.toml": "root = true\n", ...files };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  dirs.push(dir);
  return dir;
}
const dirs: string[] = [];
const sessions: Session[] = [];
function session(cwd: string, args?: string[]): Session {
  const s = new Session(cwd, args);
  sessions.push(s);
  return s;
}

// A Deployment that is hardened in every way the default rules check, but for `privileged`.
const HARDENED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: app
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: myregistry.azurecr.io/web@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 128Mi}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
            privileged: false
`;
const PRIVILEGED = HARDENED.replace("privileged: false", "privileged: true");
// A default-deny policy for the namespace: it covers every pod there, in and out.
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: app
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

before(() => {
  assert.ok(fs.existsSync(BIN), `no akslint binary at ${BIN} (build it with cargo build --release, or set AKSLINT_BIN)`);
});

after(() => {
  for (const s of sessions) if (s.proc.exitCode === null) s.kill();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

test("the protocol library is the one vscode-languageclient uses", () => {
  const fromClient = createRequire(require.resolve("vscode-languageclient/package.json"));
  assert.equal(
    fromClient.resolve("vscode-languageserver-protocol/node"),
    require.resolve("vscode-languageserver-protocol/node"),
  );
});

test("VS Code's capabilities get pull diagnostics, which depend on other files", async () => {
  const dir = project({});
  const s = session(dir);
  const init = await s.initialize(dir);
  assert.equal(init.capabilities.positionEncoding, "utf-16", "VS Code offers only UTF-16");
  assert.equal(init.serverInfo?.name, "akslint");
  assert.deepEqual(init.capabilities.diagnosticProvider, {
    identifier: "akslint",
    interFileDependencies: true,
    workspaceDiagnostics: false,
  });
  assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ["quickfix"] });
  // Files changed on disk are watched through the client (it takes dynamic registration).
  const deadline = Date.now() + TIMEOUT_MS;
  while (s.registrations.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const watch = s.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles");
  assert.ok(watch, JSON.stringify(s.registrations));
  const globs = (watch.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
  assert.ok(globs.includes("**/akslint.toml") && globs.includes("**/*.{yaml,yml,json,tf,tfvars}"), globs.join(" "));
  assert.equal(await s.shutdown(), 0);
});

test("pull (VS Code): open, change, close, shutdown: a privileged container found, fixed, cleared", async () => {
  // On disk the file is already fixed: what is linted is the editor's text.
  const dir = project({ "policy.yaml": POLICY, "web.yaml": HARDENED });
  const file = path.join(dir, "web.yaml");
  const s = session(dir);
  await s.initialize(dir);

  // Pulled as soon as it is opened, as the client does: the findings, not an empty report.
  await s.open(file, PRIVILEGED, 1);
  const opened = await s.pullFull(file);
  assert.deepEqual(codes(opened), ["AKS401"]);
  const d = only(opened, "AKS401");
  const line = PRIVILEGED.split("\n").indexOf("            privileged: true");
  assert.deepEqual(d.range, {
    start: { line, character: 12 },
    end: { line, character: 28 },
  });
  assert.equal(d.severity, 1); // Error
  assert.equal(d.source, "akslint");
  assert.match(d.message, /privileged/i);
  // Pulled again with nothing changed: the client keeps what it has.
  const again = await s.pull(file);
  assert.equal(again.kind, "unchanged", JSON.stringify(again));

  // Fixed in the editor: nothing is left.
  await s.change(file, HARDENED, 2);
  assert.deepEqual(await s.pullFull(file), []);

  // Broken again, then closed (the client forgets a closed document's diagnostics itself).
  await s.change(file, PRIVILEGED, 3);
  assert.deepEqual(codes(await s.pullFull(file)), ["AKS401"]);
  await s.close(file);

  // Nothing was pushed (VS Code would show it twice): shutdown checks.
  assert.equal(await s.shutdown(), 0);
});

test("push (a client without pull diagnostics): open, change, close", async () => {
  const dir = project({ "policy.yaml": POLICY, "web.yaml": HARDENED });
  const file = path.join(dir, "web.yaml");
  const s = session(dir);
  const init = await s.initialize(dir, pushOnlyCapabilities);
  assert.equal(init.capabilities.diagnosticProvider, undefined);

  await s.open(file, PRIVILEGED, 1);
  const opened = await s.nextPublish(file);
  assert.equal(opened.version, 1);
  assert.deepEqual(codes(opened), ["AKS401"]);
  await s.change(file, HARDENED, 2);
  const changed = await s.nextPublish(file);
  assert.equal(changed.version, 2);
  assert.deepEqual(changed.diagnostics, []);
  await s.change(file, PRIVILEGED, 3);
  assert.deepEqual(codes(await s.nextPublish(file)), ["AKS401"]);
  await s.close(file);
  assert.deepEqual((await s.nextPublish(file)).diagnostics, []);
  assert.equal(await s.shutdown(), 0);
});

test("positions on a multibyte line are UTF-16 code units", async () => {
  // The container's securityContext on one line, after a value with `é` (one UTF-16 unit, two
  // UTF-8 bytes) and `🚀` (two UTF-16 units, one code point, four UTF-8 bytes).
  const block = HARDENED.slice(HARDENED.indexOf("          securityContext:\n            allow"));
  const text = HARDENED.replace(
    block,
    "          securityContext: {seLinuxOptions: {user: \"é🚀\"}, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, privileged: true}\n",
  );
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes("privileged: true"));
  const character = lines[line].indexOf("privileged: true"); // a JS string index counts UTF-16 units
  assert.equal([...lines[line].slice(0, character)].length, character - 1, "one code point fewer");

  const dir = project({ "policy.yaml": POLICY });
  const file = path.join(dir, "web.yaml");
  const s = session(dir);
  await s.initialize(dir);
  await s.open(file, text);
  const items = await s.pullFull(file);
  assert.deepEqual(codes(items), ["AKS401"]);
  assert.deepEqual(only(items, "AKS401").range, {
    start: { line, character },
    end: { line, character: character + "privileged: true".length },
  });
  assert.equal(await s.shutdown(), 0);
});

test("cross-file: a NetworkPolicy on disk covers the Deployment in the editor", async () => {
  // With the policy on disk: nothing about network policies.
  const covered = project({ "policy.yaml": POLICY });
  const file = path.join(covered, "web.yaml");
  let s = session(covered);
  await s.initialize(covered);
  await s.open(file, HARDENED);
  assert.deepEqual(await s.pullFull(file), []);
  assert.equal(await s.shutdown(), 0);

  // The same Deployment in a project without it: the namespace has no default deny, and the
  // workload no policy.
  const bare = project({});
  const other = path.join(bare, "web.yaml");
  s = session(bare);
  await s.initialize(bare);
  await s.open(other, HARDENED);
  const items = await s.pullFull(other);
  assert.deepEqual(codes(items), ["AKS301", "AKS302", "AKS303"]);
  const aks303 = only(items, "AKS303");
  // On the pod template's labels, which no policy selects.
  const labels = HARDENED.split("\n").indexOf("      labels: {app: web}");
  assert.deepEqual(aks303.range, { start: { line: labels, character: 6 }, end: { line: labels, character: 12 } });
  assert.equal(await s.shutdown(), 0);
});

test("cross-file: a NetworkPolicy typed in another editor covers the Deployment, and the client is asked to pull again", async () => {
  const dir = project({});
  const web = path.join(dir, "web.yaml");
  const policy = path.join(dir, "policy.yaml");
  const s = session(dir);
  await s.initialize(dir);
  await s.open(web, HARDENED);
  assert.deepEqual(codes(await s.pullFull(web)), ["AKS301", "AKS302", "AKS303"]);

  // Never saved: only the editor has it. The Deployment's findings change without it changing.
  await s.open(policy, POLICY);
  await s.nextRefresh();
  // What the client does on a refresh: pull every open document again.
  assert.deepEqual(await s.pullFull(web), []);
  assert.deepEqual(await s.pullFull(policy), []);

  // The policy closed unsaved: the Deployment is uncovered again.
  await s.close(policy);
  await s.nextRefresh();
  assert.deepEqual(codes(await s.pullFull(web)), ["AKS301", "AKS302", "AKS303"]);
  assert.equal(await s.shutdown(), 0);
});

test("quick fixes: the fix and the suppression come back for a finding, and applying them clears it", async () => {
  // An overridden duplicate key (AKS004: a safe fix) and privilege escalation allowed (AKS402:
  // an unsafe one).
  const broken = HARDENED.replace("metadata:\n  name: web\n", "metadata:\n  name: old\n  name: web\n").replace(
    "allowPrivilegeEscalation: false",
    "allowPrivilegeEscalation: true",
  );
  const dir = project({ "policy.yaml": POLICY });
  const file = path.join(dir, "web.yaml");
  const s = session(dir);
  await s.initialize(dir);
  await s.open(file, broken, 1);
  let items = await s.pullFull(file);
  assert.deepEqual(codes(items), ["AKS004", "AKS402"]);

  const dup = await s.codeActions(file, only(items, "AKS004"));
  assert.deepEqual(dup.map((a) => [a.title, a.kind, a.isPreferred]), [
    ["Remove the overridden earlier `name`", "quickfix", true],
    ["Suppress AKS004 on this line", "quickfix", false],
  ]);
  assert.equal(dup[0].diagnostics?.[0].code, "AKS004");
  const escalation = await s.codeActions(file, only(items, "AKS402"));
  assert.equal(escalation.length, 2, JSON.stringify(escalation));
  assert.match(escalation[0].title, /^Set `allowPrivilegeEscalation: false` on container `web`.*unsafe/);
  assert.equal(escalation[0].isPreferred, false, "an unsafe fix is never preferred");
  assert.equal(escalation[1].title, "Suppress AKS402 on this line");

  // The safe fix applied: AKS004 is gone, and only its line changed.
  const safe = applyAction(broken, file, dup[0]);
  assert.equal(safe, broken.replace("  name: old\n", ""));
  await s.change(file, safe, 2);
  items = await s.pullFull(file);
  assert.deepEqual(codes(items), ["AKS402"]);
  // Then the unsafe one, asked for on the new text: nothing is left.
  const fixed = applyAction(safe, file, (await s.codeActions(file, only(items, "AKS402")))[0]);
  assert.equal(fixed, HARDENED);
  await s.change(file, fixed, 3);
  assert.deepEqual(await s.pullFull(file), []);

  // Suppressing instead of fixing: an akslint-ignore comment above the line, and the finding goes
  // (with no AKS003: the comment suppresses something).
  await s.change(file, safe, 4);
  items = await s.pullFull(file);
  const suppress = (await s.codeActions(file, only(items, "AKS402")))[1];
  const suppressed = applyAction(safe, file, suppress);
  assert.match(suppressed, /\n {12}# akslint-ignore: AKS402 -- <reason>\n {12}allowPrivilegeEscalation: true\n/);
  await s.change(file, suppressed, 5);
  assert.deepEqual(await s.pullFull(file), []);
  assert.equal(await s.shutdown(), 0);
});

test("akslint.config is passed as --config and replaces the nearest akslint.toml", async () => {
  const dir = project({ "policy.yaml": POLICY, "team.toml": "root = true\nignore = [\"AKS401\"]\n" });
  const file = path.join(dir, "web.yaml");
  const s = session(dir, serverArgs("${workspaceFolder}/team.toml", dir));
  await s.initialize(dir);
  await s.open(file, PRIVILEGED);
  assert.deepEqual(await s.pullFull(file), []);
  assert.equal(await s.shutdown(), 0);
});

test("a .tf file without a Terraform language is linted by its name", async () => {
  // Without the HashiCorp extension VS Code gives `.tf` no language: the selector's pattern
  // sends it anyway, as "plaintext", and the server classifies it by its extension.
  const tf = `resource "azurerm_kubernetes_cluster" "aks" {
  name                   = "aks"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "aks"
  local_account_disabled = false
}
`;
  assert.ok(DOCUMENT_SELECTOR.some((f) => f.pattern?.includes("tf,") === true && f.language === undefined));
  const dir = project({ "akslint.toml": "root = true\nselect = [\"AKS101\"]\n" });
  const file = path.join(dir, "main.tf");
  const s = session(dir);
  await s.initialize(dir);
  await s.open(file, tf, 1, "plaintext");
  const items = await s.pullFull(file);
  assert.deepEqual(codes(items), ["AKS101"]);
  assert.equal(only(items, "AKS101").range.start.line, 5, "on local_account_disabled");
  assert.equal(await s.shutdown(), 0);
});
