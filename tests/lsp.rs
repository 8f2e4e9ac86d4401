//! `akslint lsp` over standard input and output, as an editor drives it: JSON-RPC messages
//! framed by hand (`Content-Length` headers), no client library.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// A privileged container; the key after an `é` and an emoji on its line (so that UTF-16
/// counts one unit more than the engine's Unicode-scalar columns).
const PRIVILEGED: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: app
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext: {seLinuxOptions: {user: \"é🚀\"}, privileged: true}
";

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Server {
    fn start(cwd: &Path) -> Server {
        Server::start_with(cwd, &[])
    }

    fn start_with(cwd: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_akslint"))
            .arg("lsp")
            .args(args)
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            while let Some(msg) = read_frame(&mut stdout) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// A request and its answer. An `initialize` without `initializationOptions` asks for no
    /// debounce: each change is linted at once, and no test waits 150 ms for it.
    fn request(&mut self, id: i64, method: &str, mut params: Value) -> Value {
        if method == "initialize" && params.get("initializationOptions").is_none() {
            params["initializationOptions"] = json!({"debounceMs": 0});
        }
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let msg = self.next();
        assert_eq!(msg["id"], id, "the response to {method}: {msg}");
        msg
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(60))
            .expect("a message from the server within 60 s")
    }

    /// Ends the session as a client does — `shutdown` (answered with null, and the next message:
    /// `why` says what else that shows), then `exit` — and checks that the server ends well.
    fn shut_down(&mut self, id: i64, why: &str) {
        let shutdown = self.request(id, "shutdown", Value::Null);
        assert_eq!(shutdown["result"], Value::Null, "{why}: {shutdown}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }

    /// The next message, which must be a publishDiagnostics.
    fn published(&self) -> Value {
        let msg = self.next();
        assert_eq!(msg["method"], "textDocument/publishDiagnostics", "{msg}");
        msg["params"].clone()
    }
}

/// One `Content-Length`-framed message; `None` at the end of the stream.
fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = Some(v.parse::<usize>().unwrap());
        }
    }
    let mut body = vec![0; len.expect("a Content-Length header")];
    r.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).unwrap())
}

fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn open_change_close_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    // Its own project: no config above the temporary directory applies.
    std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
    let file = dir.path().join("pod.yaml");
    let fixed = PRIVILEGED.replace("privileged: true", "privileged: false");
    // On disk the file is already fixed: the editor's text is what is linted.
    std::fs::write(&file, &fixed).unwrap();
    let uri = format!("file://{}", file.display());

    let mut server = Server::start(dir.path());
    let init = server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null,
               "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
    );
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(caps["textDocumentSync"]["change"], 1, "full sync: {init}");
    server.notify("initialized", json!({}));

    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                "text": PRIVILEGED}}),
    );
    let opened = server.published();
    assert_eq!(opened["uri"], uri);
    assert_eq!(opened["version"], 1);
    let aks401 = opened["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "AKS401")
        .unwrap_or_else(|| panic!("AKS401 in {opened}"));
    // Line 10, column 55 in Unicode scalar values; `🚀` is two UTF-16 units.
    assert_eq!(
        aks401["range"]["start"],
        json!({"line": 9, "character": 55})
    );
    assert_eq!(aks401["severity"], 1);
    assert_eq!(aks401["source"], "akslint");
    assert!(
        aks401["message"].as_str().unwrap().contains("\nhelp: "),
        "{aks401}"
    );

    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": fixed}]}),
    );
    let changed = server.published();
    assert_eq!(changed["version"], 2);
    let after = codes(&changed);
    assert!(!after.contains(&"AKS401".to_string()), "{after:?}");
    assert!(!after.is_empty(), "the other findings stay: {changed}");

    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let closed = server.published();
    assert_eq!(closed["uri"], uri);
    assert_eq!(closed["diagnostics"], json!([]));

    server.shut_down(2, "the shutdown answered in turn");
}

