//! The cache, from the command line: on a project (`akslint.toml` with `root = true`) every run
//! prints exactly what `--no-cache` prints — cold, warm, after an edit, after a change of
//! settings, over a damaged or foreign cache, in a read-only directory, naming one file or all —
//! and the cache is shown (by `AKSLINT_CACHE_STATS=1` and by its file) to have served, been
//! refreshed or been left alone where it should.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

const CACHE: &str = ".akslint_cache/files.bin";

fn akslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_akslint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("AKSLINT_CACHE_STATS", "1")
        .output()
        .unwrap()
}

/// `AKSLINT_CACHE_STATS`'s line, as `key → value`.
fn stats(o: &Output) -> std::collections::BTreeMap<String, String> {
    let err = String::from_utf8_lossy(&o.stderr);
    let line = err
        .lines()
        .find_map(|l| l.strip_prefix("akslint cache: "))
        .unwrap_or_else(|| panic!("no cache stats in {err}"));
    line.split(' ')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn stat(o: &Output, key: &str) -> usize {
    stats(o)[key].parse().unwrap()
}

/// Runs `args` with the cache and with `--no-cache`, in JSON and in text (code frames come from
/// the files' text, which a hit reads again): the outputs and exit codes are the same. The run
/// with the cache is the first of the two, so its stats are what the cache was before; returned
/// are those of the JSON run.
fn same_as_without_cache(dir: &Path, args: &[&str]) -> Output {
    let mut first = None;
    for format in ["json", "text"] {
        let mut with: Vec<&str> = vec!["check", "--format", format];
        with.extend(args);
        let cached = akslint(dir, &with);
        with.insert(1, "--no-cache");
        let plain = akslint(dir, &with);
        assert_eq!(
            String::from_utf8_lossy(&cached.stdout),
            String::from_utf8_lossy(&plain.stdout),
            "{format} {args:?}"
        );
        assert_eq!(cached.status.code(), plain.status.code());
        assert!(cached.status.code().is_some_and(|c| c < 2), "{cached:?}");
        assert_eq!(stat(&plain, "caches"), 0, "--no-cache reads no cache");
        first.get_or_insert(cached);
    }
    first.unwrap()
}

/// A project of the cross-file fixtures and a few files of per-file findings, suppressions
/// and errors.
fn project() -> tempfile::TempDir {
    project_in(std::env::temp_dir())
}

fn project_in(parent: impl AsRef<Path>) -> tempfile::TempDir {
    let dir = tempfile::tempdir_in(parent).unwrap();
    let shop = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/projects/shop");
    for e in std::fs::read_dir(shop).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "yaml") {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    write(dir.path(), "akslint.toml", "root = true\n");
    write(dir.path(), "apps/web.yaml", WEB);
    write(
        dir.path(),
        "apps/broken.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n",
    );
    write(
        dir.path(),
        "apps/tsconfig.json",
        "{\"compilerOptions\": {}}\n",
    );
    dir
}

/// Per-file findings, a suppression comment and an annotation (both held for the cross-file
/// rules), an unused suppression.
const WEB: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    akslint.io/ignore: AKS303
    akslint.io/ignore-reason: covered by the mesh
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.25
          securityContext:
            privileged: false
            allowPrivilegeEscalation: true  # akslint-ignore: AKS402 -- reviewed
        - name: sidecar  # akslint-ignore: AKS999 -- no such rule
          image: busybox
";

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The YAML/JSON files of the project (what the cache holds an entry for).
const FILES: usize = 9;

fn cache_bytes(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join(CACHE)).unwrap()
}

/// Entries made within two seconds of a change are checked against the file's content (its
/// stat may not show a change made right after it was read); past that, the stat is trusted.
fn let_entries_settle() {
    std::thread::sleep(Duration::from_millis(2100));
}

