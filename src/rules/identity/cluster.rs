//! Shared by the `azurerm_kubernetes_cluster` rules of the identity and hardening layers: which
//! resources are clusters, how a written attribute is shown in a message, whether a block that
//! may be `dynamic` is there, and which spelling of a renamed attribute to suggest.

use crate::source::LineIndex;
use crate::terraform::{Attr, BlockView, Lit, Majors, Origin, Presence, Resource, Value};

pub(crate) const CLUSTER: &str = "azurerm_kubernetes_cluster";

/// A managed `azurerm_kubernetes_cluster` that certainly exists: not a data source, and not a
/// resource whose `count`/`for_each` is unknown or zero (rules.md, "unknown presence silences").
pub(crate) fn is_cluster(res: &Resource<'_>) -> bool {
    res.kind == CLUSTER && !res.address.starts_with("data.") && res.exists() == Some(true)
}

/// The expression of `attr` as written, on one line and shortened.
pub(crate) fn written(res: &Resource<'_>, attr: &Attr) -> String {
    let module = res.scope().module();
    let text = module
        .files
        .iter()
        .find(|f| f.name == attr.file)
        .and_then(|f| f.text.get(attr.value_span.range()))
        .unwrap_or("…");
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    shorten(&one_line, 60)
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    format!("{cut}…")
}

