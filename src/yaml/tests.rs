use super::*;

fn limits() -> YamlLimits {
    YamlLimits::default()
}

#[test]
fn spans_are_bytes_after_multibyte_text() {
    let text = "a: café — über\n---\nb:\n  image: nginx\n";
    let f = parse_file(text, &limits());
    assert_eq!(f.docs.len(), 2);
    let d = f.docs[1].as_ref().unwrap();
    let e = d.entry_at(d.root.unwrap(), &["b", "image"]).unwrap();
    assert_eq!(&text[d.span(e.key).range()], "image");
    assert_eq!(d.str(e.value), Some("nginx"));
}

#[test]
fn a_broken_document_loses_only_itself() {
    let text = "a: 1\n---\nb: [1, 2\n---\nc: 3\n";
    let f = parse_file(text, &limits());
    assert_eq!(f.docs.len(), 3);
    assert!(f.docs[0].is_ok());
    let err = f.docs[1].as_ref().unwrap_err();
    assert_eq!(err.kind, ErrorKind::Syntax);
    assert!(err.offset >= text.find("b:").unwrap());
    let d = f.docs[2].as_ref().unwrap();
    assert_eq!(d.str(d.get(d.root.unwrap(), "c").unwrap()), Some("3"));
}

#[test]
fn deep_block_nesting_hits_the_depth_limit_without_overflow() {
    let text = "- ".repeat(100_000) + "x\n";
    let f = parse_file(&text, &limits());
    let err = f.docs[0].as_ref().unwrap_err();
    assert_eq!(err.kind, ErrorKind::Limit);
}

#[test]
fn deep_flow_nesting_is_an_error_not_a_crash() {
    let text = "a: ".to_string() + &"[".repeat(100_000);
    let f = parse_file(&text, &limits());
    assert!(f.docs[0].is_err());
    let text = "{a: ".repeat(100_000);
    let f = parse_file(&text, &limits());
    assert!(f.docs[0].is_err());
}

#[test]
fn aliases_are_references_and_the_budget_holds() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            [prev.as_str(); 10].join(", ")
        ));
    }
    let small = YamlLimits {
        aliases: 50,
        ..limits()
    };
    let f = parse_file(&text, &small);
    let d = f.docs[0].as_ref().unwrap();
    assert!(d.node_count() < 200);
    // Walking everything reachable spends the budget and then stops.
    let mut stack = vec![d.get(d.root.unwrap(), "a9").unwrap()];
    let mut visited = 0u64;
    while let Some(n) = stack.pop() {
        visited += 1;
        stack.extend(d.seq(n));
        assert!(visited < 10_000);
    }
    assert!(d.alias_budget_exhausted());
}

#[test]
fn duplicate_keys_last_wins_and_are_reported() {
    let text = "spec:\n  hostPID: true\n  hostPID: false\n";
    let f = parse_file(text, &limits());
    let d = f.docs[0].as_ref().unwrap();
    assert_eq!(
        d.bool(d.get_at(d.root.unwrap(), &["spec", "hostPID"]).unwrap()),
        Some(false)
    );
    assert_eq!(f.duplicates.len(), 1);
    assert!(f.duplicates[0].first.start < f.duplicates[0].last.start);
}

#[test]
fn merge_keys_and_yaml11_booleans() {
    let text = "base: &b\n  privileged: yes\n  x: 1\nc:\n  <<: *b\n  x: 2\n";
    let f = parse_file(text, &limits());
    let d = f.docs[0].as_ref().unwrap();
    let c = d.get(d.root.unwrap(), "c").unwrap();
    assert_eq!(d.bool(d.get(c, "privileged").unwrap()), Some(true));
    assert_eq!(d.int(d.get(c, "x").unwrap()), Some(2));
    assert_eq!(d.entries(c).len(), 2);
    let q = parse_file("a: \"true\"\n", &limits());
    let d = q.docs[0].as_ref().unwrap();
    assert_eq!(d.bool(d.get(d.root.unwrap(), "a").unwrap()), None);
}

#[test]
fn complex_keys_are_reported() {
    let f = parse_file("{{ .Values.x }}: 1\n", &limits());
    assert_eq!(f.docs[0].as_ref().unwrap_err().kind, ErrorKind::ComplexKey);
}

#[test]
fn helm_source_and_comments() {
    let text = "---\n# Source: chart/templates/dep.yaml\napiVersion: v1\nkind: Pod # trailing\nmetadata:\n  x: |\n    # not a comment\n";
    let f = parse_file(text, &limits());
    let d = f.docs[0].as_ref().unwrap();
    assert_eq!(d.helm_source.as_deref(), Some("chart/templates/dep.yaml"));
    let c: Vec<&str> = f.comments.iter().map(|c| &text[c.span.range()]).collect();
    assert_eq!(c, vec!["# Source: chart/templates/dep.yaml", "# trailing"]);
}

