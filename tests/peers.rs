//! Agreement with the peers' own tests. `../shared/corpus/peer-fixtures/` holds the fixtures of
//! Checkov, kube-linter, Polaris, kube-score, Trivy checks and Kubescape with the verdicts their
//! own tests assert. For every peer check that corresponds to an akslint rule
//! (`tests/peers/tables.rs`), each verdict about an identifiable object or file is compared with
//! whether akslint reports that rule there, linting what the peer's test lints with a config that
//! selects only that rule.
//!
//! Every disagreement must be listed in `tests/peers/disagreements.toml` with its reason ("peer
//! bug: …", "deliberate: …", or "akslint bug: …" until the rule is fixed); the test fails on an
//! unlisted disagreement and on a listed one that no longer occurs. The figures are printed
//! (`cargo test --test peers -- --nocapture`) and written to `docs/peer-agreement.md`, which must
//! stay fresh (`AKSLINT_BLESS=1 cargo test --test peers` regenerates it).

mod common;
#[path = "peers/load.rs"]
mod load;
#[path = "peers/tables.rs"]
mod tables;

use akslint::config::Config;
use akslint::diagnostic::Diagnostic;
use akslint::engine::{self, Input, Options};
use load::{Expectation, How, Obj, Target, Unit, Verdict};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DisagreementFile {
    #[serde(default)]
    disagreement: Vec<Listed>,
}

/// One known disagreement.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Listed {
    peer: String,
    check: String,
    case: String,
    #[serde(default)]
    object: String,
    /// The peer's verdict, as in the expectation index.
    peer_says: String,
    /// `reports` or `silent`.
    akslint: String,
    reason: String,
}

const REASONS: &[&str] = &["peer bug: ", "deliberate: ", "akslint bug: "];

fn key(peer: &str, check: &str, case: &str, object: &str) -> (String, String, String, String) {
    (peer.into(), check.into(), case.into(), object.into())
}

/// Lints one unit with one rule selected; cached, since a unit often carries several verdicts.
struct Linter {
    tmp: tempfile::TempDir,
    cache: HashMap<(String, &'static str), Vec<Diagnostic>>,
    parse_errors: BTreeSet<String>,
}

impl Linter {
    fn new() -> Linter {
        Linter {
            tmp: tempfile::tempdir().unwrap(),
            cache: HashMap::new(),
            parse_errors: BTreeSet::new(),
        }
    }