#[test]
fn cold_then_warm() {
    let dir = project();
    let d = dir.path();
    let cold = same_as_without_cache(d, &["."]);
    assert_eq!(
        (
            stat(&cold, "misses"),
            stat(&cold, "read"),
            stat(&cold, "written")
        ),
        (FILES, 0, 1)
    );
    assert_eq!(
        std::fs::read_to_string(d.join(".akslint_cache/.gitignore")).unwrap(),
        "*\n"
    );
    let_entries_settle();
    // Entries made within two seconds of their file's change (all of them, unless the machine
    // is slow) are checked against the file's hash once, and their stat is then trusted.
    let refreshed = same_as_without_cache(d, &["."]);
    let verified = stat(&refreshed, "verified");
    assert_eq!(stat(&refreshed, "hits") + verified, FILES);
    assert_eq!(stat(&refreshed, "written"), usize::from(verified > 0));
    let before = cache_bytes(d);
    for threads in ["1", "2"] {
        let warm = same_as_without_cache(d, &["--threads", threads, "."]);
        assert_eq!(stat(&warm, "hits"), FILES, "{:?}", stats(&warm));
        assert_eq!(stat(&warm, "written"), 0);
    }
    // One named file, with the rest of the project as context: every entry serves.
    let one = same_as_without_cache(d, &["orders.yaml"]);
    assert_eq!(stat(&one, "hits"), FILES);
    assert_eq!(
        cache_bytes(d),
        before,
        "a warm run leaves the cache as it is"
    );
    // A file touched (its content the same): checked against its hash, its entry refreshed.
    let orders = std::fs::File::options()
        .write(true)
        .open(d.join("orders.yaml"))
        .unwrap();
    orders.set_modified(std::time::SystemTime::now()).unwrap();
    let touched = same_as_without_cache(d, &["."]);
    assert_eq!(
        (stat(&touched, "verified"), stat(&touched, "hits")),
        (1, FILES - 1)
    );
    assert_eq!(
        (stat(&touched, "misses"), stat(&touched, "written")),
        (0, 1)
    );
}

#[test]
fn an_edit_is_linted_again() {
    let dir = project();
    let d = dir.path();
    same_as_without_cache(d, &["."]);
    let before = cache_bytes(d);
    // The same size: only the modification time and the content tell.
    let web = std::fs::read_to_string(d.join("apps/web.yaml")).unwrap();
    let edited = web.replace("privileged: false", "privileged: true ");
    assert_eq!(edited.len(), web.len());
    std::fs::write(d.join("apps/web.yaml"), &edited).unwrap();
    let after = same_as_without_cache(d, &["apps/web.yaml"]);
    assert_eq!(stat(&after, "misses"), 1, "{:?}", stats(&after));
    assert_eq!(stat(&after, "hits") + stat(&after, "verified"), FILES - 1);
    assert_ne!(
        cache_bytes(d),
        before,
        "the edited file's entry was replaced"
    );
    let text = akslint(d, &["check", "--format", "compact", "apps/web.yaml"]);
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("AKS401"),
        "the edit's finding is there"
    );
    // A file removed and one added.
    std::fs::remove_file(d.join("reports.yaml")).unwrap();
    write(
        d,
        "apps/more.yaml",
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: more}\n",
    );
    let changed = same_as_without_cache(d, &["."]);
    assert_eq!(stat(&changed, "misses"), 1);
    assert_eq!(
        stat(&changed, "hits") + stat(&changed, "verified"),
        FILES - 1
    );
}

#[test]
fn a_change_of_settings_relints_everything() {
    let dir = project();
    let d = dir.path();
    same_as_without_cache(d, &["."]);
    write(
        d,
        "akslint.toml",
        "root = true\nignore = [\"AKS401\"]\n[severity]\nAKS415 = \"error\"\n",
    );
    let config = same_as_without_cache(d, &["."]);
    assert_eq!(stat(&config, "misses"), FILES, "{:?}", stats(&config));
    let again = same_as_without_cache(d, &["."]);
    assert_eq!(stat(&again, "misses"), 0);
    let namespace = same_as_without_cache(d, &["--namespace", "shop", "."]);
    assert_eq!(stat(&namespace, "misses"), FILES);
    // Without the index, per-file findings of files with facts differ (their suppressions are
    // judged at once): other settings too.
    let no_context = same_as_without_cache(d, &["--no-context", "orders.yaml"]);
    assert_eq!(stat(&no_context, "misses"), 1);
}