#[test]
fn rendered_helm_output_names_its_template() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("akslint.toml"),
        "root = true\nselect = [\"AKS401\"]\n",
    )
    .unwrap();
    let uri = format!("file://{}", dir.path().join("rendered.yaml").display());
    let text = format!("---\n# Source: shop/templates/pod.yaml\n{PRIVILEGED}");
    let mut server = Server::start(dir.path());
    server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let opened = server.published();
    assert_eq!(codes(&opened), ["AKS401"], "{opened}");
    let message = opened["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.ends_with("\nhelm source: shop/templates/pod.yaml"),
        "{message}"
    );
    server.shut_down(2, "the shutdown answered in turn");
}

#[test]
fn un_rendered_helm_templates_are_not_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
    std::fs::create_dir_all(dir.path().join("chart/templates")).unwrap();
    std::fs::write(
        dir.path().join("chart/Chart.yaml"),
        "apiVersion: v2\nname: shop\nversion: 0.1.0\n",
    )
    .unwrap();
    let template = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: web\n      image: {{ .Values.image }}\n      securityContext:\n        privileged: true\n";
    let mut server = Server::start(dir.path());
    server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    // The same text under the chart's templates/ and beside it: only the latter is linted.
    for (path, linted) in [("chart/templates/pod.yaml", false), ("pod.yaml", true)] {
        let uri = format!("file://{}", dir.path().join(path).display());
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": template}}),
        );
        let opened = server.published();
        assert_eq!(opened["uri"], uri);
        assert_eq!(!codes(&opened).is_empty(), linted, "{path}: {opened}");
    }
    server.shut_down(2, "the shutdown answered in turn");
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path());
    server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    server.notify("exit", Value::Null);
    assert_eq!(server.child.wait().unwrap().code(), Some(1));
}

#[test]
fn the_project_on_disk_is_context_and_related_locations_point_into_the_buffer() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
    // A default-deny policy for the namespace, on disk only.
    std::fs::write(
        dir.path().join("policy.yaml"),
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: app\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n",
    )
    .unwrap();
    // Never saved: only the editor has it.
    let file = dir.path().join("pod.yaml");
    let uri = format!("file://{}", file.display());
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: app\n  name: web2\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n";

    let mut server = Server::start(dir.path());
    let init = server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null,
               "capabilities": {"general": {"positionEncodings": ["utf-16", "utf-8"]}}}),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 7, "text": text}}),
    );
    let opened = server.published();
    assert_eq!(opened["version"], 7);
    let found = codes(&opened);
    for covered in ["AKS301", "AKS302", "AKS303"] {
        assert!(!found.contains(&covered.to_string()), "{found:?}");
    }
    let dup = opened["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "AKS004")
        .unwrap_or_else(|| panic!("AKS004 in {opened}"));
    assert_eq!(dup["range"]["start"], json!({"line": 5, "character": 2}));
    let related = &dup["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri);
    assert_eq!(
        related["location"]["range"]["start"],
        json!({"line": 3, "character": 2})
    );

    server.shut_down(2, "the shutdown answered in turn");
}

#[test]
fn config_names_one_akslint_toml_for_every_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
    // Elsewhere, and relative to the server's directory: it replaces the project's own.
    std::fs::create_dir(dir.path().join("cfg")).unwrap();
    std::fs::write(
        dir.path().join("cfg/team.toml"),
        "root = true\nignore = [\"AKS401\"]\n",
    )
    .unwrap();
    let file = dir.path().join("pod.yaml");
    let uri = format!("file://{}", file.display());
    let open = |server: &mut Server| {
        server.request(
            1,
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        server.notify("initialized", json!({}));
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                    "text": PRIVILEGED}}),
        );
        let opened = server.published();
        server.shut_down(2, "the shutdown answered in turn");
        opened
    };

    let mut server = Server::start_with(dir.path(), &["--config", "cfg/team.toml"]);
    let found = codes(&open(&mut server));
    assert!(!found.contains(&"AKS401".to_string()), "{found:?}");
    assert!(!found.is_empty(), "the other rules still run: {found:?}");

    // Without it, the project's own config: AKS401 is reported.
    let mut server = Server::start(dir.path());
    assert!(codes(&open(&mut server)).contains(&"AKS401".to_string()));

    // A config that does not load is said on the file, naming it.
    let mut server = Server::start_with(dir.path(), &["--config", "cfg/missing.toml"]);
    let opened = open(&mut server);
    let diags = opened["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{opened}");
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("cfg/missing.toml"),
        "{opened}"
    );
}

