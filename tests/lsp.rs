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

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
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

    let shutdown = server.request(2, "shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    server.notify("exit", Value::Null);
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
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

    server.request(2, "shutdown", Value::Null);
    server.notify("exit", Value::Null);
    assert!(server.child.wait().unwrap().success());
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
        server.request(2, "shutdown", Value::Null);
        server.notify("exit", Value::Null);
        assert!(server.child.wait().unwrap().success());
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

    server.request(7, "shutdown", Value::Null);
    server.notify("exit", Value::Null);
    assert!(server.child.wait().unwrap().success());
}
