//! `schemas/akslint.schema.json` (for editors: completion and checking of `akslint.toml`) says
//! exactly what the loader accepts: the keys of every table, the severity values, and the rule
//! parameter tables. The loader's keys are read from its own error for an unknown key, so a key
//! added to the loader and not to the schema (or the reverse) fails here.

use akslint::config::Config;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/akslint.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The keys the loader expects where `toml` puts an unknown one (`expected one of `a`, `b``).
fn loader_keys(toml: &str) -> BTreeSet<String> {
    let err = Config::parse(toml, Path::new("akslint.toml")).expect_err(toml);
    let list = err
        .split_once("expected one of ")
        .or_else(|| err.split_once("expected "))
        .unwrap_or_else(|| panic!("{toml}: {err}"))
        .1;
    // The names are the quoted parts: `a`, `b` or `c`.
    list.lines()
        .next()
        .unwrap_or("")
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn schema_keys(v: &Value) -> BTreeSet<String> {
    v["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("no properties in {v}"))
        .keys()
        .cloned()
        .collect()
}

#[test]
fn the_schema_has_every_key_of_the_loader() {
    let s = schema();
    assert_eq!(s["additionalProperties"], Value::Bool(false));
    let p = &s["properties"];
    let tables = [
        ("zzz = 1\n", &s),
        ("[limits]\nzzz = 1\n", &p["limits"]),
        ("[[per-path]]\nzzz = 1\n", &p["per-path"]["items"]),
        ("[[per-object]]\nzzz = 1\n", &p["per-object"]["items"]),
        ("[[cluster]]\nzzz = 1\n", &p["cluster"]["items"]),
    ];
    for (toml, part) in tables {
        assert_eq!(schema_keys(part), loader_keys(toml), "{toml}");
        assert_eq!(part["additionalProperties"], Value::Bool(false), "{toml}");
    }
    let levels: BTreeSet<String> = p["severity"]["additionalProperties"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(levels, loader_keys("[severity]\nAKS401 = \"zzz\"\n"));
}

#[test]
fn the_schema_has_every_rule_parameter() {
    let rules = &schema()["properties"]["rules"];
    let mut with_params = BTreeSet::new();
    for r in akslint::rules::all() {
        let id = r.meta().id;
        let err = Config::parse(
            &format!("[rules.{id}]\nzzz = 1\n"),
            Path::new("akslint.toml"),
        )
        .expect_err(id);
        if err.contains("takes no parameters") || err.contains("no parameters") {
            assert!(
                rules["properties"].get(id).is_none(),
                "{id} takes none: {err}"
            );
            continue;
        }
        with_params.insert(id.to_string());
        let keys = loader_keys(&format!("[rules.{id}]\nzzz = 1\n"));
        assert_eq!(schema_keys(&rules["properties"][id]), keys, "{id}: {err}");
    }
    assert_eq!(schema_keys(rules), with_params);
}

/// `akslint schema` prints the file, and `akslint init` writes a config the loader accepts.
#[test]
fn init_writes_a_config_the_loader_reads() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_akslint"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let o = run(&["schema"]);
    assert_eq!(
        serde_json::from_slice::<Value>(&o.stdout).unwrap(),
        schema()
    );
    let o = run(&["init", "--schema"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let written = dir.path().join("akslint.toml");
    Config::load(&written).unwrap();
    assert!(
        std::fs::read_to_string(&written)
            .unwrap()
            .starts_with("#:schema ./akslint.schema.json")
    );
    assert!(dir.path().join("akslint.schema.json").is_file());
    // Never over an existing file without --force.
    let o = run(&["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let o = run(&["init", "--force"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        !std::fs::read_to_string(&written)
            .unwrap()
            .starts_with("#:schema")
    );
}