/// Code actions: the safe fix preferred, the unsafe one saying so, and "Suppress RULE on this
/// line", each with the edit `--fix` makes; a hover on a finding shows its rule's documentation.
#[test]
fn code_actions_and_hover() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("akslint.toml"),
        "root = true\nselect = [\"AKS004\", \"AKS402\"]\n",
    )
    .unwrap();
    let file = dir.path().join("pod.yaml");
    let uri = format!("file://{}", file.display());
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: app\n  name: web2\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n";

    let mut server = Server::start(dir.path());
    let init = server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["result"]["capabilities"];
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(caps["hoverProvider"], true);
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let opened = server.published();
    assert_eq!(codes(&opened), ["AKS004", "AKS402"], "{opened}");

    // The whole line, as an editor asks for the fixes of the line under the cursor.
    let range = |line: u32| json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 80}});
    let at_dup = server.request(
        2,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(5), "context": {"diagnostics": []}}),
    );
    let actions = at_dup["result"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "{at_dup}");
    assert_eq!(actions[0]["title"], "Remove the overridden earlier `name`");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "AKS004");
    assert_eq!(
        actions[0]["edit"]["changes"][&uri],
        json!([{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 4, "character": 0}}, "newText": ""}])
    );
    assert_eq!(actions[1]["title"], "Suppress AKS004 on this line");
    assert_eq!(actions[1]["isPreferred"], false);
    assert_eq!(
        actions[1]["edit"]["changes"][&uri],
        json!([{"range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 0}},
                "newText": "  # akslint-ignore: AKS004 -- <reason>\n"}])
    );

    let at_container = server.request(
        3,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(8), "context": {"diagnostics": []}}),
    );
    let actions = at_container["result"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "{at_container}");
    let title = actions[0]["title"].as_str().unwrap();
    assert!(
        title.starts_with("Set `allowPrivilegeEscalation: false` on container `web`")
            && title.contains("unsafe"),
        "{title}"
    );
    assert_eq!(actions[0]["isPreferred"], false);
    assert_eq!(
        actions[0]["edit"]["changes"][&uri],
        json!([{"range": {"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 0}},
                "newText": "        allowPrivilegeEscalation: false\n"}])
    );
    assert_eq!(actions[1]["title"], "Suppress AKS402 on this line");

    let nothing = server.request(
        4,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(1), "context": {"diagnostics": []}}),
    );
    assert_eq!(nothing["result"], json!([]));

    let hover = server.request(
        5,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 8}}),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("AKS402 privilege-escalation-allowed (error, workloads)\n\n"),
        "{value}"
    );
    assert!(value.contains("## Why"), "{value}");
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    let off = server.request(
        6,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(off["result"], Value::Null);

    // The safe fix applied as the editor applies it: AKS004 is gone, AKS402 stays.
    let safe = apply_edits(text, &at_dup["result"][0]["edit"]["changes"][&uri]);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": safe}]}),
    );
    let changed = server.published();
    assert_eq!(changed["version"], 2);
    assert_eq!(codes(&changed), ["AKS402"], "{changed}");
    // Then the unsafe one, asked for again on the new text (the container is a line higher).
    let fixes = server.request(
        8,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(7), "context": {"diagnostics": []}}),
    );
    let hardened = apply_edits(&safe, &fixes["result"][0]["edit"]["changes"][&uri]);
    assert!(hardened.ends_with(
        "        readOnlyRootFilesystem: true\n        allowPrivilegeEscalation: false\n"
    ));
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": hardened}]}),
    );
    let clean = server.published();
    assert_eq!(clean["version"], 3);
    assert_eq!(clean["diagnostics"], json!([]), "{clean}");

    server.shut_down(7, "the shutdown answered in turn");
}

