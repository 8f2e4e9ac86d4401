//! Whether a `.json` file is a Terraform plan, decided from its top-level keys as they stream
//! by, before the file is read for linting: nothing is kept and no tree is built, and most files
//! are decided by their first key.
//!
//! A plan is a top-level object holding both `format_version` and `planned_values`
//! (`terraform show -json plan.out`; `azapi.md` §8). Terraform writes `format_version` first,
//! so its output is recognised as soon as `planned_values` is seen (after `terraform_version`
//! and `variables`); a file whose keys were sorted (`jq -S`) is recognised too, since every key
//! before `format_version` is then one a plan has. The scan gives up at the first key no plan
//! has while `format_version` has not been seen (a manifest's `apiVersion`: one key read), or at
//! a key of Terraform's other JSON outputs (a state's `values`, `provider_schemas`). A text that
//! breaks off, or stops being JSON, after `format_version` is taken for a plan, so that the plan
//! reader reports where it broke (AKS001) rather than the file being passed over in silence.

use std::io::Read;
use std::path::Path;

/// The top-level keys of a plan (format 1.x).
const PLAN_KEYS: &[&str] = &[
    "action_invocations",
    "applyable",
    "checks",
    "complete",
    "configuration",
    "deferred_action_invocations",
    "deferred_changes",
    "errored",
    "format_version",
    "output_changes",
    "planned_values",
    "prior_state",
    "relevant_attributes",
    "resource_changes",
    "resource_drift",
    "terraform_version",
    "timestamp",
    "variables",
];

/// Top-level keys of Terraform's other JSON outputs: a state (`terraform show -json` without a
/// plan), the provider schemas, `terraform version -json`.
const OTHER_KEYS: &[&str] = &["values", "provider_schemas", "provider_selections"];

/// Longest key kept while scanning (longer ones are no key of interest).
const KEY_MAX: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    ExpectKey,
    Key {
        escaped: bool,
    },
    AfterKey,
    Value,
    /// Inside a top-level value that is an object or array: its depth, and where a string in it
    /// stands.
    Container {
        depth: u32,
        string: bool,
        escaped: bool,
    },
    /// Inside a top-level value that is a string.
    Text {
        escaped: bool,
    },
    Scalar,
    AfterValue,
    /// The object closed.
    End,
    /// Not JSON any more.
    Broken,
}

/// The scan, fed chunk by chunk.
#[derive(Debug)]
pub struct Sniffer {
    state: State,
    key: Vec<u8>,
    /// The key was too long, or held an escape: no key of interest.
    odd_key: bool,
    format: bool,
    planned: bool,
    fed: u64,
}

impl Default for Sniffer {
    fn default() -> Self {
        Sniffer {
            state: State::Start,
            key: Vec::with_capacity(KEY_MAX),
            odd_key: false,
            format: false,
            planned: false,
            fed: 0,
        }
    }
}

impl Sniffer {
    /// Scans the next bytes: `Some(verdict)` once decided.
    pub fn feed(&mut self, chunk: &[u8]) -> Option<bool> {
        let mut i = 0;
        while i < chunk.len() {
            let c = chunk[i];
            match self.state {
                State::Start => match c {
                    b' ' | b'\t' | b'\n' | b'\r' | 0xEF | 0xBB | 0xBF
                        if self.fed + (i as u64) < 8 => {}
                    b'{' => self.state = State::ExpectKey,
                    _ => return Some(false),
                },
                State::ExpectKey => match c {
                    b' ' | b'\t' | b'\n' | b'\r' => {}
                    b'"' => {
                        self.key.clear();
                        self.odd_key = false;
                        self.state = State::Key { escaped: false };
                    }
                    b'}' => self.state = State::End,
                    _ => self.state = State::Broken,
                },
                State::Key { escaped: true } => self.state = State::Key { escaped: false },
                State::Key { escaped: false } => match c {
                    b'"' => self.state = State::AfterKey,
                    b'\\' => {
                        self.odd_key = true;
                        self.state = State::Key { escaped: true };
                    }
                    _ if self.key.len() < KEY_MAX => self.key.push(c),
                    _ => self.odd_key = true,
                },
                State::AfterKey => match c {
                    b' ' | b'\t' | b'\n' | b'\r' => {}
                    b':' => {
                        if let Some(verdict) = self.judge_key() {
                            return Some(verdict);
                        }
                        self.state = State::Value;
                    }
                    _ => self.state = State::Broken,
                },
                State::Value => match c {
                    b' ' | b'\t' | b'\n' | b'\r' => {}
                    b'{' | b'[' => {
                        self.state = State::Container {
                            depth: 1,
                            string: false,
                            escaped: false,
                        }
                    }
                    b'"' => self.state = State::Text { escaped: false },
                    _ => self.state = State::Scalar,
                },
                State::Container {
                    depth,
                    string,
                    escaped,
                } => {
                    // The hot loop: most of a plan is skipped here.
                    let (mut depth, mut string, mut escaped) = (depth, string, escaped);
                    while i < chunk.len() {
                        let c = chunk[i];
                        if string {
                            if escaped {
                                escaped = false;
                            } else if c == b'\\' {
                                escaped = true;
                            } else if c == b'"' {
                                string = false;
                            }
                        } else {
                            match c {
                                b'"' => string = true,
                                b'{' | b'[' => depth += 1,
                                b'}' | b']' => {
                                    depth -= 1;
                                    if depth == 0 {
                                        break;
                                    }
                                }
                                _ => {}
                            }
                        }
                        i += 1;
                    }
                    self.state = if depth == 0 {
                        State::AfterValue
                    } else {
                        State::Container {
                            depth,
                            string,
                            escaped,
                        }
                    };
                }
                State::Text { escaped: true } => self.state = State::Text { escaped: false },
                State::Text { escaped: false } => match c {
                    b'\\' => self.state = State::Text { escaped: true },
                    b'"' => self.state = State::AfterValue,
                    _ => {}
                },
                State::Scalar => match c {
                    b',' | b'}' | b' ' | b'\t' | b'\n' | b'\r' => {
                        self.state = State::AfterValue;
                        continue;
                    }
                    _ => {}
                },
                State::AfterValue => match c {
                    b' ' | b'\t' | b'\n' | b'\r' => {}
                    b',' => self.state = State::ExpectKey,
                    b'}' => self.state = State::End,
                    _ => self.state = State::Broken,
                },
                State::End => return Some(false),
                State::Broken => return Some(self.format),
            }
            i += 1;
        }
        self.fed += chunk.len() as u64;
        match self.state {
            State::End => Some(false),
            State::Broken => Some(self.format),
            _ => None,
        }
    }