/// A file read only for context has no findings in the cache: named later, it is linted (a
/// partial hit), and its entry then serves both.
#[test]
fn a_context_file_named_later_is_linted() {
    let dir = project();
    let d = dir.path();
    let first = same_as_without_cache(d, &["orders.yaml"]);
    assert_eq!(stat(&first, "misses"), FILES);
    let named = same_as_without_cache(d, &["policies.yaml"]);
    assert_eq!(stat(&named, "partial"), 1, "{:?}", stats(&named));
    assert_eq!(stat(&named, "misses"), 0);
    let again = same_as_without_cache(d, &["policies.yaml", "orders.yaml"]);
    assert_eq!(stat(&again, "partial") + stat(&again, "misses"), 0);
    // Standard input named like a project file is never cached, but its project is.
    let text = std::fs::read_to_string(d.join("orders.yaml")).unwrap();
    let stdin_run = |extra: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_akslint"));
        cmd.args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "orders.yaml",
        ])
        .args(extra)
        .arg("-")
        .current_dir(d)
        .env("AKSLINT_CACHE_STATS", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let cached = stdin_run(&[]);
    assert_eq!(cached.stdout, stdin_run(&["--no-cache"]).stdout);
    assert_eq!(stat(&cached, "hits") + stat(&cached, "verified"), FILES - 1);
}

#[test]
fn a_damaged_cache_is_discarded() {
    let dir = project();
    let d = dir.path();
    same_as_without_cache(d, &["."]);
    let good = cache_bytes(d);
    // A byte of the table (a path in it).
    let mut flipped = good.clone();
    let path = flipped
        .windows(b"orders.yaml".len())
        .position(|w| w == b"orders.yaml")
        .unwrap();
    flipped[path] ^= 0x20;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("truncated", good[..good.len() / 2].to_vec(), "corrupt"),
        ("one byte of the table changed", flipped, "corrupt"),
        (
            "garbage",
            b"\x00\x01 not a cache at all".repeat(100),
            "format",
        ),
        ("empty", Vec::new(), "format"),
    ];
    for (what, bytes, why) in cases {
        std::fs::write(d.join(CACHE), &bytes).unwrap();
        let o = same_as_without_cache(d, &["."]);
        let s = stats(&o);
        assert_eq!(s["discarded"], why, "{what}: {s:?}");
        assert_eq!(
            (s["misses"].as_str(), s["written"].as_str()),
            ("9", "1"),
            "{what}"
        );
        let replaced = cache_bytes(d);
        assert_ne!(replaced, bytes, "{what}: the cache was written anew");
        let next = same_as_without_cache(d, &["."]);
        assert_eq!(stat(&next, "misses"), 0, "{what}: and serves again");
    }
    // A byte of the last report changed: that report is refused (its file is linted), the rest
    // of the cache serves.
    let mut bytes = cache_bytes(d);
    *bytes.last_mut().unwrap() ^= 0x01;
    std::fs::write(d.join(CACHE), &bytes).unwrap();
    let o = same_as_without_cache(d, &["."]);
    let s = stats(&o);
    assert_eq!(
        (
            s["discarded"].as_str(),
            s["misses"].as_str(),
            s["written"].as_str()
        ),
        ("-", "1", "1"),
        "{s:?}"
    );
    assert_eq!(stat(&o, "hits") + stat(&o, "verified"), FILES - 1);
    // Where the cache should be, a directory: nothing read, nothing written, no error.
    std::fs::remove_file(d.join(CACHE)).unwrap();
    std::fs::create_dir(d.join(CACHE)).unwrap();
    let o = same_as_without_cache(d, &["."]);
    assert_eq!(stat(&o, "written"), 0);
    assert_eq!(stats(&o)["discarded"], "format");
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