/// The byte offset of an LSP position (UTF-16 units) in `text`.
fn offset(text: &str, pos: &Value) -> usize {
    let (line, character) = (
        pos["line"].as_u64().unwrap(),
        pos["character"].as_u64().unwrap(),
    );
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// `text` with an array of LSP text edits applied (as an editor applies a WorkspaceEdit).
fn apply_edits(text: &str, edits: &Value) -> String {
    let mut edits: Vec<(usize, usize, &str)> = edits
        .as_array()
        .unwrap_or_else(|| panic!("edits: {edits}"))
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

/// The AKS401 finding's start in a publish or a pull report's items.
fn aks401_start(diags: &Value) -> Value {
    diags
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "AKS401")
        .unwrap_or_else(|| panic!("AKS401 in {diags}"))["range"]["start"]
        .clone()
}

#[test]
fn multibyte_positions_in_each_negotiated_encoding() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
    let uri = format!("file://{}", dir.path().join("pod.yaml").display());
    let line = PRIVILEGED.lines().nth(9).unwrap();
    let before = &line[..line.find("privileged").unwrap()];
    // `é` and `🚀` before the key: each encoding counts them differently.
    let utf16 = before.chars().map(char::len_utf16).sum::<usize>();
    let cases = [
        (json!(["utf-8"]), "utf-8", before.len()),
        (
            json!(["utf-32", "utf-16"]),
            "utf-32",
            before.chars().count(),
        ),
        (json!(["utf-16"]), "utf-16", utf16),
        (Value::Null, "utf-16", utf16),
    ];
    assert_eq!(
        (before.len(), before.chars().count(), utf16),
        (58, 54, 55),
        "three different counts"
    );
    for (offered, negotiated, character) in cases {
        let mut server = Server::start(dir.path());
        let init = server.request(
            1,
            "initialize",
            json!({"processId": null, "rootUri": null,
                   "capabilities": {"general": {"positionEncodings": offered}}}),
        );
        assert_eq!(
            init["result"]["capabilities"]["positionEncoding"],
            negotiated
        );
        server.notify("initialized", json!({}));
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                    "text": PRIVILEGED}}),
        );
        let opened = server.published();
        assert_eq!(
            aks401_start(&opened["diagnostics"]),
            json!({"line": 9, "character": character}),
            "{negotiated}"
        );
        server.shut_down(2, "the shutdown answered in turn");
    }
}

/// A default-deny NetworkPolicy for the namespace `app`.
const POLICY: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: app\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";

/// The network-policy rules a pod in `app` meets without a default-deny policy.
const UNCOVERED: [&str; 3] = ["AKS301", "AKS302", "AKS303"];

fn has_any(found: &[String], rules: &[&str]) -> bool {
    found.iter().any(|c| rules.contains(&c.as_str()))
}

