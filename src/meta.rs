//! Rule metadata: the TOML front matter of `rules/AKSnnn.md`, the doc's sections, and the
//! severities a rule and its findings have.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    name: String,
    severity: Severity,
    layer: String,
    target: String,
    #[serde(default = "yes")]
    suppressible: bool,
    summary: String,
    // Validated here, read by people: the doc's sources and the peers' closest checks (the peer
    // agreement tests keep their own, reasoned table in `tests/peers/tables.rs`).
    #[serde(default, rename = "references")]
    _references: Vec<String>,
    #[serde(default, rename = "peers")]
    _peers: BTreeMap<String, Vec<String>>,
}

fn yes() -> bool {
    true
}

/// The `target` of a rule that joins manifests and Terraform (it reads both through the index).
pub const CROSS_LAYER: &str = "cross-layer";

/// A rule's metadata and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub layer: &'static str,
    /// `kubernetes`, `terraform`, or `any` (the linter's own rules): what the rule's interest
    /// must be about (checked by the registry's tests).
    pub target: &'static str,
    /// Whether suppression comments and annotations may silence its findings (`false` for parse
    /// errors and input limits).
    pub suppressible: bool,
    pub summary: &'static str,
    /// The Markdown after the front matter.
    pub body: &'static str,
}

/// A fenced code block of a doc section.
#[derive(Debug, Clone)]
pub struct Example {
    /// `yaml`, `json`, `toml`…
    pub lang: String,
    /// `file=NAME` from the info string, if any.
    pub file: Option<String>,
    pub code: String,
}

pub const SECTIONS: [&str; 4] = ["Why", "Bad example", "Good example", "Fix"];
pub const LAYERS: [&str; 8] = [
    "linter",
    "identity",
    "hardening",
    "network",
    "workloads",
    "secrets",
    "images",
    "monitoring",
];

impl RuleMeta {
    /// Parses a doc; the `'static` text comes from `include_str!`.
    pub fn parse(doc: &'static str) -> Result<RuleMeta, String> {
        let rest = doc
            .strip_prefix("+++\n")
            .ok_or("must start with a `+++` front matter line")?;
        let end = rest
            .find("\n+++\n")
            .ok_or("front matter is not closed by `+++`")?;
        let fm: FrontMatter = toml::from_str(&rest[..end]).map_err(|e| e.to_string())?;
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let meta = RuleMeta {
            id: leak(fm.id),
            name: leak(fm.name),
            severity: fm.severity,
            layer: leak(fm.layer),
            target: leak(fm.target),
            suppressible: fm.suppressible,
            summary: leak(fm.summary),
            body: &rest[end + 5..],
        };
        meta.validate()?;
        Ok(meta)
    }

    fn validate(&self) -> Result<(), String> {
        let id_ok = self.id.len() == 6
            && self.id.starts_with("AKS")
            && self.id[3..].bytes().all(|b| b.is_ascii_digit());
        if !id_ok {
            return Err(format!("malformed id `{}`", self.id));
        }
        if !self
            .name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(format!("name `{}` is not kebab-case", self.name));
        }
        if !LAYERS.contains(&self.layer) {
            return Err(format!("unknown layer `{}`", self.layer));
        }
        if !["kubernetes", "terraform", CROSS_LAYER, "any"].contains(&self.target) {
            return Err(format!("unknown target `{}`", self.target));
        }
        let mut at = 0;
        for s in SECTIONS {
            let heading = format!("\n## {s}\n");
            match self.body[at..]
                .find(&heading)
                .or_else(|| (at == 0 && self.body.starts_with(&heading[1..])).then_some(0))
            {
                Some(i) => at += i + 1,
                None => return Err(format!("missing or misplaced section `## {s}`")),
            }
        }
        Ok(())
    }

    /// What `akslint explain` prints (and the editor shows on hover): the heading line, the
    /// summary and the documentation.
    pub fn explain(&self) -> String {
        format!(
            "{} {} ({}, {})\n\n{}\n\n{}\n",
            self.id,
            self.name,
            self.severity.as_str(),
            self.layer,
            self.summary,
            self.body.trim()
        )
    }

    /// The text of a `## name` section (without its heading).
    pub fn section(&self, name: &str) -> Option<&'static str> {
        let body: &'static str = self.body;
        let heading = format!("## {name}\n");
        let start = if body.starts_with(&heading) {
            heading.len()
        } else {
            body.find(&format!("\n{heading}"))? + heading.len() + 1
        };
        let rest = &body[start..];
        let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
        Some(rest[..end].trim())
    }

    /// The fenced code blocks of a section.
    pub fn examples(&self, section: &str) -> Vec<Example> {
        let Some(text) = self.section(section) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(info) = line.trim_start().strip_prefix("```") else {
                continue;
            };
            let mut words = info.split_whitespace();
            let lang = words.next().unwrap_or("").to_string();
            let file = words
                .find_map(|w| w.strip_prefix("file="))
                .map(str::to_string);
            let mut code = String::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                code.push_str(l);
                code.push('\n');
            }
            out.push(Example { lang, file, code });
        }
        out
    }

    /// The text of `## Fix`: SARIF's plain-text help.
    pub fn fix(&self) -> &'static str {
        self.section("Fix").unwrap_or("")
    }
}
