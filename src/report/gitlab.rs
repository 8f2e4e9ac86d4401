//! GitLab Code Quality (the Code Climate subset GitLab reads from `artifacts:reports:codequality`):
//! a JSON array of `{description, check_name, fingerprint, severity, location: {path, lines:
//! {begin}}}`. Severities: error → `critical`, warning → `major`, note → `minor`. The path is the
//! file as shown (run from the repository's root, as CI jobs do); a finding about a whole file is
//! on line 1.
//!
//! GitLab tells findings apart by fingerprint, and ours may repeat (a baseline is a multiset: the
//! same template rendered twice finds the same thing twice). The first finding of a fingerprint
//! keeps it; the n-th after it has the hash of the fingerprint and n, in output order.

use crate::diagnostic::{LintResult, Severity};
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use std::collections::HashMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    categories: [&'static str; 1],
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// The issues, built one by one while they are written.
struct Issues<'a>(&'a LintResult);

impl Serialize for Issues<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let diags = &self.0.diagnostics;
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let mut seq = s.serialize_seq(Some(diags.len()))?;
        for d in diags {
            let n = seen.entry(d.fingerprint.as_str()).or_insert(0);
            let fingerprint = match *n {
                0 => d.fingerprint.clone(),
                n => {
                    let mut h = blake3::Hasher::new();
                    h.update(d.fingerprint.as_bytes());
                    h.update(format!("\0{n}").as_bytes());
                    h.finalize().to_hex()[..32].to_string()
                }
            };
            *n += 1;
            let mut description = format!("{}: {}", d.rule, d.message);
            if let Some(o) = &d.object {
                description.push_str(&format!(" ({o})"));
            }
            seq.serialize_element(&Issue {
                description,
                check_name: d.rule,
                fingerprint,
                severity: severity(d.severity),
                categories: ["Security"],
                location: Location {
                    path: &d.file,
                    lines: Lines {
                        begin: d.start.line.max(1),
                    },
                },
            })?;
        }
        seq.end()
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Note => "minor",
    }
}

pub fn write(report: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Issues(report))?;
    writeln!(out)
}