#[test]
fn push_clients_get_the_other_open_documents_whose_findings_change() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
    let pod = format!("file://{}", dir.path().join("pod.yaml").display());
    let policy = format!("file://{}", dir.path().join("policy.yaml").display());
    let mut server = Server::start(dir.path());
    let init = server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(
        init["result"]["capabilities"]["diagnosticProvider"],
        Value::Null,
        "no pull without the client's capability: {init}"
    );
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": pod, "languageId": "yaml", "version": 1, "text": PRIVILEGED}}),
    );
    let opened = server.published();
    assert!(has_any(&codes(&opened), &UNCOVERED), "{opened}");

    // A policy typed in another buffer, never saved: the pod is covered, and told so.
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": policy, "languageId": "yaml", "version": 1, "text": POLICY}}),
    );
    let mut got = std::collections::BTreeMap::new();
    for _ in 0..2 {
        let p = server.published();
        got.insert(p["uri"].as_str().unwrap().to_string(), p);
    }
    assert_eq!(got[&policy]["diagnostics"], json!([]), "{got:?}");
    let covered = &got[&pod];
    assert_eq!(
        covered["version"], 1,
        "the pod's own version: it did not change"
    );
    let found = codes(covered);
    assert!(!has_any(&found, &UNCOVERED), "{found:?}");
    assert!(found.contains(&"AKS401".to_string()), "{found:?}");

    // An edit to the policy that changes nothing for the pod publishes only the policy.
    let renamed = POLICY.replace("name: deny", "name: deny-all");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": policy, "version": 2}, "contentChanges": [{"text": renamed}]}),
    );
    let p = server.published();
    assert_eq!(
        (p["uri"].as_str().unwrap(), &p["version"]),
        (policy.as_str(), &json!(2))
    );

    // Closed (and never saved): the pod is uncovered again.
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": policy}}),
    );
    let closed = server.published();
    assert_eq!(
        (closed["uri"].as_str().unwrap(), &closed["diagnostics"]),
        (policy.as_str(), &json!([]))
    );
    let uncovered = server.published();
    assert_eq!(uncovered["uri"], pod);
    assert!(has_any(&codes(&uncovered), &UNCOVERED), "{uncovered}");

    server.shut_down(2, "nothing else was sent");
}

/// The codes of a pull report's items.
fn item_codes(report: &Value) -> Vec<String> {
    codes(&json!({"diagnostics": report["items"]}))
}

#[test]
fn pull_clients_pull_and_are_asked_to_refresh() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
    let pod = format!("file://{}", dir.path().join("pod.yaml").display());
    let policy = format!("file://{}", dir.path().join("policy.yaml").display());
    // On disk, never opened: pulled, it is linted from disk.
    std::fs::write(dir.path().join("other.yaml"), PRIVILEGED).unwrap();
    let other = format!("file://{}", dir.path().join("other.yaml").display());

    let mut server = Server::start(dir.path());
    // What vscode-languageclient 9 declares (editors/vscode/test/capabilities.ts).
    let init = server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {
            "workspace": {"diagnostics": {"refreshSupport": true}},
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": true, "versionSupport": false},
                "diagnostic": {"dynamicRegistration": true, "relatedDocumentSupport": false},
            },
        }}),
    );
    assert_eq!(
        init["result"]["capabilities"]["diagnosticProvider"],
        json!({"identifier": "akslint", "interFileDependencies": true, "workspaceDiagnostics": false}),
        "{init}"
    );
    server.notify("initialized", json!({}));
    let pull = |server: &mut Server, id: i64, uri: &str, previous: Option<&str>| {
        let r = server.request(
            id,
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": previous}),
        );
        r["result"].clone()
    };

    // Pulled right after the open: the lint is done first, never an empty answer.
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": pod, "languageId": "yaml", "version": 1, "text": PRIVILEGED}}),
    );
    let first = pull(&mut server, 2, &pod, None);
    assert_eq!(first["kind"], "full", "{first}");
    let found = item_codes(&first);
    assert!(
        found.contains(&"AKS401".to_string()) && has_any(&found, &UNCOVERED),
        "{found:?}"
    );
    assert_eq!(
        aks401_start(&first["items"]),
        json!({"line": 9, "character": 55})
    );
    let id1 = first["resultId"].as_str().unwrap().to_string();
    // Nothing changed: `unchanged`, with the same result ID.
    let again = pull(&mut server, 3, &pod, Some(&id1));
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id1}));

    // A change: a new result, pulled (nothing pushed).
    let fixed = PRIVILEGED.replace("privileged: true", "privileged: false");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": pod, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let changed = pull(&mut server, 4, &pod, Some(&id1));
    assert_eq!(changed["kind"], "full");
    let id2 = changed["resultId"].as_str().unwrap().to_string();
    assert_ne!(id2, id1);
    assert!(
        !item_codes(&changed).contains(&"AKS401".to_string()),
        "{changed}"
    );

    // A policy opened beside it changes the pod's findings: the client is asked to pull again.
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": policy, "languageId": "yaml", "version": 1, "text": POLICY}}),
    );
    let refresh = server.next();
    assert_eq!(
        refresh["method"], "workspace/diagnostic/refresh",
        "{refresh}"
    );
    assert!(
        refresh.get("params").is_none_or(Value::is_null),
        "{refresh}"
    );
    server.send(json!({"jsonrpc": "2.0", "id": refresh["id"], "result": null}));
    let covered = pull(&mut server, 5, &pod, Some(&id2));
    assert_eq!(covered["kind"], "full");
    let id3 = covered["resultId"].as_str().unwrap().to_string();
    assert_ne!(id3, id2);
    assert!(!has_any(&item_codes(&covered), &UNCOVERED), "{covered}");
    let policy_report = pull(&mut server, 6, &policy, None);
    assert_eq!(policy_report["items"], json!([]), "{policy_report}");

    // A file that is not open: linted as it is on disk.
    let on_disk = pull(&mut server, 7, &other, None);
    assert_eq!(on_disk["kind"], "full");
    assert!(
        item_codes(&on_disk).contains(&"AKS401".to_string()),
        "{on_disk}"
    );

    // Closing the policy uncovers the pod: another refresh; closing the pod sends nothing.
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": policy}}),
    );
    let refresh = server.next();
    assert_eq!(
        refresh["method"], "workspace/diagnostic/refresh",
        "{refresh}"
    );
    let uncovered = pull(&mut server, 8, &pod, Some(&id3));
    assert!(has_any(&item_codes(&uncovered), &UNCOVERED), "{uncovered}");
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": pod}}),
    );

    // No publishDiagnostics at any point: the next message is the shutdown's answer.
    server.shut_down(9, "the shutdown answered in turn");
}