    fn run(&mut self, unit: &Unit, rule: &'static str) -> &[Diagnostic] {
        let unit_key = match unit {
            Unit::Paths(ps) => ps
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            Unit::Text { name, text } => format!("{name}\n{text}"),
        };
        let k = (unit_key, rule);
        if !self.cache.contains_key(&k) {
            let paths = match unit {
                Unit::Paths(ps) => ps.clone(),
                Unit::Text { name, text } => {
                    let dir = self.tmp.path().join(format!("t{}", self.cache.len()));
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(dir.join(name), text).unwrap();
                    vec![dir.join(name)]
                }
            };
            let cfg_path = self.tmp.path().join("akslint.toml");
            let cfg = Config::parse(&format!("select = [\"{rule}\"]\n"), &cfg_path)
                .unwrap_or_else(|e| panic!("{e}"));
            let inputs: Vec<Input> = paths.iter().cloned().map(Input::Path).collect();
            let diags = engine::lint(&inputs, &cfg, &Options::default())
                .expect("lint")
                .diagnostics;
            for d in diags.iter().filter(|d| d.rule == "AKS001") {
                self.parse_errors
                    .insert(format!("{}:{}: {}", d.file, d.start.line, d.message));
            }
            self.cache.insert(k.clone(), diags);
        }
        &self.cache[&k]
    }
}

/// `Kind namespace/name` or `Kind name` (akslint's `object` field).
fn parse_akslint_object(s: &str) -> Option<Obj> {
    let (kind, rest) = s.split_once(' ')?;
    let (ns, name) = match rest.split_once('/') {
        Some((ns, name)) => (Some(ns.to_string()), name),
        None => (None, rest),
    };
    Some(Obj {
        kind: kind.into(),
        ns,
        name: name.into(),
    })
}

/// Does akslint report `rule` on the target?
fn reports(diags: &[Diagnostic], rule: &str, target: &Target) -> bool {
    diags
        .iter()
        .filter(|d| d.rule == rule)
        .any(|d| match target {
            Target::Any => true,
            Target::Address(a) => d.object.as_deref() == Some(a.as_str()),
            Target::Object { obj, files } => {
                (files.is_empty() || files.iter().any(|f| f.display().to_string() == d.file))
                    && d.object
                        .as_deref()
                        .and_then(parse_akslint_object)
                        .is_some_and(|o| o.same(obj))
            }
        })
}

#[derive(Default, Clone)]
struct Tally {
    compared: usize,
    agree: usize,
    deliberate: usize,
    peer_bug: usize,
    akslint_bug: usize,
    pending: usize,
    not_comparable: usize,
}

impl Tally {
    fn disagree(&self) -> usize {
        self.compared - self.agree
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "–".into()
    } else {
        format!("{:.1} %", 100.0 * a as f64 / b as f64)
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

struct Outcome<'e> {
    e: &'e Expectation,
    /// `Some(akslint reports)` when compared.
    got: Option<bool>,
    agrees: bool,
}

#[test]
fn peers_agreement() {
    let Some(shared) = common::shared_dir("peers") else {
        return;
    };
    let shared = std::fs::canonicalize(shared).unwrap();
    let fixtures = shared.join("corpus/peer-fixtures");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems: Vec<String> = Vec::new();

    let expectations = load::all(&fixtures);

    // The tables: rule IDs well formed; every row matches expectations of the peer.
    for &peer in load::PEERS {
        for (check, rule) in load::mapped(peer) {
            let well_formed = rule.len() == 6
                && rule.starts_with("AKS")
                && rule[3..].bytes().all(|b| b.is_ascii_digit());
            if !well_formed {
                problems.push(format!("{peer} {check}: `{rule}` is not a rule ID"));
            }
            if !expectations
                .iter()
                .any(|e| e.peer == peer && e.check == check)
            {
                problems.push(format!(
                    "{peer} {check} → {rule}: no expectation of the peer names this check"
                ));
            }
        }
        for s in load::not_comparable(peer) {
            if !expectations
                .iter()
                .any(|e| e.peer == peer && e.check == s.check)
            {
                problems.push(format!(
                    "{peer} {}: listed as not comparable, but no expectation names it",
                    s.check
                ));
            }
        }
    }

    // Compare.
    let mut linter = Linter::new();
    let mut outcomes: Vec<Outcome> = Vec::new();
    for e in &expectations {
        let active = e.rule.filter(|r| akslint::rules::find(r).is_some());
        let (got, agrees) = match (&e.how, active) {
            (
                How::Compare {
                    unit,
                    target,
                    expected,
                },
                Some(rule),
            ) => {
                let diags = linter.run(unit, rule);
                let got = reports(diags, rule, target);
                (Some(got), got == (*expected == Verdict::Failed))
            }
            _ => (None, false),
        };
        outcomes.push(Outcome { e, got, agrees });
    }
    // `AKSLINT_PEERS_VERBOSE=1`: every compared verdict, for reviewing the comparison itself.
    if std::env::var_os("AKSLINT_PEERS_VERBOSE").is_some() {
        for o in outcomes.iter().filter(|o| o.got.is_some()) {
            println!(
                "{} {} {} {} [{}] {}: peer {}, akslint {}",
                if o.agrees { "agree   " } else { "DISAGREE" },
                o.e.peer,
                o.e.check,
                o.e.rule.unwrap_or("?"),
                o.e.case,
                o.e.object,
                o.e.peer_says,
                if o.got == Some(true) {
                    "reports"
                } else {
                    "silent"
                }
            );
        }
    }

    // Match the disagreements with the table.
    let table_path = manifest.join("tests/peers/disagreements.toml");
    let table_text = std::fs::read_to_string(&table_path).unwrap();
    let table: DisagreementFile =
        toml::from_str(&table_text).unwrap_or_else(|e| panic!("{}: {e}", table_path.display()));
    let mut listed: BTreeMap<_, Listed> = BTreeMap::new();
    for l in &table.disagreement {
        if !REASONS.iter().any(|p| l.reason.starts_with(p)) {
            problems.push(format!(
                "disagreements.toml: {} {} {} {}: the reason must start with one of {REASONS:?}",
                l.peer, l.check, l.case, l.object
            ));
        }
        if l.akslint != "reports" && l.akslint != "silent" {
            problems.push(format!(
                "disagreements.toml: {} {} {} {}: `akslint` is `reports` or `silent`",
                l.peer, l.check, l.case, l.object
            ));
        }
        let k = key(&l.peer, &l.check, &l.case, &l.object);
        if listed.insert(k, l.clone()).is_some() {
            problems.push(format!(
                "disagreements.toml: {} {} {} {} is listed twice",
                l.peer, l.check, l.case, l.object
            ));
        }
    }
    let mut used = BTreeSet::new();
    let mut unlisted = String::new();
    let mut disagreements: Vec<(&Outcome, String)> = Vec::new();
    for o in &outcomes {
        let Some(got) = o.got else { continue };
        if o.agrees {
            continue;
        }
        let e = o.e;
        let k = key(e.peer, &e.check, &e.case, &e.object);
        let akslint_says = if got { "reports" } else { "silent" };
        match listed.get(&k) {
            Some(l) => {
                used.insert(k.clone());
                if l.peer_says != e.peer_says || l.akslint != akslint_says {
                    problems.push(format!(
                        "disagreements.toml: {} {} {} {}: listed as peer {} / akslint {}, \
                         now peer {} / akslint {akslint_says}",
                        e.peer, e.check, e.case, e.object, l.peer_says, l.akslint, e.peer_says
                    ));
                }
                disagreements.push((o, l.reason.clone()));
            }
            None => {
                let _ = write!(
                    unlisted,
                    "\n[[disagreement]]\npeer = {:?}\ncheck = {:?}\ncase = {:?}\nobject = {:?}\n\
                     peer_says = {:?}\nakslint = {:?}\nreason = \"TODO (rule {})\"\n",
                    e.peer,
                    e.check,
                    e.case,
                    e.object,
                    e.peer_says,
                    akslint_says,
                    e.rule.unwrap_or("?")
                );
                disagreements.push((o, "UNLISTED".into()));
            }
        }
    }
    for (k, l) in &listed {
        if !load::PEERS.contains(&l.peer.as_str()) {
            problems.push(format!(
                "disagreements.toml: unknown peer `{}` (one of {:?})",
                l.peer,
                load::PEERS
            ));
            continue;
        }
        let pending = load::mapped(&l.peer)
            .iter()
            .any(|(c, r)| *c == l.check && akslint::rules::find(r).is_none());
        if !used.contains(k) && !pending {
            problems.push(format!(
                "disagreements.toml: {} {} {} {} no longer disagrees: remove it",
                l.peer, l.check, l.case, l.object
            ));
        }
    }
    if !unlisted.is_empty() {
        problems.push(format!(
            "disagreements not listed in tests/peers/disagreements.toml (investigate each; add \
             it with its reason, or fix the rule):\n{unlisted}"
        ));
    }

    // Figures.
    let reason_of = |o: &Outcome| -> Option<String> {
        disagreements
            .iter()
            .find(|(d, _)| std::ptr::eq(d.e, o.e))
            .map(|(_, r)| r.clone())
    };
    let mut per_peer: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut per_check: BTreeMap<(&str, &str, &str), Tally> = BTreeMap::new();
    for o in &outcomes {
        let e = o.e;
        let rule = e.rule.unwrap_or("–");
        for t in [
            per_peer.entry(e.peer).or_default(),
            per_check.entry((e.peer, &e.check, rule)).or_default(),
        ] {
            match (&e.how, o.got) {
                (How::NotComparable(_), _) => t.not_comparable += 1,
                (How::Compare { .. }, None) => t.pending += 1,
                (How::Compare { .. }, Some(_)) => {
                    t.compared += 1;
                    if o.agrees {
                        t.agree += 1;
                    } else {
                        let r = reason_of(o).unwrap_or_default();
                        if r.starts_with("peer bug") {
                            t.peer_bug += 1;
                        } else if r.starts_with("deliberate") {
                            t.deliberate += 1;
                        } else if r.starts_with("akslint bug") {
                            t.akslint_bug += 1;
                        }
                    }
                }
            }
        }
    }

    let doc = render(&outcomes, &per_peer, &per_check, &disagreements);
    println!("agreement with peers' own tests (compared verdicts of mapped, registered rules):");
    for &peer in load::PEERS {
        let t = per_peer.get(peer).cloned().unwrap_or_default();
        println!(
            "  {:<12} {:>4}/{:<4} agree ({:>7}); disagree {} (deliberate {}, peer bug {}, akslint bug {}); pending {}; not comparable {}",
            load::display_name(peer),
            t.agree,
            t.compared,
            pct(t.agree, t.compared),
            t.disagree(),
            t.deliberate,
            t.peer_bug,
            t.akslint_bug,
            t.pending,
            t.not_comparable
        );
    }
    // Issue 4's figure: Checkov's AKS Terraform checks alone.
    let (mut agree, mut compared) = (0, 0);
    for ((peer, check, _), t) in &per_check {
        if *peer == "checkov" && (check.starts_with("CKV_AZURE") || check.starts_with("CKV2_AZURE"))
        {
            agree += t.agree;
            compared += t.compared;
        }
    }
    println!(
        "  Checkov AKS Terraform checks alone: {agree}/{compared} agree ({})",
        pct(agree, compared)
    );
    if !linter.parse_errors.is_empty() {
        println!("AKS001 on peer fixtures (their findings are missing from the comparison):");
        for p in &linter.parse_errors {
            println!("  {p}");
        }
    }

    let doc_path = manifest.join("docs/peer-agreement.md");
    if std::env::var_os("AKSLINT_BLESS").is_some() {
        std::fs::write(&doc_path, &doc).unwrap();
    } else if std::fs::read_to_string(&doc_path).ok().as_deref() != Some(doc.as_str()) {
        problems.push(
            "docs/peer-agreement.md is stale: run `AKSLINT_BLESS=1 cargo test --test peers`".into(),
        );
    }

    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn render(
    outcomes: &[Outcome],
    per_peer: &BTreeMap<&str, Tally>,
    per_check: &BTreeMap<(&str, &str, &str), Tally>,
    disagreements: &[(&Outcome, String)],
) -> String {
    let mut d = String::new();
    d.push_str(
        "# Agreement with the peers' own tests\n\n\
         Generated by `tests/peers.rs` from `../shared/corpus/peer-fixtures/` (the fixtures of \
         Checkov, kube-linter, Polaris, kube-score, Trivy checks and Kubescape, with the verdicts \
         their own tests assert); do not edit: `AKSLINT_BLESS=1 cargo test --test peers` \
         regenerates it.\n\n\
         For every peer check that corresponds to an akslint rule (`tests/peers/tables.rs`), each \
         verdict about an identifiable object (or, for Polaris and Trivy examples, a file) is \
         compared with whether akslint reports that rule there, linting what the peer's test \
         lints with only that rule selected. FAILED must be reported; PASSED and NOT_REPORTED \
         (the peer's test lists all its reports and this object is not among them) must not. \
         Each disagreement has its reason in `tests/peers/disagreements.toml`. *Pending*: \
         verdicts of rules not implemented yet. *Not comparable*: the peer's test does not say \
         which object its verdict is about, or its input is not a manifest.\n\n",
    );
    d.push_str("## Summary\n\n");
    d.push_str(
        "| peer | checks mapped (active + pending) | compared | agree | disagree (deliberate / peer bug / akslint bug) | agreement | pending | not comparable |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    let mut total = Tally::default();
    for &peer in load::PEERS {
        let t = per_peer.get(peer).cloned().unwrap_or_default();
        let rows = load::mapped(peer);
        let active = rows
            .iter()
            .filter(|(_, r)| akslint::rules::find(r).is_some())
            .count();
        let _ = writeln!(
            d,
            "| {} | {} ({} + {}) | {} | {} | {} ({} / {} / {}) | {} | {} | {} |",
            load::display_name(peer),
            rows.len(),
            active,
            rows.len() - active,
            t.compared,
            t.agree,
            t.disagree(),
            t.deliberate,
            t.peer_bug,
            t.akslint_bug,
            pct(t.agree, t.compared),
            t.pending,
            t.not_comparable
        );
        total.compared += t.compared;
        total.agree += t.agree;
        total.deliberate += t.deliberate;
        total.peer_bug += t.peer_bug;
        total.akslint_bug += t.akslint_bug;
        total.pending += t.pending;
        total.not_comparable += t.not_comparable;
    }
    let _ = writeln!(
        d,
        "| **all** | | {} | {} | {} ({} / {} / {}) | {} | {} | {} |",
        total.compared,
        total.agree,
        total.disagree(),
        total.deliberate,
        total.peer_bug,
        total.akslint_bug,
        pct(total.agree, total.compared),
        total.pending,
        total.not_comparable
    );

    d.push_str("\n## Per check\n\n");
    d.push_str(
        "| peer | check | rule | what | compared | agree | disagree | pending | not comparable |\n\
         |---|---|---|---|---|---|---|---|---|\n",
    );
    for &peer in load::PEERS {
        for check in load::check_order(peer) {
            let Some(((_, _, rule), t)) = per_check
                .iter()
                .find(|((p, c, _), _)| *p == peer && *c == check)
            else {
                continue;
            };
            let _ = writeln!(
                d,
                "| {} | `{}` | {} | {} | {} | {} | {} | {} | {} |",
                load::display_name(peer),
                cell(check),
                rule,
                cell(load::note(peer, check)),
                t.compared,
                t.agree,
                t.disagree(),
                t.pending,
                t.not_comparable
            );
        }
    }

    d.push_str("\n## Disagreements\n\n");
    if disagreements.is_empty() {
        d.push_str("None.\n");
    } else {
        d.push_str(
            "| peer | check | rule | case | object | peer says | akslint | reason |\n\
             |---|---|---|---|---|---|---|---|\n",
        );
        let mut rows: Vec<String> = Vec::new();
        for &peer in load::PEERS {
            for (o, reason) in disagreements.iter().filter(|(o, _)| o.e.peer == peer) {
                let e = o.e;
                rows.push(format!(
                    "| {} | `{}` | {} | `{}` | {} | {} | {} | {} |",
                    load::display_name(peer),
                    cell(&e.check),
                    e.rule.unwrap_or("–"),
                    cell(&e.case),
                    if e.object.is_empty() {
                        "(file)".to_string()
                    } else {
                        format!("`{}`", cell(&e.object))
                    },
                    e.peer_says,
                    if o.got == Some(true) {
                        "reports"
                    } else {
                        "silent"
                    },
                    cell(reason)
                ));
            }
        }
        for r in rows {
            d.push_str(&r);
            d.push('\n');
        }
    }

    d.push_str("\n## Not comparable\n\n");
    d.push_str("| peer | check | rule | verdicts | why |\n|---|---|---|---|---|\n");
    let mut groups: BTreeMap<(usize, usize, &str, &str, &str), usize> = BTreeMap::new();
    for o in outcomes {
        if let How::NotComparable(why) = &o.e.how {
            let rank = load::PEERS.iter().position(|p| *p == o.e.peer).unwrap();
            let order = load::check_order(o.e.peer);
            let at = order
                .iter()
                .position(|c| *c == o.e.check)
                .unwrap_or(order.len());
            *groups
                .entry((rank, at, &o.e.check, o.e.rule.unwrap_or("–"), why))
                .or_default() += 1;
        }
    }
    for ((rank, _, check, rule, why), n) in groups {
        let _ = writeln!(
            d,
            "| {} | `{}` | {} | {} | {} |",
            load::display_name(load::PEERS[rank]),
            cell(check),
            rule,
            n,
            cell(why)
        );
    }

    d.push_str(
        "\n## Peer checks left out\n\nConsidered (from `aks-reference.md` §2 and the rules' \
         `[peers]`) but not a correspondence of any akslint rule.\n\n",
    );
    d.push_str("| peer | check | why |\n|---|---|---|\n");
    for &peer in load::PEERS {
        for s in load::left_out(peer) {
            let _ = writeln!(
                d,
                "| {} | {} | {} |",
                load::display_name(peer),
                cell(s.check),
                cell(s.reason)
            );
        }
    }
    d
}
