//! Reading plans: the fixture's shape, unknowns, the views rules read, and every way a plan
//! can be wrong.

use super::*;
use crate::terraform::{Lit, Resource, Scope};

fn fixture() -> Plan {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tf/plan/remote-modules/plan.json");
    let text = std::fs::read_to_string(&path).unwrap();
    Plan::load(&path, "plan.json", text.into())
}

fn load(text: &str) -> Plan {
    Plan::load(Path::new("p/plan.json"), "p/plan.json", text.into())
}

/// A plan of one resource, with its values and `after_unknown`.
fn one(kind: &str, values: &str, unknown: &str) -> String {
    format!(
        r#"{{"format_version":"1.2","planned_values":{{"root_module":{{"resources":[
        {{"address":"{kind}.x","mode":"managed","type":"{kind}","name":"x","values":{values}}}]}}}},
        "resource_changes":[{{"address":"{kind}.x","change":{{"actions":["create"],"after_unknown":{unknown}}}}}]}}"#
    )
}

#[test]
fn the_fixture_is_read_whole() {
    let plan = fixture();
    assert_eq!(plan.problems, []);
    let addresses: Vec<&str> = plan.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addresses,
        [
            "azurerm_key_vault.kv",
            "azurerm_monitor_diagnostic_setting.aks",
            "module.aks.azurerm_kubernetes_cluster.main",
            r#"module.avm.azapi_resource.diagnostic_settings["aks"]"#,
            "module.avm.azapi_resource.this",
        ]
    );
    // Six managed resources planned (the workspace is not judged), no data source.
    assert_eq!(plan.objects, 6);
    // `~> 4.0`, `>= 4.0.0, < 5.0.0` and the v4/v5 spellings written.
    assert_eq!(plan.majors(), Majors::only(4));
    let clusters: Vec<&str> = plan.clusters.iter().map(|c| c.address.as_str()).collect();
    assert_eq!(
        clusters,
        [
            "module.aks.azurerm_kubernetes_cluster.main",
            "module.avm.azapi_resource.this"
        ]
    );
    let avm = &plan.resources[4];
    assert_eq!(avm.prefix, "module.avm.");
    assert_eq!(avm.local, "azapi_resource.this");
    assert_eq!(avm.azure, AzureKind::Cluster);
    let arm = avm.arm.as_ref().unwrap();
    assert!(!arm.partial);
    assert_eq!(&*arm.versions[0], "2025-10-01");
    // Left out of the values, marked in `after_unknown`: unknown, not absent.
    let oms = azapi::lookup(
        &arm.body,
        "properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID",
    );
    assert!(matches!(oms, azapi::Found::Value(v) if v.value.is_unknown()));
    let diag = &plan.resources[3];
    assert_eq!(diag.local, r#"azapi_resource.diagnostic_settings["aks"]"#);
    assert_eq!(diag.name, "diagnostic_settings");
}

/// What the rules read: a key's span is the `"key": value` member, a block a list's object,
/// `null` absent, an unknown attribute unknown (never missing), a block name no attribute.
#[test]
fn the_views_read_the_values() {
    let plan = fixture();
    let scope = Scope::new(&plan.module);
    let r = &plan.resources[2];
    let res = Resource::from_plan(&scope, &plan, r);
    assert_eq!(res.address, "azurerm_kubernetes_cluster.main");
    assert_eq!(res.kind, "azurerm_kubernetes_cluster");
    assert_eq!(
        &plan.text[res.span().range()],
        r#""address": "module.aks.azurerm_kubernetes_cluster.main""#
    );
    let a = res.attr("local_account_disabled").unwrap();
    assert_eq!(
        &plan.text[a.span.range()],
        r#""local_account_disabled": false"#
    );
    assert_eq!(
        &plan.text[a.key_span.range()],
        r#""local_account_disabled""#
    );
    assert_eq!(&plan.text[a.value_span.range()], "false");
    assert!(matches!(a.value, Value::Known(Lit::Bool(false))));
    assert!(
        res.attr("disk_encryption_set_id")
            .unwrap()
            .value
            .is_absent()
    );
    assert!(res.attr("kube_config_raw").unwrap().value.is_unknown());
    assert!(res.attr("no_such_attribute").is_none());
    assert!(
        res.attr("network_profile").is_none(),
        "a block is no attribute"
    );
    let np = res.blocks("network_profile");
    assert_eq!(np.len(), 1);
    assert_eq!(np[0].presence, Presence::KnownNonEmpty);
    assert!(np[0].attr("network_policy").unwrap().value.is_unknown());
    assert_eq!(
        np[0].attr("network_plugin").unwrap().value.as_str(),
        Some("azure")
    );
    assert!(res.blocks("api_server_access_profile").is_empty());
    assert!(res.blocks("no_such_block").is_empty());
    // The azapi cluster: arguments from the values, properties through the azurerm names.
    let avm = Resource::from_plan(&scope, &plan, &plan.resources[4]);
    assert_eq!(
        avm.argument("parent_id").unwrap().value.as_str(),
        Some("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-plan-demo")
    );
    assert_eq!(
        avm.attr("local_account_disabled").unwrap().value.as_bool(),
        Some(false)
    );
    assert!(avm.attr("local_account_disabled").unwrap().arm.is_some());
}