/// Opens PRIVILEGED as pod.yaml in a project of its own, for a push client with the debounce
/// given; returns the server, the URI and the first publish.
fn opened_with_debounce(dir: &Path, debounce_ms: u64) -> (Server, String, Value) {
    std::fs::write(dir.join("akslint.toml"), "root = true\n").unwrap();
    let uri = format!("file://{}", dir.join("pod.yaml").display());
    let mut server = Server::start(dir);
    server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {},
               "initializationOptions": {"debounceMs": debounce_ms}}),
    );
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": PRIVILEGED}}),
    );
    // An open is linted at once, whatever the debounce.
    let opened = server.published();
    assert_eq!(opened["version"], 1);
    (server, uri, opened)
}

#[test]
fn requests_are_answered_while_a_change_waits_for_its_lint() {
    let dir = tempfile::tempdir().unwrap();
    // A debounce no test outlives: the change's lint is due long after everything below.
    let (mut server, uri, _) = opened_with_debounce(dir.path(), 600_000);
    let fixed = PRIVILEGED.replace("privileged: true", "privileged: false");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    // Answered at once (`request` checks that the next message is the answer: nothing was
    // published for version 2), from no findings: those of version 1 are not for this text.
    let at = json!({"line": 9, "character": 60});
    let hover = server.request(
        2,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": at}),
    );
    assert_eq!(hover["result"], Value::Null, "{hover}");
    let actions = server.request(
        3,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at},
               "context": {"diagnostics": []}}),
    );
    assert_eq!(actions["result"], json!([]), "{actions}");
    // Shutdown and exit do not wait for the lint either.
    server.shut_down(4, "the shutdown answered in turn");
}

#[test]
fn a_burst_of_changes_is_linted_once_for_the_last_text() {
    let dir = tempfile::tempdir().unwrap();
    // Long enough that the three changes, sent back to back, fall within it.
    let (mut server, uri, _) = opened_with_debounce(dir.path(), 1_000);
    let fixed = PRIVILEGED.replace("privileged: true", "privileged: false");
    for (version, text) in [(2, &fixed), (3, &PRIVILEGED.to_string()), (4, &fixed)] {
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }
    let p = server.published();
    assert_eq!(p["version"], 4, "only the last version is linted: {p}");
    assert!(!codes(&p).contains(&"AKS401".to_string()), "{p}");
    server.shut_down(2, "nothing else was published");
}

