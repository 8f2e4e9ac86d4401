//! JSON syntax read in place.

use super::to_hcl;
use crate::terraform::parse::{ParseErrorKind, TfLimits, parse_file};
use crate::terraform::tests::module;
use crate::terraform::{Scope, Value};

const CONFIG: &str = r#"{
  "//": "a comment",
  "variable": {
    "local": {
      "default": false
    }
  },
  "locals": {
    "tier": "Free"
  },
  "resource": {
    "azurerm_kubernetes_cluster": {
      "main": {
        "name": "aks",
        "local_account_disabled": "${var.local}",
        "sku_tier": "${local.tier}",
        "tags": { "env": "prod" },
        "network_profile": {
          "network_plugin": "kubenet"
        },
        "default_node_pool": [
          {
            "name": "a"
          },
          {
            "name": "b"
          }
        ],
        "dynamic": {
          "oms_agent": {
            "for_each": [],
            "content": {
              "log_analytics_workspace_id": "x"
            }
          }
        }
      },
      "second": {
        "name": "aks2"
      }
    }
  },
  "output": {
    "id": {
      "value": "${azurerm_kubernetes_cluster.main.id}"
    }
  }
}
"#;

#[test]
fn the_rewrite_keeps_every_byte_where_it_was() {
    let (hcl, _) = to_hcl(CONFIG, false).unwrap();
    assert_eq!(hcl.len(), CONFIG.len());
    let at = |s: &str| CONFIG.find(s).unwrap();
    let value = at("\"${var.local}\"");
    assert_eq!(&hcl[value..value + 14], "\"${var.local}\"");
}

#[test]
fn configurations_read_as_their_hcl_would() {
    let m = module(&[("main.tf.json", CONFIG)]);
    assert!(m.errors().next().is_none(), "{:?}", m.errors().next());
    let scope = Scope::new(&m);
    let rs = scope.resources();
    let names: Vec<&str> = rs.iter().map(|r| r.name).collect();
    assert_eq!(names, ["main", "second"]);
    let main = &rs[0];
    assert_eq!(main.kind, "azurerm_kubernetes_cluster");
    let a = main.attr("local_account_disabled").unwrap();
    assert_eq!(a.value.as_bool(), Some(false), "through the variable");
    assert_eq!(&CONFIG[a.origin.span.range()], "false");
    assert_eq!(&CONFIG[a.key_span.range()], "local_account_disabled");
    assert_eq!(main.attr("sku_tier").unwrap().value.as_str(), Some("Free"));
    assert!(main.attr("tags").unwrap().value.get("env").is_some());
    let np = &main.blocks("network_profile")[0];
    assert_eq!(&CONFIG[np.span().range()], "network_profile");
    assert_eq!(
        np.attr("network_plugin").unwrap().value.as_str(),
        Some("kubenet")
    );
    assert_eq!(main.blocks("default_node_pool").len(), 2);
    let oms = &main.blocks("oms_agent")[0];
    assert!(oms.dynamic);
    assert_eq!(oms.presence, crate::terraform::Presence::KnownEmpty);
    // The resource's header is its name, on the line of `"main": {`.
    assert_eq!(&CONFIG[main.span().range()], "\"main\"");
    assert_eq!(scope.outputs().len(), 1);
    assert!(matches!(
        scope.outputs()[0].attr("value").unwrap().value,
        Value::Ref(_)
    ));
}

#[test]
fn variable_files() {
    let vars = "{\n  \"local\": true,\n  \"//\": \"why\",\n  \"tier\": \"Standard\"\n}\n";
    let m = module(&[("main.tf.json", CONFIG), ("terraform.tfvars.json", vars)]);
    assert!(m.errors().next().is_none(), "{:?}", m.errors().next());
    let scope = Scope::new(&m);
    let a = scope.resources()[0].attr("local_account_disabled").unwrap();
    assert_eq!(a.value.as_bool(), Some(true));
    assert_eq!(&*a.origin.file, "terraform.tfvars.json");
    assert_eq!(&vars[a.origin.span.range()], "true");
}

#[test]
fn what_cannot_be_read_is_a_syntax_error_with_an_offset() {
    let limits = TfLimits::default();
    for (text, at) in [
        ("{\"resource\": ", 13),
        ("[1, 2]", 0),
        (
            "{\"resource\":{\"t\":{\"a\":{\"x\":1}},\"u\":{\"b\":{\"y\":2}}}}",
            0,
        ),
        ("{\"a\": tru}", 6),
    ] {
        let e = parse_file("main.tf.json", text, &limits).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Syntax, "{text}");
        if at > 0 {
            assert_eq!(e.offset, at, "{text}: {}", e.message);
        }
    }
    let deep = format!(
        "{{\"locals\": {{\"x\": {}1{}}}}}",
        "[".repeat(100),
        "]".repeat(100)
    );
    assert_eq!(
        parse_file("main.tf.json", &deep, &limits).unwrap_err().kind,
        ParseErrorKind::Syntax
    );
}

/// Every span of a body read from JSON lies on characters of the JSON text.
fn spans_on_characters(body: &hcl_edit::structure::Body, text: &str) {
    use hcl_edit::Span;
    let ok = |r: Option<std::ops::Range<usize>>| {
        if let Some(r) = r {
            assert!(r.start <= r.end && r.end <= text.len(), "{r:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
    };
    for a in body.attributes() {
        ok(a.span());
        ok(a.key.span());
        ok(a.value.span());
    }
    for b in body.blocks() {
        ok(b.span());
        ok(b.ident.span());
        b.labels.iter().for_each(|l| ok(l.span()));
        spans_on_characters(&b.body, text);
    }
}

#[test]
fn damaged_json_never_panics_and_spans_stay_on_characters() {
    let limits = TfLimits::default();
    let check = |text: &str| match parse_file("main.tf.json", text, &limits) {
        Ok(body) => spans_on_characters(&body, text),
        Err(e) => assert!(text.is_char_boundary(e.offset), "{e:?}"),
    };
    let wide = CONFIG
        .replace("a comment", "ünïcödé ✓ comment")
        .replace("    \"", "é   \"");
    for base in [CONFIG, wide.as_str()] {
        for (i, _) in base.char_indices() {
            check(&base[..i]);
            let mut cut = base.to_string();
            cut.remove(i);
            check(&cut);
            let mut noisy = base.to_string();
            noisy.insert(i, 'é');
            check(&noisy);
        }
    }
}