use crate::terraform::Presence;

#[test]
fn unknown_values_and_null_blocks() {
    let plan = load(&one(
        "azurerm_kubernetes_cluster",
        r#"{"sku_tier":"Free","network_profile":null,"default_node_pool":[{"name":"a"}]}"#,
        r#"{"network_profile":true,"local_account_disabled":true,"default_node_pool":[{"zones":true}]}"#,
    ));
    assert_eq!(plan.problems, []);
    let scope = Scope::new(&plan.module);
    let res = Resource::from_plan(&scope, &plan, &plan.resources[0]);
    let np = res.blocks("network_profile");
    assert_eq!(np.len(), 1);
    assert_eq!(np[0].presence, Presence::Unknown);
    assert!(
        res.attr("local_account_disabled")
            .unwrap()
            .value
            .is_unknown()
    );
    assert!(
        res.blocks("default_node_pool")[0]
            .attr("zones")
            .unwrap()
            .value
            .is_unknown()
    );
    // Values left out: the resource is unknown whole.
    let plan = load(
        r#"{"format_version":"1.2","planned_values":{"root_module":{"resources":[
        {"address":"azurerm_kubernetes_cluster.x","mode":"managed","type":"azurerm_kubernetes_cluster","name":"x"}]}}}"#,
    );
    let scope = Scope::new(&plan.module);
    let res = Resource::from_plan(&scope, &plan, &plan.resources[0]);
    assert!(res.attr("sku_tier").unwrap().value.is_unknown());
    assert_eq!(
        res.blocks("default_node_pool")[0].presence,
        Presence::Unknown
    );
}

#[test]
fn azapi_v1_bodies_are_json_text() {
    let body = r#""{\"properties\":{\"disableLocalAccounts\":false}}""#;
    let values = format!(
        r#"{{"type":"Microsoft.ContainerService/managedClusters@2023-01-01","body":{body}}}"#
    );
    let plan = load(&one("azapi_resource", &values, "{}"));
    let arm = plan.resources[0].arm.as_ref().unwrap();
    assert!(matches!(
        azapi::lookup(&arm.body, "properties.disableLocalAccounts"),
        azapi::Found::Value(v) if v.value.as_bool() == Some(false)
    ));
    // Unknown in part: unknown whole (Terraform cannot write part of a string).
    let plan = load(&one("azapi_resource", &values, r#"{"body":true}"#));
    assert!(
        plan.resources[0]
            .arm
            .as_ref()
            .unwrap()
            .body
            .value
            .is_unknown()
    );
    // Not a kind akslint judges, or a type it cannot read: not built.
    let other = r#"{"type":"Microsoft.Network/virtualNetworks@2023-01-01","body":{}}"#;
    assert!(
        load(&one("azapi_resource", other, "{}"))
            .resources
            .is_empty()
    );
}

#[test]
fn data_sources_and_other_types_are_not_built() {
    let text = r#"{"format_version":"1.2","planned_values":{"root_module":{"resources":[
      {"address":"data.azurerm_kubernetes_cluster.x","mode":"data","type":"azurerm_kubernetes_cluster","name":"x","values":{}},
      {"address":"azurerm_resource_group.rg","mode":"managed","type":"azurerm_resource_group","name":"rg","values":{}}]}}}"#;
    let plan = load(text);
    assert!(plan.resources.is_empty());
    assert_eq!(plan.objects, 1);
}

