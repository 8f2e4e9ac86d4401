// The real `akslint lsp` driven through the protocol library the extension's client is built on
// (vscode-languageserver-protocol over vscode-jsonrpc: the node-only layer of
// vscode-languageclient, which cannot load outside VS Code), started as the extension starts it
// (src/server.ts's arguments) and initialized with the client capabilities
// vscode-languageclient 9 sends.
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
  createProtocolConnection,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { vscodeClientCapabilities } from "./capabilities";
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
  private waiting: (() => void) | undefined;
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
    this.conn.listen();
  }

  async initialize(root: string): Promise<InitializeResult> {
    const rootUri = uri(root);
    const result = await withTimeout(this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: "Visual Studio Code", version: "1.82.0" },
      rootPath: root,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
      capabilities: vscodeClientCapabilities,
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

  /** The next publish (in order; each is taken once), which must be for `file`. */
  async nextPublish(file: string): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + TIMEOUT_MS;
    while (this.published.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) assert.fail(`no publishDiagnostics for ${file} within ${TIMEOUT_MS} ms; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = undefined;
    }
    const p = this.published.shift()!;
    assert.equal(p.uri, uri(file), `a publish for another document: ${JSON.stringify(p)}`);
    return p;
  }

  /** shutdown, then exit: the exit code (0 when the protocol was followed). */
  async shutdown(): Promise<number | null> {
    await withTimeout(this.conn.sendRequest(ShutdownRequest.type), "the shutdown response");
    await this.conn.sendNotification(ExitNotification.type);
    const code = await withTimeout(this.exited, "the server to exit");
    this.conn.dispose();
    assert.deepEqual(this.published, [], "every publish was expected");
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

function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => String(d.code)).sort();
}

function only(p: PublishDiagnosticsParams, code: string): Diagnostic {
  const found = p.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(codes(p))}`);
  return found[0];
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

test("open, change, close, shutdown: a privileged container found, fixed, cleared", async () => {
  // On disk the file is already fixed: what is linted is the editor's text.
  const dir = project({ "policy.yaml": POLICY, "web.yaml": HARDENED });
  const file = path.join(dir, "web.yaml");
  const s = session(dir);
  const init = await s.initialize(dir);
  assert.equal(init.capabilities.positionEncoding, "utf-16", "VS Code offers only UTF-16");
  assert.equal(init.serverInfo?.name, "akslint");
  // VS Code offers pull diagnostics too (textDocument.diagnostic); a server that registers them
  // is pulled from, and its pushes would show twice. This test drives push only.
  assert.equal(init.capabilities.diagnosticProvider, undefined, "the server now offers pull diagnostics: test them here");

  await s.open(file, PRIVILEGED, 1);
  const opened = await s.nextPublish(file);
  assert.equal(opened.version, 1);
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

  // Fixed in the editor: nothing is left.
  await s.change(file, HARDENED, 2);
  const changed = await s.nextPublish(file);
  assert.equal(changed.version, 2);
  assert.deepEqual(changed.diagnostics, []);

  // Broken again, then closed: closing clears what was shown.
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
  const p = await s.nextPublish(file);
  assert.deepEqual(codes(p), ["AKS401"]);
  assert.deepEqual(only(p, "AKS401").range, {
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
  assert.deepEqual((await s.nextPublish(file)).diagnostics, []);
  assert.equal(await s.shutdown(), 0);

  // The same Deployment in a project without it: the namespace has no default deny, and the
  // workload no policy.
  const bare = project({});
  const other = path.join(bare, "web.yaml");
  s = session(bare);
  await s.initialize(bare);
  await s.open(other, HARDENED);
  const p = await s.nextPublish(other);
  assert.deepEqual(codes(p), ["AKS301", "AKS302", "AKS303"]);
  const aks303 = only(p, "AKS303");
  // On the pod template's labels, which no policy selects.
  const labels = HARDENED.split("\n").indexOf("      labels: {app: web}");
  assert.deepEqual(aks303.range, { start: { line: labels, character: 6 }, end: { line: labels, character: 12 } });
  assert.equal(await s.shutdown(), 0);
});

test("akslint.config is passed as --config and replaces the nearest akslint.toml", async () => {
  const dir = project({ "policy.yaml": POLICY, "team.toml": "root = true\nignore = [\"AKS401\"]\n" });
  const file = path.join(dir, "web.yaml");
  const s = session(dir, serverArgs("${workspaceFolder}/team.toml", dir));
  await s.initialize(dir);
  await s.open(file, PRIVILEGED);
  assert.deepEqual((await s.nextPublish(file)).diagnostics, []);
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
  const p = await s.nextPublish(file);
  assert.deepEqual(codes(p), ["AKS101"]);
  assert.equal(only(p, "AKS101").range.start.line, 5, "on local_account_disabled");
  assert.equal(await s.shutdown(), 0);
});