    /// The verdict once the bytes ran out (or the scan was stopped): a Terraform JSON that broke
    /// off is a plan, so that reading it reports where.
    pub fn finish(&self) -> bool {
        match self.state {
            State::End => false,
            _ => self.format,
        }
    }

    /// A key just read, before its value: `Some` when it decides.
    fn judge_key(&mut self) -> Option<bool> {
        if self.odd_key {
            return (!self.format).then_some(false);
        }
        let key = std::str::from_utf8(&self.key).unwrap_or("");
        match key {
            "format_version" => self.format = true,
            "planned_values" => self.planned = true,
            _ => {}
        }
        if self.format && self.planned {
            return Some(true);
        }
        if !self.format && !PLAN_KEYS.contains(&key) {
            return Some(false);
        }
        if self.format && OTHER_KEYS.contains(&key) {
            return Some(false);
        }
        None
    }
}

/// Whether `bytes` (a whole input, standard input) are a plan.
pub fn is_plan(bytes: &[u8]) -> bool {
    let mut s = Sniffer::default();
    s.feed(bytes).unwrap_or_else(|| s.finish())
}

/// Whether the file at `path` is a plan, reading at most `limit` bytes of it (what is not
/// decided by then is a plan when `format_version` was seen: reading it reports the limit).
/// A file that cannot be read is no plan (the manifest reader reports it).
pub fn file_is_plan(path: &Path, limit: u64) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    // Discovery passes regular files only, but one may have been swapped for a FIFO since.
    if !meta.is_file() {
        return false;
    }
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut f = f.take(limit);
    let mut s = Sniffer::default();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match f.read(&mut buf) {
            Ok(0) => return s.finish(),
            Ok(n) => {
                if let Some(v) = s.feed(&buf[..n]) {
                    return v;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return s.finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunked(text: &str, size: usize) -> bool {
        let mut s = Sniffer::default();
        for c in text.as_bytes().chunks(size) {
            if let Some(v) = s.feed(c) {
                return v;
            }
        }
        s.finish()
    }

    #[test]
    fn verdicts() {
        let cases: &[(&str, bool)] = &[
            (
                r#"{"format_version":"1.2","terraform_version":"1.9.5","variables":{"a":{"value":"}{"}},"planned_values":{}}"#,
                true,
            ),
            // Sorted keys (`jq -S`): everything before `format_version` is a plan's.
            (
                r#"{"applyable": true, "configuration": {"root_module": {}}, "format_version": "1.2", "planned_values": {}}"#,
                true,
            ),
            (
                "\u{feff}{\n  \"format_version\": \"1.0\",\n  \"planned_values\": {\"root_module\": {}}\n}",
                true,
            ),
            // A manifest: decided at its first key.
            (
                r#"{"apiVersion": "v1", "kind": "ConfigMap", "format_version": "1", "planned_values": {}}"#,
                false,
            ),
            (r#"{"kind": "List"}"#, false),
            (r#"[{"format_version": "1.2"}]"#, false),
            // A state, provider schemas.
            (
                r#"{"format_version":"1.0","terraform_version":"1.9.5","values":{"planned_values":1}}"#,
                false,
            ),
            (r#"{"format_version":"1.0","provider_schemas":{}}"#, false),
            (r#"{"format_version":"1.2"}"#, false),
            (r#"{}"#, false),
            ("", false),
            // Broken off, or broken, after `format_version`: the plan reader says where.
            (r#"{"format_version":"1.2","variables":{"x": "#, true),
            (r#"{"format_version":"1.2" "planned_values"}"#, true),
            (r#"{"variables": {}, x"#, false),
            // An escaped key is no key of interest.
            (
                r#"{"format\u005fversion":"1.2","planned_values":{}}"#,
                false,
            ),
        ];
        for (text, want) in cases {
            for size in [1, 3, 7, 4096] {
                assert_eq!(chunked(text, size), *want, "{text:?} in chunks of {size}");
            }
            assert_eq!(is_plan(text.as_bytes()), *want, "{text:?}");
        }
    }

    /// A manifest's decision costs its first key, however large the file.
    #[test]
    fn manifests_are_decided_early() {
        let mut s = Sniffer::default();
        assert_eq!(s.feed(br#"{"apiVersion": "apps/v1", "#), Some(false));
    }
}