#[test]
fn child_modules_nest_with_instance_keys() {
    let text = r#"{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[
      {"address":"module.env[\"eu\"]","child_modules":[
        {"address":"module.env[\"eu\"].module.aks[0]","resources":[
          {"address":"module.env[\"eu\"].module.aks[0].azurerm_kubernetes_cluster.c[\"a\"]","mode":"managed",
           "type":"azurerm_kubernetes_cluster","name":"c","index":"a","values":{}}]}]}]}}}"#;
    let plan = load(text);
    assert_eq!(plan.problems, []);
    let r = &plan.resources[0];
    assert_eq!(r.prefix, r#"module.env["eu"].module.aks[0]."#);
    assert_eq!(r.local, r#"azurerm_kubernetes_cluster.c["a"]"#);
    assert_eq!(plan.clusters[0].key.as_deref(), Some(r#""a""#));
}

/// Each problem: its kind, and where (as text at the offset).
fn problems(text: &str) -> Vec<(ProblemKind, Option<String>, String)> {
    load(text)
        .problems
        .into_iter()
        .map(|p| {
            let at = p
                .span
                .map(|s| text[s.start as usize..].chars().take(12).collect());
            (p.kind, at, p.message)
        })
        .collect()
}

#[test]
fn problems_say_what_and_where() {
    let syntax = problems(r#"{"format_version":"1.2","planned_values":{"root_module":{]}}"#);
    assert_eq!(syntax.len(), 1);
    assert_eq!(syntax[0].0, ProblemKind::Syntax);
    assert_eq!(syntax[0].1.as_deref(), Some("]}}"));
    assert!(syntax[0].2.contains("expected a string key"), "{syntax:?}");

    let deep = format!(
        r#"{{"format_version":"1.2","planned_values":{}{}}}"#,
        "[".repeat(300),
        "]".repeat(300)
    );
    assert_eq!(problems(&deep)[0].0, ProblemKind::Depth);

    let shape = problems(r#"{"format_version":"1.2","planned_values":"none"}"#);
    assert_eq!(shape[0].0, ProblemKind::Shape);
    assert_eq!(shape[0].1.as_deref(), Some(r#""none"}"#));
    assert!(
        shape[0]
            .2
            .contains("`planned_values` is a string, an object expected"),
        "{shape:?}"
    );

    let version = problems(r#"{"format_version":"2.0","planned_values":{}}"#);
    assert!(
        version[0].2.contains("plan format `\"2.0\"` is not read"),
        "{version:?}"
    );

    let resources = problems(
        r#"{"format_version":"1.2","planned_values":{"root_module":{"resources":[7,
        {"type":"azurerm_key_vault"},
        {"address":"module.x.azurerm_key_vault.v","mode":"managed","type":"azurerm_key_vault","name":"v"}],
        "child_modules":[{"resources":[]}]}}}"#,
    );
    let what: Vec<&str> = resources.iter().map(|p| p.2.as_str()).collect();
    assert_eq!(resources.len(), 4, "{what:?}");
    assert!(what[0].contains("`planned_values.root_module.resources[]` is a number"));
    assert!(what[1].contains("without a string `address` and `type`"));
    assert!(what[2].contains("is listed under planned_values.root_module"));
    assert!(what[3].contains("without the `address` of a module"));
    assert!(resources.iter().all(|p| p.0 == ProblemKind::Shape));
    // Shape problems cost only their part; syntax and limits the whole plan.
    assert!(!unread(
        &load(r#"{"format_version":"1.2","planned_values":"x"}"#).problems
    ));
    assert!(unread(&load("{").problems));
}

#[test]
fn caps_are_problems_and_unknowns() {
    let many = format!("[{}1]", "1,".repeat(crate::terraform::budget::MAX_ELEMENTS));
    let plan = load(&one(
        "azurerm_kubernetes_cluster",
        &format!(r#"{{"tags":{many},"sku_tier":"Free"}}"#),
        "{}",
    ));
    assert_eq!(plan.problems.len(), 1);
    assert_eq!(plan.problems[0].kind, ProblemKind::Capped(Cap::Elements));
    assert!(
        plan.resources[0]
            .values
            .value
            .get("tags")
            .unwrap()
            .value
            .is_unknown()
    );
    assert_eq!(
        plan.resources[0]
            .values
            .value
            .get("sku_tier")
            .unwrap()
            .value
            .as_str(),
        Some("Free")
    );
}

#[test]
fn not_utf8_is_a_syntax_problem_at_its_byte() {
    let (kept, e) = text(b"{\"a\": \"\xff\"}".to_vec());
    let e = e.unwrap();
    assert_eq!(kept, "{\"a\": \"?\"}");
    assert_eq!(e.kind, ProblemKind::Syntax);
    assert_eq!(e.span, Some(Span::new(7, 7)));
}

/// Every truncation of the fixture, and every byte of a small plan replaced, is read without a
/// panic, and every problem lies on a character boundary of its text.
#[test]
fn broken_plans_never_panic() {
    let full = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tf/plan/remote-modules/plan.json"),
    )
    .unwrap();
    let check = |text: &str| {
        let plan = load(text);
        for p in &plan.problems {
            if let Some(s) = p.span {
                assert!(text.is_char_boundary(s.start as usize) && s.end as usize <= text.len());
            }
        }
        let scope = Scope::new(&plan.module);
        for r in &plan.resources {
            let res = Resource::from_plan(&scope, &plan, r);
            let _ = res.attr("local_account_disabled");
            let _ = res.blocks("default_node_pool");
        }
    };
    for n in (0..full.len()).step_by(97) {
        if full.is_char_boundary(n) {
            check(&full[..n]);
        }
    }
    let small = one(
        "azurerm_kubernetes_cluster",
        r#"{"a":[1,{"b":null}],"c":"é"}"#,
        r#"{"a":[false,{"b":true}]}"#,
    );
    for (i, _) in small.char_indices() {
        for with in ["", "\"", "{", "]", "0"] {
            let mut t = small.clone();
            t.replace_range(i..i + small[i..].chars().next().unwrap().len_utf8(), with);
            check(&t);
        }
    }
}

/// Past [`MAX_RESOURCES`] judged resources, the rest is not judged (one problem, at the first).
#[test]
fn judged_resources_are_capped() {
    let item = |i: usize| {
        format!(
            r#"{{"address":"azurerm_key_vault.v{i}","mode":"managed","type":"azurerm_key_vault","name":"v{i}","values":{{}}}}"#
        )
    };
    let other = r#"{"address":"azurerm_resource_group.rg","mode":"managed","type":"azurerm_resource_group","name":"rg","values":{}}"#;
    let mut items: Vec<String> = (0..MAX_RESOURCES + 2).map(item).collect();
    items.insert(MAX_RESOURCES, other.to_string());
    let text = format!(
        r#"{{"format_version":"1.2","planned_values":{{"root_module":{{"resources":[{}]}}}}}}"#,
        items.join(",")
    );
    let plan = load(&text);
    assert_eq!(plan.resources.len(), MAX_RESOURCES);
    assert_eq!(plan.objects, MAX_RESOURCES + 3);
    assert_eq!(plan.problems.len(), 1);
    assert_eq!(plan.problems[0].kind, ProblemKind::Resources);
    let at = plan.problems[0].span.unwrap();
    assert_eq!(
        &text[at.range()],
        format!(r#""address":"azurerm_key_vault.v{MAX_RESOURCES}""#)
    );
    assert!(!unread(&plan.problems));
}

/// Past [`MAX_VALUES`] values built, the rest of the plan's resources is not judged.
#[test]
fn values_built_are_capped() {
    let tags = format!("[{}0]", "0,".repeat(9_000));
    let n = MAX_VALUES / 9_000 + 2;
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"address":"azurerm_key_vault.v{i}","mode":"managed","type":"azurerm_key_vault","name":"v{i}","values":{{"tags":{tags}}}}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"format_version":"1.2","planned_values":{{"root_module":{{"resources":[{}]}}}}}}"#,
        items.join(",")
    );
    let plan = load(&text);
    assert!(plan.resources.len() < n && plan.resources.len() > n - 4);
    assert_eq!(plan.problems.len(), 1);
    assert_eq!(plan.problems[0].kind, ProblemKind::Resources);
}

/// Bytes that are no text: a NUL near the start is a binary file (no text kept, no span into
/// it); a byte that is not UTF-8 is AKS001 at it, the text kept with `?` in its place so that
/// the span points into what is kept (fuzzing found both).
#[test]
fn binary_and_non_utf8_plans() {
    let mut bytes = one("azurerm_kubernetes_cluster", "{}", "{}").into_bytes();
    let (kept, problem) = text(bytes.clone());
    assert!(problem.is_none());
    assert_eq!(kept.as_bytes(), &bytes[..]);
    bytes[40] = 0;
    let (kept, problem) = text(bytes.clone());
    let problem = problem.unwrap();
    assert_eq!(
        (kept.as_str(), problem.kind, problem.span),
        ("", ProblemKind::Unreadable, None)
    );
    bytes[40] = 0xff;
    let (kept, problem) = text(bytes.clone());
    let problem = problem.unwrap();
    assert_eq!(problem.kind, ProblemKind::Syntax);
    assert_eq!(problem.span, Some(Span::new(40, 40)));
    assert_eq!(kept.len(), bytes.len());
    assert_eq!(&kept[40..41], "?");
}
