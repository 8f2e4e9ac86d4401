#!/usr/bin/env python3
"""Latency of `akslint lsp`: from a didChange notification to the publishDiagnostics of that
version, for one open manifest of about LINES lines in a project of FILES manifests on disk
(issue 12's target: p99 under 20 ms, excluding the debounce: the server is started with
`initializationOptions: {"debounceMs": 0}`, so each change is linted as soon as it arrives and
the time is the lint's and the protocol's only; --debounce-ms sets another).

    scripts/bench-lsp.py                      # 1,000-line manifest, 1,000-file project, 200 changes
    scripts/bench-lsp.py --files 200 --changes 50
    scripts/bench-lsp.py --pull               # as VS Code: didChange, then textDocument/diagnostic
    scripts/bench-lsp.py --terraform          # the corpus's Terraform in the project too (infra/)

The project is built in a temporary directory from the shared corpus's Kubernetes manifests
(copied round-robin; AKSLINT_SHARED overrides ../shared), with an akslint.toml `root = true` at
its top so that it is one project; the open manifest is corpus files holding Deployments, joined
until it has LINES lines. Each change rewrites one label value, so every version is linted in full. The first
open (cache cold, then warm) is timed on its own. With --pull the client offers pull diagnostics,
as VS Code does, and each change is followed by a textDocument/diagnostic request: the time is
to its answer. With --terraform the shared corpus's Terraform modules are copied into the project
(`infra/`), as in a repository holding both: the cross-layer rules read their facts. Uses
target/release/akslint (built if missing).
Standard library only.
"""

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import queue
import resource
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def corpus_manifests(shared):
    k8s = shared / "corpus" / "k8s"
    files = sorted(p for p in k8s.rglob("*.yaml") if p.is_file())
    if not files:
        sys.exit(f"bench-lsp: no manifests under {k8s}")
    return files


def build_project(dest, files, count, lines, terraform=None):
    (dest / "akslint.toml").write_text("root = true\n")
    if terraform:
        shutil.copytree(terraform, dest / "infra")
    for i in range(count - 1):
        src = files[i % len(files)]
        d = dest / f"copy-{i // len(files):02d}" / src.parent.name
        d.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, d / src.name)
    # The open manifest: whole corpus files with workloads until it has `lines` lines.
    workloads = [f for f in files if "kind: Deployment" in f.read_text(errors="replace")]
    text, i = "", 0
    while text.count("\n") < lines:
        body = workloads[i % len(workloads)].read_text(errors="replace").strip("\n")
        text += ("---\n" if text else "") + body + "\n"
        i += 1
    text += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bench\n  labels:\n    edit: \"0\"\ndata: {}\n"
    opened = dest / "open.yaml"
    opened.write_text(text)
    return opened, text


class Server:
    def __init__(self, binary, cwd):
        self.proc = subprocess.Popen(
            [str(binary), "lsp"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.messages = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 1
        self.pull = False

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.messages.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        """Sends a request and waits for its answer: the answer, and when it arrived."""
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        self.next_id += 1
        while True:
            at, m = self.messages.get(timeout=120)
            if m.get("id") == self.next_id - 1 and "method" not in m:
                return m, at
            if m.get("method") == "textDocument/publishDiagnostics" and self.pull:
                sys.exit("bench-lsp: a pull client was pushed diagnostics")

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def published(self, uri, version):
        """Waits for the diagnostics of `uri` at `version`: when they arrived, and how many."""
        while True:
            at, m = self.messages.get(timeout=120)
            p = m.get("params", {})
            if (
                m.get("method") == "textDocument/publishDiagnostics"
                and p.get("uri") == uri
                and p.get("version") == version
            ):
                return at, len(p["diagnostics"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--changes", type=int, default=200)
    ap.add_argument("--pull", action="store_true", help="offer pull diagnostics and pull after each change")
    ap.add_argument("--debounce-ms", type=int, default=0, help="the server's debounce (0: none, as the target is stated)")
    ap.add_argument("--terraform", action="store_true", help="copy the corpus's Terraform modules into the project")
    args = ap.parse_args()
    shared = pathlib.Path(os.environ.get("AKSLINT_SHARED", ROOT.parent / "shared"))
    binary = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "akslint"
    if not binary.exists():
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    files = corpus_manifests(shared)
    with tempfile.TemporaryDirectory(prefix="akslint-bench-lsp-") as tmp:
        project = pathlib.Path(tmp)
        tf = shared / "corpus" / "terraform" if args.terraform else None
        opened, text = build_project(project, files, args.files, args.lines, tf)
        uri = opened.as_uri()
        server = Server(binary, project)
        server.pull = args.pull
        caps = {"textDocument": {"diagnostic": {}}} if args.pull else {}
        init, _ = server.request("initialize", {"processId": None, "rootUri": project.as_uri(), "capabilities": caps,
                                                "initializationOptions": {"debounceMs": args.debounce_ms}})
        if args.pull != ("diagnosticProvider" in init["result"]["capabilities"]):
            sys.exit(f"bench-lsp: the server does not take {'pull' if args.pull else 'push'} diagnostics")
        server.notify("initialized", {})

        def linted(v):
            """Waits for version v's findings: when they arrived, and how many."""
            if not args.pull:
                return server.published(uri, v)
            r, at = server.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
            return at, len(r["result"]["items"])

        t0 = time.perf_counter()
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        at, n = linted(1)
        first = at - t0
        latencies = []
        for v in range(2, args.changes + 2):
            edited = text.replace('edit: "0"', f'edit: "{v}"')
            t0 = time.perf_counter()
            server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": edited}]})
            at, _ = linted(v)
            latencies.append((at - t0) * 1000)
        server.request("shutdown", None)
        server.notify("exit", None)
        server.proc.wait(timeout=30)
    # The server's CPU time (it is the only child waited for): unlike the latencies, it does not
    # grow when other processes hold the cores.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
    slowest = sorted(range(len(latencies)), key=lambda i: -latencies[i])[:3]
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    mode = "pull" if args.pull else "push"
    with_tf = " and the corpus's Terraform" if args.terraform else ""
    print(f"akslint lsp ({mode}): {args.lines}-line manifest ({n} findings), {args.files}-file project{with_tf}, {args.changes} changes, debounce {args.debounce_ms} ms")
    print(f"   first open (cache cold): {first * 1000:.0f} ms")
    print(f"   change -> {'diagnostic report' if args.pull else 'publish'}: p50 {p(0.50):.0f} ms, p90 {p(0.90):.0f} ms, p99 {p(0.99):.0f} ms, max {latencies[-1]:.0f} ms (target p99 < 20 ms)")
    print(f"   mean {statistics.mean(latencies):.0f} ms; slowest: " + ", ".join(f"change {i + 1}" for i in slowest))
    print(f"   server CPU time: {cpu_ms:.0f} ms, {cpu_ms / (args.changes + 1):.1f} ms per lint (all threads)")
    print(f"   load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