#[test]
fn block_mapping_spans_cover_their_children() {
    let text = "a:\n  b: 1\n  c: [2]\n";
    let f = parse_file(text, &limits());
    let d = f.docs[0].as_ref().unwrap();
    let a = d.get(d.root.unwrap(), "a").unwrap();
    assert_eq!(&text[d.span(a).range()].trim_end(), &"b: 1\n  c: [2]");
}

#[test]
fn block_collection_spans_end_with_their_last_child() {
    // Not at the next token, past blank lines and comments: a label on `drop` would run on
    // over `runAsNonRoot`.
    let text = "c:
  drop:
  - A
  - [B]

  # x
  runAsNonRoot: true
e:
  - 1
  -

# end
";
    let f = parse_file(text, &limits());
    let d = f.docs[0].as_ref().unwrap();
    let root = d.root.unwrap();
    let c = d.get(root, "c").unwrap();
    let drop = d.get(c, "drop").unwrap();
    assert_eq!(&text[d.span(drop).range()], "A\n  - [B]");
    assert_eq!(
        &text[d.span(c).range()],
        "drop:\n  - A\n  - [B]\n\n  # x\n  runAsNonRoot: true"
    );
    let e = d.get(root, "e").unwrap();
    assert_eq!(&text[d.span(e).range()], "- 1\n  -");
    assert_eq!(d.span(root).end as usize, text.find("\n\n# end").unwrap());
}

#[test]
fn shown_quotes_strings_and_abbreviates_collections() {
    let text = "a: \"false\"\nb: yes\nc: {x: 1}\nd: [1]\n";
    let f = parse_file(text, &limits());
    let doc = f.docs[0].as_ref().unwrap();
    let root = doc.root.unwrap();
    let v = |k| doc.get(root, k).unwrap();
    assert_eq!(doc.shown(v("a")), "\"false\"");
    assert_eq!(doc.shown(v("b")), "yes");
    assert_eq!(doc.shown(v("c")), "{…}");
    assert_eq!(doc.shown(v("d")), "[…]");
}

#[test]
fn quoted_scalar_spans_end_at_the_closing_quote() {
    let text = "a: \"x \\\" y\"   # comment\nb: 'it''s'  # c\n";
    let f = parse_file(text, &limits());
    let d = f.docs[0].as_ref().unwrap();
    let root = d.root.unwrap();
    assert_eq!(
        &text[d.span(d.get(root, "a").unwrap()).range()],
        "\"x \\\" y\""
    );
    assert_eq!(&text[d.span(d.get(root, "b").unwrap()).range()], "'it''s'");
    assert_eq!(d.str(d.get(root, "b").unwrap()), Some("it's"));
}

#[test]
fn block_scalar_spans_end_with_their_last_content_line() {
    let text = "a: |\n  one\n  two\n\n\n# c\nb: >-\n  x\n   # not a comment\n  \nc: |+\n  kept\n\nd: |\n\ne: 1\n";
    let f = parse_file(text, &limits());
    let d = f.docs[0].as_ref().unwrap();
    let root = d.root.unwrap();
    let span = |k| &text[d.span(d.get(root, k).unwrap()).range()];
    // The span starts with the content (saphyr's), after the header line.
    assert_eq!(span("a"), "one\n  two");
    assert_eq!(d.str(d.get(root, "a").unwrap()), Some("one\ntwo\n"));
    assert_eq!(span("b"), "x\n   # not a comment");
    assert_eq!(span("c"), "kept");
    // Without content, at the end of the header line rather than on the next key's.
    assert_eq!(span("d"), "");
    assert_eq!(
        d.span(d.get(root, "d").unwrap()).start as usize,
        text.find("d: |").unwrap() + 4
    );
    assert_eq!(d.str(d.get(root, "d").unwrap()), Some(""));
    assert_eq!(span("e"), "1");
}

#[test]
fn flow_collection_spans_end_at_their_bracket() {
    // Not over the comment after it.
    let text = "a: {x: [1, 2]  }  # c\nb: [1,\n  2]\n   # d\nc: {}  # e\n";
    let f = parse_file(text, &limits());
    let d = f.docs[0].as_ref().unwrap();
    let root = d.root.unwrap();
    let span = |k| &text[d.span(d.get(root, k).unwrap()).range()];
    assert_eq!(span("a"), "{x: [1, 2]  }");
    assert_eq!(span("b"), "[1,\n  2]");
    assert_eq!(span("c"), "{}");
}
