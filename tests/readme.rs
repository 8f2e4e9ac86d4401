//! The README's rule table is generated from `rules/` and must stay fresh.

use std::path::Path;

fn table() -> String {
    let mut t = String::from("| ID | name | severity | layer | what |\n|---|---|---|---|---|\n");
    for r in akslint::rules::all() {
        let m = r.meta();
        t.push_str(&format!(
            "| [{}](rules/{}.md) | `{}` | {} | {} | {} |\n",
            m.id,
            m.id,
            m.name,
            m.severity.as_str(),
            m.layer,
            m.summary.replace('|', "\\|")
        ));
    }
    t
}

#[test]
fn readme_rule_table_is_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme.find(start).expect("start marker") + start.len();
    let b = readme.find(end).expect("end marker");
    let fresh = table();
    if std::env::var_os("AKSLINT_BLESS").is_some() {
        std::fs::write(&path, format!("{}{}{}", &readme[..a], fresh, &readme[b..])).unwrap();
        return;
    }
    assert_eq!(
        &readme[a..b],
        fresh,
        "the README's rule table is stale: run `AKSLINT_BLESS=1 cargo test --test readme`"
    );
}
