//! Baselines: the findings a repository had when it adopted akslint (`akslint baseline`), which
//! `akslint check --baseline` (or `baseline = "…"` in akslint.toml) does not report again, so
//! that only new findings fail a build.
//!
//! A baseline is a multiset of fingerprints (see [`crate::fingerprint`]): two findings with the
//! same fingerprint (one template rendered twice) are an entry with `count: 2`, and a third is
//! new. Each entry names what its fingerprint is made of (rule, path, object, locator) for
//! people reading it; only the fingerprint is matched. Written sorted, so that it diffs well.

use crate::diagnostic::{Diagnostic, Judged};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Where `akslint baseline` writes, at the project root (or in the current directory).
pub const FILE_NAME: &str = ".akslint-baseline.json";
/// The layout's version.
pub const VERSION: u32 = 1;

/// One fingerprint of the baseline, how many findings had it, and what it is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub object: Option<String>,
    pub locator: Option<String>,
    pub fingerprint: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// Sorted by (path, rule, object, locator, fingerprint); one entry per fingerprint.
    pub entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// What checking a run against a baseline gives.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The findings the baseline holds, left out of the report.
    pub known: usize,
    /// Baseline findings of paths and rules the run judged that it did not find (fixed, or
    /// changed beyond recognition).
    pub stale: usize,
}