/// A known value as HCL (`false`, `"none"`, `null`, `["0.0.0.0/0"]`).
pub(crate) fn show(v: &Value) -> String {
    let s = match v {
        Value::Known(Lit::Bool(b)) => b.to_string(),
        Value::Known(Lit::Number(n)) => n.to_string(),
        Value::Known(Lit::String(s)) => format!("{s:?}"),
        Value::Known(Lit::List(l)) => format!(
            "[{}]",
            l.iter()
                .map(|e| show(&e.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Known(Lit::Object(_)) => "{…}".into(),
        Value::Ref(r) => r.to_string(),
        Value::Unknown => "(unknown)".into(),
        Value::Absent => "null".into(),
    };
    shorten(&s, 60)
}

/// Whether the attribute's value is the literal written at the attribute itself.
fn is_literal(attr: &Attr) -> bool {
    attr.origin.file == attr.file && attr.origin.span == attr.value_span
}

/// `` `name = false` `` for a literal; `` `name = var.x` (`false`, from terraform.tfvars:3) ``
/// when the value was written elsewhere; `` `name = var.x` (null, from line 12) `` when null.
pub(crate) fn said(res: &Resource<'_>, name: &str, attr: &Attr) -> String {
    let expr = written(res, attr);
    if is_literal(attr) {
        return format!("`{name} = {expr}`");
    }
    let value = if attr.value.is_absent() {
        "null".to_string()
    } else {
        format!("`{}`", show(&attr.value))
    };
    match from_where(res, attr, &attr.origin) {
        Some(at) => format!("`{name} = {expr}` ({value}, from {at})"),
        None => format!("`{name} = {expr}` ({value})"),
    }
}

/// Where a value of `attr` was written, when it is not inside the attribute's own expression:
/// `line 12` in the same file, `terraform.tfvars:3` in another file of the module, or the
/// file's name alone (a caller's file).
pub(crate) fn from_where(res: &Resource<'_>, attr: &Attr, origin: &Origin) -> Option<String> {
    let same_file = origin.file == attr.file;
    if same_file
        && origin.span.start >= attr.value_span.start
        && origin.span.end <= attr.value_span.end
    {
        return None;
    }
    let line = res
        .scope()
        .module()
        .files
        .iter()
        .find(|f| f.name == origin.file)
        .map(|f| {
            LineIndex::new(&f.text)
                .pos(&f.text, origin.span.start as usize)
                .line
        });
    Some(match (same_file, line) {
        (true, Some(l)) => format!("line {l}"),
        (false, Some(l)) => format!("{}:{l}", origin.file),
        (_, None) => origin.file.to_string(),
    })
}

/// Whether a block is there, from its own presence and its ancestors'.
pub(crate) fn combine(outer: Presence, inner: Presence) -> Presence {
    match (outer, inner) {
        (Presence::KnownEmpty, _) | (_, Presence::KnownEmpty) => Presence::KnownEmpty,
        (Presence::KnownNonEmpty, Presence::KnownNonEmpty) => Presence::KnownNonEmpty,
        _ => Presence::Unknown,
    }
}

/// The Entra ID integration blocks of a cluster with their presence: v3+
/// `azure_active_directory_role_based_access_control`, and azurerm v2's
/// `role_based_access_control { azure_active_directory { … } }` (read as v3).
pub(crate) fn entra_blocks<'a>(res: &Resource<'a>) -> Vec<(BlockView<'a>, Presence)> {
    let mut out: Vec<(BlockView<'a>, Presence)> = res
        .blocks("azure_active_directory_role_based_access_control")
        .into_iter()
        .map(|b| {
            let p = b.presence;
            (b, p)
        })
        .collect();
    for rbac in res.blocks("role_based_access_control") {
        for aad in rbac.blocks("azure_active_directory") {
            let p = combine(rbac.presence, aad.presence);
            out.push((aad, p));
        }
    }
    out
}

/// The name to suggest for a setting renamed in azurerm v4: the v3 name when the module runs
/// on v3 only, else the v4+ name, with the v3 name as an alternative when v3 is possible too.
pub(crate) fn spelling<'n>(majors: Majors, v3: &'n str, v4: &'n str) -> (&'n str, Option<&'n str>) {
    if majors.single() == Some(3) {
        (v3, None)
    } else if majors.contains(3) || majors.is_empty() {
        (v4, Some(v3))
    } else {
        (v4, None)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Runs one Terraform rule over small modules (and over `testdata/tf/<ID>/` cases, children
    //! evaluated through their callers) without the engine, for the rules' unit tests.

    use crate::config::RuleParams;
    use crate::rules::{Rule, TfCtx};
    use crate::source::LineIndex;
    use crate::terraform::module::{Module, classify, module_files};
    use crate::terraform::{Majors, Scope, TfIndex, TfLimits, provider};
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// (file, 1-based line, rule, message) of every finding.
    pub(crate) type Found = Vec<(String, u32, String, String)>;

    /// Lints files given as (name, text) as one root module.
    pub(crate) fn lint(rule: &dyn Rule, files: &[(&str, &str)]) -> Found {
        let texts = files
            .iter()
            .map(|(n, t)| {
                let kind = classify(n).expect("a Terraform file name");
                (PathBuf::from(n), kind, t.to_string())
            })
            .collect();
        let m = Module::from_texts(Path::new("."), texts, &TfLimits::default());
        assert!(m.errors().next().is_none(), "{:?}", m.errors().next());
        let mut out = Vec::new();
        run(rule, &m, &Scope::new(&m), None, "", &mut out);
        out
    }

    /// The module's majors: its own evidence intersected with its callers'; the newest when
    /// nothing along the chain says anything.
    fn majors_of(m: &Module, outer: Option<Majors>) -> Option<Majors> {
        let own = provider::azurerm(m);
        match (own.evidence.is_empty(), outer) {
            (true, outer) => outer,
            (false, None) => Some(own.majors),
            (false, Some(o)) => Some(own.majors.intersect(o)),
        }
    }

    fn run(
        rule: &dyn Rule,
        m: &Module,
        scope: &Scope<'_>,
        outer: Option<Majors>,
        prefix: &str,
        out: &mut Found,
    ) {
        let majors = majors_of(m, outer).unwrap_or(Majors::only(Majors::NEWEST as u64));
        let index = TfIndex::default();
        let params = RuleParams::default();
        let mut findings = Vec::new();
        for res in scope.resources().iter().chain(scope.data_sources().iter()) {
            let mut cx = TfCtx {
                rule: rule.meta(),
                params: &params,
                majors,
                index: &index,
                address_prefix: prefix,
                findings: &mut findings,
            };
            rule.check_tf(res, &mut cx);
        }
        for f in findings {
            let file = f.file.expect("Terraform findings name their file");
            let text = &m
                .files
                .iter()
                .find(|s| s.name == file)
                .expect("the finding's file is in the module")
                .text;
            let line = LineIndex::new(text)
                .pos(text, f.span.expect("a span").start as usize)
                .line;
            out.push((file.to_string(), line, f.rule.to_string(), f.message));
        }
    }

    /// Lints every module directory under `dir` as the engine will: children through their
    /// callers (majors intersected along the chain), modules nobody calls as roots.
    pub(crate) fn lint_dir(rule: &dyn Rule, dir: &Path) -> Found {
        let mut dirs = Vec::new();
        collect_dirs(&dir.canonicalize().unwrap(), &mut dirs);
        let mut called = BTreeSet::new();
        let modules: Vec<(PathBuf, Module)> = dirs
            .iter()
            .map(|d| {
                let m = Module::load(d, &Default::default()).unwrap();
                for c in &m.calls {
                    if let Some(p) = c.local_path.as_ref().and_then(|p| p.canonicalize().ok()) {
                        called.insert(p);
                    }
                }
                (d.canonicalize().unwrap(), m)
            })
            .collect();
        let mut out = Vec::new();
        for (path, m) in &modules {
            if !called.contains(path) && !m.files.is_empty() {
                walk(rule, m, &Scope::new(m), None, "", &mut out);
            }
        }
        out.sort();
        out
    }

    fn walk(
        rule: &dyn Rule,
        m: &Module,
        scope: &Scope<'_>,
        outer: Option<Majors>,
        prefix: &str,
        out: &mut Found,
    ) {
        run(rule, m, scope, outer, prefix, out);
        let majors = majors_of(m, outer);
        for c in &m.calls {
            let Some(p) = &c.local_path else { continue };
            let child = Module::load(&p.canonicalize().unwrap(), &Default::default()).unwrap();
            let child_scope = Scope::with_inputs(&child, c.inputs(scope));
            let prefix = format!("{prefix}module.{}.", c.name);
            walk(rule, &child, &child_scope, majors, &prefix, out);
        }
    }

    fn collect_dirs(dir: &Path, out: &mut Vec<PathBuf>) {
        if !module_files(dir).unwrap().is_empty() {
            out.push(dir.to_path_buf());
        }
        let mut subs: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        subs.sort();
        for s in subs {
            collect_dirs(&s, out);
        }
    }

    /// `# expect: ID` annotations of the `.tf`/`.tfvars` files under `dir`: (file, line, rule).
    pub(crate) fn expectations(dir: &Path) -> Vec<(String, u32, String)> {
        let mut out = Vec::new();
        let mut dirs = Vec::new();
        collect_dirs(&dir.canonicalize().unwrap(), &mut dirs);
        for d in dirs {
            for (p, _) in module_files(&d).unwrap() {
                let text = std::fs::read_to_string(&p).unwrap();
                for (i, line) in text.lines().enumerate() {
                    if let Some(at) = line.find("# expect:") {
                        for r in line[at + 9..].split(',') {
                            let r = r.trim();
                            if !r.is_empty() {
                                out.push((p.display().to_string(), i as u32 + 1, r.to_string()));
                            }
                        }
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// Checks the fixtures of `testdata/tf/<ID>/` against the rule alone.
    pub(crate) fn check_fixtures(rule: &dyn Rule) {
        let id = rule.meta().id;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/tf")
            .join(id);
        let found = lint_dir(rule, &dir);
        if std::env::var_os("AKSLINT_SHOW").is_some() {
            for (f, l, r, m) in &found {
                eprintln!("{f}:{l}: {r} {m}");
            }
        }
        let got: Vec<(String, u32, String)> =
            found.into_iter().map(|(f, l, r, _)| (f, l, r)).collect();
        let want = expectations(&dir);
        assert_eq!(
            got, want,
            "{id}: findings (left) differ from the expectations (right)"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::lint;
    use crate::rules::Rule;

    /// The doc examples of the Terraform rules of both layers, run without the engine: the bad
    /// example fires (only its own rule is run), the good one does not.
    #[test]
    fn terraform_doc_examples_behave() {
        let rules = crate::rules::identity::ALL
            .iter()
            .chain(crate::rules::hardening::ALL.iter())
            .filter(|r| r.meta().target == "terraform");
        let mut failures = Vec::new();
        for r in rules {
            let m = r.meta();
            for (section, should_fire) in [("Bad example", true), ("Good example", false)] {
                let examples = m.examples(section);
                let files: Vec<(&str, &str)> = examples
                    .iter()
                    .map(|e| (e.file.as_deref().unwrap_or("main.tf"), e.code.as_str()))
                    .collect();
                let found = lint(*r as &dyn Rule, &files);
                if found.is_empty() == should_fire {
                    failures.push(format!("{} {section}: {found:?}", m.id));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
