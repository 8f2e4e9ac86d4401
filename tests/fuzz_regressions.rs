//! The fuzz targets' properties under a plain `cargo test` (no nightly, no libFuzzer): every
//! input that ever failed a target (`fuzz/regressions/<target>/`, kept by scripts/fuzz.sh) and
//! every fixture of testdata/ go through the same checks the targets run (`fuzz/checks.rs`):
//! no panic, spans inside the text and on char boundaries, positions that match, the same
//! output twice.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// A target's checks: they panic when a property fails.
type Check = fn(&[u8]);

const TARGETS: [(&str, Check); 3] = [
    ("manifest", checks::manifest),
    ("terraform", checks::terraform),
    ("suppress", checks::suppressions),
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue; // .gitkeep
        }
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Runs one check on one input; the panic message names the input.
fn replay(target: &str, check: Check, path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    if std::panic::catch_unwind(|| check(&bytes)).is_err() {
        panic!(
            "{target}: {} fails (`cargo +nightly fuzz run {target} {}` replays it)",
            path.display(),
            path.display()
        );
    }
}

#[test]
fn every_input_that_ever_failed_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for (target, check) in TARGETS {
        for path in files(&root.join(target)) {
            replay(target, check, &path);
        }
    }
    // A regression kept under a name no target has would never run.
    for e in std::fs::read_dir(&root).unwrap() {
        let name = e.unwrap().file_name();
        assert!(
            TARGETS.iter().any(|(t, _)| name == *t),
            "fuzz/regressions/{}: no such target",
            name.to_string_lossy()
        );
    }
}

#[test]
fn every_fixture_passes_the_fuzz_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut counts = [0; 3];
    for path in files(&root) {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let (i, target) = match ext {
            "yaml" | "yml" | "json" => (0, TARGETS[0]),
            "tf" | "tfvars" => (1, TARGETS[1]),
            _ => continue,
        };
        replay(target.0, target.1, &path);
        replay("suppress", checks::suppressions, &path);
        // Terraform plans are the terraform target's too.
        if ext == "json" && path.components().any(|c| c.as_os_str() == "plan") {
            replay(TARGETS[1].0, TARGETS[1].1, &path);
        }
        counts[i] += 1;
    }
    assert!(counts[0] > 100 && counts[1] > 100, "{counts:?}");
}