impl Baseline {
    /// The baseline of a run's findings.
    pub fn of(diags: &[Diagnostic]) -> Baseline {
        let mut by: BTreeMap<&str, Entry> = BTreeMap::new();
        for d in diags {
            by.entry(&d.fingerprint)
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| Entry {
                    rule: d.rule.to_string(),
                    path: d.fingerprint_path.clone(),
                    object: d.object.clone(),
                    locator: d.locator.clone(),
                    fingerprint: d.fingerprint.clone(),
                    count: 1,
                });
        }
        Baseline::sorted(by.into_values().collect())
    }

    fn sorted(mut entries: Vec<Entry>) -> Baseline {
        fn key(e: &Entry) -> impl Ord + '_ {
            (
                &e.path,
                &e.rule,
                &e.object,
                &e.locator,
                &e.fingerprint,
                e.count,
            )
        }
        entries.sort_by(|a, b| key(a).cmp(&key(b)));
        Baseline { entries }
    }

    /// How many findings it holds (counts added up).
    pub fn len(&self) -> usize {
        self.entries.iter().map(|e| e.count as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads a baseline file; errors name the file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Baseline::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        match v.get("version").and_then(serde_json::Value::as_u64) {
            Some(n) if n == u64::from(VERSION) => {}
            Some(n) => {
                return Err(format!(
                    "baseline version {n}; this akslint reads version {VERSION}"
                ));
            }
            None => return Err("no baseline (no `version`)".to_string()),
        }
        let file: File = serde_json::from_value(v).map_err(|e| e.to_string())?;
        // Entries of one fingerprint written apart (by hand) count together.
        let mut by: BTreeMap<String, Entry> = BTreeMap::new();
        for e in file.findings {
            match by.get_mut(&e.fingerprint) {
                Some(known) => known.count += e.count,
                None => {
                    by.insert(e.fingerprint.clone(), e);
                }
            }
        }
        Ok(Baseline::sorted(by.into_values().collect()))
    }

    /// The file's text: pretty JSON, sorted, ending with a line break.
    pub fn to_json(&self) -> String {
        let file = File {
            version: VERSION,
            findings: self.entries.clone(),
        };
        let mut s = serde_json::to_string_pretty(&file).expect("a baseline serializes");
        s.push('\n');
        s
    }

    /// Leaves out of `diags` the findings the baseline holds (as many of each fingerprint as it
    /// counts, the first in output order) and counts the stale entries: those whose path the
    /// run judged and whose rule ran (`selected`) but that it found fewer times than counted.
    pub fn filter(
        &self,
        diags: &mut Vec<Diagnostic>,
        judged: &Judged,
        selected: impl Fn(&str) -> bool,
    ) -> Outcome {
        let mut left: BTreeMap<&str, u32> = self
            .entries
            .iter()
            .map(|e| (e.fingerprint.as_str(), e.count))
            .collect();
        let before = diags.len();
        diags.retain(|d| match left.get_mut(d.fingerprint.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        let stale = self
            .entries
            .iter()
            .filter(|e| judged.covers(&e.path) && selected(&e.rule))
            .map(|e| left[e.fingerprint.as_str()] as usize)
            .sum();
        Outcome {
            known: before - diags.len(),
            stale,
        }
    }

    /// The ratchet (`akslint baseline --update`): each entry the run could judge keeps at most
    /// as many findings as the run found; an entry it could not judge (another path, a rule not
    /// selected) stays as it is; nothing is added.
    pub fn ratchet(
        &self,
        diags: &[Diagnostic],
        judged: &Judged,
        selected: impl Fn(&str) -> bool,
    ) -> Baseline {
        let mut found: BTreeMap<&str, u32> = BTreeMap::new();
        for d in diags {
            *found.entry(&d.fingerprint).or_default() += 1;
        }
        let entries = self
            .entries
            .iter()
            .filter_map(|e| {
                if !(judged.covers(&e.path) && selected(&e.rule)) {
                    return Some(e.clone());
                }
                let n = e
                    .count
                    .min(found.get(e.fingerprint.as_str()).copied().unwrap_or(0));
                (n > 0).then(|| Entry {
                    count: n,
                    ..e.clone()
                })
            })
            .collect();
        Baseline::sorted(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn diag(fp: &str, path: &str) -> Diagnostic {
        Diagnostic {
            rule: "AKS401",
            name: "privileged-container",
            severity: Severity::Error,
            message: String::new(),
            file: path.to_string(),
            span: None,
            start: Default::default(),
            end: Default::default(),
            object: Some("Pod default/p".into()),
            source: None,
            help: None,
            related: Vec::new(),
            locator: Some("spec.containers[a]".into()),
            fingerprint: fp.to_string(),
            fingerprint_path: path.to_string(),
            fix: None,
        }
    }

    fn judged(paths: &[&str]) -> Judged {
        Judged {
            paths: paths.iter().map(|p| p.to_string()).collect(),
            ..Judged::default()
        }
    }

    #[test]
    fn a_baseline_is_a_multiset() {
        let b = Baseline::of(&[
            diag("aa", "a.yaml"),
            diag("aa", "a.yaml"),
            diag("bb", "b.yaml"),
        ]);
        assert_eq!(b.entries.len(), 2);
        assert_eq!(b.len(), 3);
        assert_eq!(Baseline::parse(&b.to_json()).unwrap(), b);
        assert!(b.to_json().contains("\"count\": 2"));
        // A third finding of a fingerprint counted twice is new; one of another is new.
        let mut now = vec![
            diag("aa", "a.yaml"),
            diag("aa", "a.yaml"),
            diag("aa", "a.yaml"),
            diag("cc", "a.yaml"),
        ];
        let out = b.filter(&mut now, &judged(&["a.yaml", "b.yaml"]), |_| true);
        assert_eq!(now.len(), 2);
        assert_eq!(out, Outcome { known: 2, stale: 1 });
    }

    #[test]
    fn stale_entries_only_where_the_run_judged() {
        let b = Baseline::of(&[diag("aa", "a.yaml"), diag("bb", "b.yaml")]);
        let mut none = Vec::new();
        assert_eq!(b.filter(&mut none, &judged(&["a.yaml"]), |_| true).stale, 1);
        assert_eq!(
            b.filter(&mut none, &judged(&["a.yaml"]), |_| false).stale,
            0
        );
        // The ratchet removes what was judged and fixed, keeps the rest, adds nothing.
        let r = b.ratchet(&[diag("zz", "a.yaml")], &judged(&["a.yaml"]), |_| true);
        assert_eq!(r.entries.len(), 1);
        assert_eq!(r.entries[0].fingerprint, "bb");
    }

    #[test]
    fn a_walked_directory_covers_what_is_below_it() {
        let j = Judged {
            dir_paths: vec!["k8s".into()],
            ..Judged::default()
        };
        assert!(j.covers("k8s/a.yaml") && j.covers("k8s/x/b.yaml"));
        assert!(!j.covers("k8s2/a.yaml") && !j.covers("k8s"));
        let all = Judged {
            dir_paths: vec![String::new()],
            ..Judged::default()
        };
        assert!(all.covers("chart/templates/web.yaml"));
    }

    #[test]
    fn other_versions_and_garbage_are_refused() {
        assert!(Baseline::parse("{\"version\": 2, \"findings\": []}").is_err());
        assert!(Baseline::parse("[]").is_err());
        assert!(Baseline::parse("{\"version\": 1}").is_err());
        assert!(
            Baseline::parse("{\"version\": 1, \"findings\": []}")
                .unwrap()
                .is_empty()
        );
    }
}