/// A cache of another akslint version: its header's version is rewritten in place (the same
/// length, so the file is whole and only the version check can refuse it).
#[test]
fn a_cache_of_another_version_is_discarded() {
    let dir = project();
    let d = dir.path();
    same_as_without_cache(d, &["."]);
    let mut bytes = cache_bytes(d);
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let at = bytes
        .windows(version.len())
        .position(|w| w == version)
        .expect("the header names the version");
    assert!(at < 64, "the version is in the header");
    let other: Vec<u8> = version
        .iter()
        .map(|&b| {
            if b.is_ascii_digit() {
                b'0' + (b - b'0' + 1) % 10
            } else {
                b
            }
        })
        .collect();
    bytes[at..at + version.len()].copy_from_slice(&other);
    std::fs::write(d.join(CACHE), &bytes).unwrap();
    let o = same_as_without_cache(d, &["."]);
    assert_eq!(stats(&o)["discarded"], "version", "{:?}", stats(&o));
    assert_eq!(stat(&o, "misses"), FILES);
    assert!(cache_bytes(d).windows(version.len()).any(|w| w == version));
}

#[test]
fn no_cache_writes_nothing() {
    let dir = project();
    let o = akslint(dir.path(), &["check", "--no-cache", "."]);
    assert_eq!(stat(&o, "caches"), 0);
    assert!(!dir.path().join(".akslint_cache").exists());
    // Without a project root there is no cache either.
    let bare = tempfile::tempdir().unwrap();
    write(bare.path(), "a.yaml", WEB);
    let o = akslint(bare.path(), &["check", "a.yaml"]);
    assert_eq!(stat(&o, "caches"), 0);
    assert!(!bare.path().join(".akslint_cache").exists());
}

/// A project that cannot be written: no cache is made, silently; a cache already there serves
/// and is left as it is.
#[cfg(unix)]
#[test]
fn a_read_only_project_has_no_cache() {
    // On the file system of the build (chattr needs one that keeps attributes).
    let dir = project_in(env!("CARGO_TARGET_TMPDIR"));
    let d = dir.path();
    {
        let _ro = ReadOnly::new(&[d.to_path_buf()]);
        let o = same_as_without_cache(d, &["."]);
        assert_eq!((stat(&o, "misses"), stat(&o, "written")), (FILES, 0));
        assert_eq!(
            String::from_utf8_lossy(&o.stderr).lines().count(),
            1,
            "{o:?}"
        );
        assert!(!d.join(".akslint_cache").exists());
    }
    same_as_without_cache(d, &["."]);
    let before = cache_bytes(d);
    write(d, "apps/web.yaml", &WEB.replace("nginx:1.25", "nginx:1.26"));
    let _ro = ReadOnly::new(&[d.to_path_buf(), d.join(".akslint_cache")]);
    let o = same_as_without_cache(d, &["."]);
    assert_eq!(stat(&o, "misses"), 1);
    assert_eq!(stat(&o, "hits") + stat(&o, "verified"), FILES - 1);
    assert_eq!(stat(&o, "written"), 0);
    assert_eq!(cache_bytes(d), before);
}

/// Directories made read-only for the test's life: by their mode, and — when that does not
/// stop this process (root) — by the immutable attribute (`chattr +i`), which stops root too.
#[cfg(unix)]
struct ReadOnly(Vec<PathBuf>);

#[cfg(unix)]
impl ReadOnly {
    fn new(dirs: &[PathBuf]) -> ReadOnly {
        use std::os::unix::fs::PermissionsExt;
        for d in dirs {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        let ro = ReadOnly(dirs.to_vec());
        let probe = dirs[0].join(".probe");
        if std::fs::write(&probe, "").is_ok() {
            std::fs::remove_file(&probe).unwrap();
            for d in dirs {
                let ok = Command::new("chattr").arg("+i").arg(d).status();
                assert!(
                    ok.is_ok_and(|s| s.success()),
                    "running as root, and `chattr +i {}` failed: cannot make a directory read-only",
                    d.display()
                );
            }
            assert!(std::fs::write(&probe, "").is_err(), "still writable");
        }
        ro
    }
}

#[cfg(unix)]
impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        for d in &self.0 {
            let _ = Command::new("chattr")
                .arg("-i")
                .arg(d)
                .stderr(std::process::Stdio::null())
                .status();
            let _ = std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755));
        }
    }
}
