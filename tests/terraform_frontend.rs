//! The Terraform front end on real files (`../shared/corpus/terraform`, no one here wrote them):
//! every `.tf` and `.tfvars` parses, except the files listed with the reason they are invalid;
//! every module loads and evaluates without panic; and a few clusters' values are printed to be
//! checked by eye (`cargo test --test terraform_frontend -- --nocapture`).

mod common;

use akslint::terraform::{LoadOptions, Module, ParseErrorKind, Scope, Value, module, parse};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// (path under corpus/terraform, why it is not valid HCL).
const INVALID: &[(&str, &str)] = &[];

/// Directories under `root` holding `.tf` files (`.terraform/` and `.git/` skipped), sorted.
fn module_dirs(root: &Path) -> Vec<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                if name != ".terraform" && name != ".git" {
                    stack.push(p);
                }
            } else if name.ends_with(".tf") {
                out.insert(dir.clone());
            }
        }
    }
    out.into_iter().collect()
}

fn all_files(root: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_parses_and_evaluates() {
    let Some(shared) = common::shared_dir("terraform_frontend") else {
        return;
    };
    let root = shared.join("corpus/terraform");
    let rel = |p: &Path| {
        p.strip_prefix(&root)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };

    // Every .tf and .tfvars file on its own: parse only, timed.
    let mut files = all_files(&root, ".tf");
    files.extend(all_files(&root, ".tfvars"));
    let limits = parse::TfLimits::default();
    let mut bytes = 0usize;
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    let texts: Vec<(PathBuf, String)> = files
        .iter()
        .map(|p| (p.clone(), module::read_source(p, limits.file_size).unwrap()))
        .collect();
    let start = Instant::now();
    for (p, text) in &texts {
        bytes += text.len();
        if let Err(e) = parse::parse_body(text, &limits) {
            errors.insert(rel(p), format!("{e}"));
        }
    }
    let ms = start.elapsed().as_secs_f64() * 1e3;
    eprintln!(
        "terraform corpus: {} files, {:.2} MB parsed in {ms:.0} ms ({:.1} MB/s, {} build)",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / (ms / 1e3),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    for (p, e) in &errors {
        eprintln!("  parse error: {p}: {e}");
    }
    let want: BTreeSet<&str> = INVALID.iter().map(|(p, _)| *p).collect();
    let got: BTreeSet<&str> = errors.keys().map(String::as_str).collect();
    assert_eq!(got, want, "files that do not parse");

    // Every directory as a module: load, evaluate every resource's attributes.
    let start = Instant::now();
    let dirs = module_dirs(&root);
    let (mut resources, mut attrs, mut known, mut unknown, mut absent) = (0, 0, 0, 0, 0);
    for dir in &dirs {
        let m = Module::load(dir, &LoadOptions::default()).unwrap();
        for (f, e) in m.errors() {
            assert!(
                want.contains(rel(&f.path).as_str()),
                "{}: {e}",
                f.path.display()
            );
            assert_ne!(e.kind, ParseErrorKind::Unreadable);
        }
        let scope = Scope::new(&m);
        for r in scope.resources() {
            resources += 1;
            for a in r.raw().body.attributes() {
                attrs += 1;
                // `argument`: an azapi resource's `attr` reads its body's properties instead.
                match r.argument(a.key.as_str()).unwrap().value {
                    Value::Known(_) | Value::Ref(_) => known += 1,
                    Value::Unknown => unknown += 1,
                    Value::Absent => absent += 1,
                }
            }
        }
        let _ = akslint::terraform::provider::azurerm(&m);
    }
    eprintln!(
        "terraform corpus: {} modules, {resources} resources, {attrs} top-level attributes \
         ({known} known or references, {unknown} unknown, {absent} absent) loaded and evaluated in {:.0} ms",
        dirs.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
    assert!(resources > 500, "{resources}");
}

/// Values of a cluster's security attributes, as a rule would read them.
fn cluster_summary(scope: &Scope<'_>) -> Vec<String> {
    let show = |v: Option<Value>| match v {
        None => "not written".to_string(),
        Some(Value::Known(l)) => format!("{l:?}")
            .replace("String(\"", "\"")
            .replace("\")", "\""),
        Some(Value::Ref(r)) => format!("ref {r}"),
        Some(Value::Unknown) => "unknown".into(),
        Some(Value::Absent) => "absent".into(),
    };
    let mut out = Vec::new();
    for c in scope.resources_of("azurerm_kubernetes_cluster") {
        let policy = c
            .blocks("network_profile")
            .into_iter()
            .next()
            .map(|np| show(np.attr("network_policy").map(|a| a.value)))
            .unwrap_or_else(|| "no network_profile".into());
        let major = akslint::terraform::provider::azurerm(scope.module()).majors;
        out.push(format!(
            "{} [{:?}, azurerm {major}]: name={} private_cluster_enabled={} local_account_disabled={} network_policy={policy}",
            c.address,
            c.instances,
            show(c.attr("name").map(|a| a.value)),
            show(c.attr("private_cluster_enabled").map(|a| a.value)),
            show(c.attr("local_account_disabled").map(|a| a.value)),
        ));
    }
    out
}

#[test]
fn corpus_clusters_evaluate_as_pinned() {
    let Some(shared) = common::shared_dir("terraform_frontend") else {
        return;
    };
    let root = shared.join("corpus/terraform");
    let print = |label: &str, lines: Vec<String>| {
        eprintln!("{label}:");
        for l in &lines {
            eprintln!("  {l}");
        }
        lines
    };

    // A module evaluated standalone (its variables' defaults).
    let aks = root.join("Azure__terraform-azurerm-aks");
    let m = Module::load(&aks, &LoadOptions::default()).unwrap();
    let got = print(
        "Azure__terraform-azurerm-aks (defaults)",
        cluster_summary(&Scope::new(&m)),
    );
    assert_eq!(got.len(), 1);

    // A root module calling a local child, with a var-file from another directory.
    let devops = root.join("Azure-Samples__private-aks-cluster-terraform-devops");
    for var_file in [None, Some("tfvars/production/production.tfvars")] {
        let opts = LoadOptions {
            var_files: var_file.map(|f| devops.join(f)).into_iter().collect(),
            ..LoadOptions::default()
        };
        let parent = Module::load(&devops.join("terraform"), &opts).unwrap();
        let caller = Scope::new(&parent);
        let call = parent
            .calls
            .iter()
            .find(|c| c.name == "aks_cluster")
            .unwrap();
        let child_dir = call.local_path.clone().unwrap();
        let child = Module::load(&child_dir, &LoadOptions::default()).unwrap();
        let scope = Scope::with_inputs(&child, call.inputs(&caller));
        let got = print(
            &format!(
                "private-aks-cluster-terraform-devops module.aks_cluster (var-file: {var_file:?})"
            ),
            cluster_summary(&scope),
        );
        assert!(
            got[0].contains("private_cluster_enabled=Bool(true)"),
            "{got:?}"
        );
        // The cluster's name is the root's `aks_cluster_name`: its default, or the var-file's.
        let name = if var_file.is_some() {
            "\"ContosoProdAks\""
        } else {
            "\"BaboAks\""
        };
        assert!(got[0].contains(&format!("name={name}")), "{got:?}");
    }

    // Every cluster of the corpus, each module standalone: what the evaluator makes of them is
    // pinned in tests/golden/corpus-clusters.txt (`AKSLINT_BLESS=1 cargo test --test
    // terraform_frontend` rewrites it; review the diff).
    let mut lines = String::new();
    for dir in module_dirs(&root) {
        let m = Module::load(&dir, &LoadOptions::default()).unwrap();
        let scope = Scope::new(&m);
        for l in cluster_summary(&scope) {
            let dir = dir.strip_prefix(&root).unwrap().display();
            lines.push_str(&format!("{dir}: {l}\n"));
        }
    }
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/corpus-clusters.txt");
    if std::env::var_os("AKSLINT_BLESS").is_some() {
        std::fs::write(&golden, &lines).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        lines == want,
        "the corpus clusters evaluate differently from {}:\n{lines}",
        golden.display()
    );
}