#[test]
fn rapid_changes_publish_rising_versions_each_with_its_own_findings() {
    let dir = tempfile::tempdir().unwrap();
    // No debounce: lints start while the next changes arrive, and finish after them.
    let (mut server, uri, _) = opened_with_debounce(dir.path(), 0);
    let fixed = PRIVILEGED.replace("privileged: true", "privileged: false");
    // Even versions are privileged (AKS401), odd ones are not.
    let last = 40;
    for version in 2..=last {
        let text = if version % 2 == 0 {
            PRIVILEGED
        } else {
            fixed.as_str()
        };
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }
    let mut seen = 1;
    while seen < last {
        let p = server.published();
        let version = p["version"].as_i64().unwrap();
        assert!(version > seen, "version {version} published after {seen}");
        let privileged = codes(&p).contains(&"AKS401".to_string());
        assert_eq!(
            privileged,
            version % 2 == 0,
            "the findings of version {version}: {p}"
        );
        seen = version;
    }
    server.shut_down(2, "the shutdown answered in turn");
}

#[test]
fn files_changed_on_disk_are_seen_after_the_watched_files_notification() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("akslint.toml"), "root = true\n").unwrap();
    let pod = format!("file://{}", dir.path().join("pod.yaml").display());
    let policy_path = dir.path().join("policy.yaml");
    let policy = format!("file://{}", policy_path.display());
    let mut server = Server::start(dir.path());
    server.request(
        1,
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {
                   "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
               "initializationOptions": {"debounceMs": 0}}),
    );
    server.notify("initialized", json!({}));
    // The client is asked to watch the files a lint reads.
    let register = server.next();
    assert_eq!(
        register["method"], "client/registerCapability",
        "{register}"
    );
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert!(
        globs.contains(&"**/*.{yaml,yml,json,tf,tfvars}"),
        "{globs:?}"
    );
    assert!(globs.contains(&"**/akslint.toml"), "{globs:?}");
    assert!(globs.contains(&"**/.gitignore"), "{globs:?}");
    server.send(json!({"jsonrpc": "2.0", "id": register["id"], "result": null}));

    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": pod, "languageId": "yaml", "version": 1, "text": PRIVILEGED}}),
    );
    let opened = server.published();
    assert!(has_any(&codes(&opened), &UNCOVERED), "{opened}");

    // A policy written to disk by something else than the editor, after the server started:
    // seen once the client says so.
    std::fs::write(&policy_path, POLICY).unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": policy, "type": 1}]}),
    );
    let covered = server.published();
    assert_eq!(
        (covered["uri"].as_str().unwrap(), &covered["version"]),
        (pod.as_str(), &json!(1))
    );
    assert!(!has_any(&codes(&covered), &UNCOVERED), "{covered}");

    // The policy opened and edited: the pod's findings follow the buffer, not the file.
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": policy, "languageId": "yaml", "version": 1, "text": POLICY}}),
    );
    let p = server.published();
    assert_eq!(
        (p["uri"].as_str().unwrap(), &p["diagnostics"]),
        (policy.as_str(), &json!([]))
    );
    let elsewhere = POLICY.replace("namespace: app", "namespace: other");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": policy, "version": 2}, "contentChanges": [{"text": elsewhere}]}),
    );
    let mut got = std::collections::BTreeMap::new();
    for _ in 0..2 {
        let p = server.published();
        got.insert(p["uri"].as_str().unwrap().to_string(), p);
    }
    assert_eq!(got[&policy]["version"], 2, "{got:?}");
    assert!(has_any(&codes(&got[&pod]), &UNCOVERED), "{got:?}");

    // Deleted on disk while open: the buffer is still the truth.
    std::fs::remove_file(&policy_path).unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": policy, "type": 3}]}),
    );
    server.shut_down(2, "nothing changed, nothing published");
}
