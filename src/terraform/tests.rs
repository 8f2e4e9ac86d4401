//! Evaluation and resource views over small modules.

use super::*;
use std::path::{Path, PathBuf};

pub(crate) fn module(files: &[(&str, &str)]) -> Module {
    let texts = files
        .iter()
        .map(|(n, t)| {
            let kind = module::classify(n).unwrap_or(SourceKind::VarFile);
            (PathBuf::from(n), kind, t.to_string())
        })
        .collect();
    Module::from_texts(Path::new("."), texts, &TfLimits::default())
}

/// Evaluates `expr` as the value of a local `probe` added to `main.tf`.
fn probe(files: &[(&str, &str)], expr: &str) -> Evaluated {
    let main = format!(
        "{}\nlocals {{\n  probe = {expr}\n}}\n",
        files
            .iter()
            .find(|(n, _)| *n == "main.tf")
            .map_or("", |(_, t)| *t)
    );
    let mut all: Vec<(&str, &str)> = files
        .iter()
        .filter(|(n, _)| *n != "main.tf")
        .copied()
        .collect();
    all.insert(0, ("main.tf", &main));
    let m = module(&all);
    assert!(m.errors().next().is_none(), "{:?}", m.errors().next());
    let scope = Scope::new(&m);
    scope.local("probe").unwrap()
}

fn show(v: &Value) -> String {
    match v {
        Value::Known(Lit::Bool(b)) => b.to_string(),
        Value::Known(Lit::Number(n)) => value::number_text(*n),
        Value::Known(Lit::String(s)) => format!("{s:?}"),
        Value::Known(Lit::List(l)) => format!(
            "[{}]",
            l.iter()
                .map(|e| show(&e.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Known(Lit::Object(o)) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, e)| format!("{k}={}", show(&e.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Ref(r) => format!("ref({r})"),
        Value::Unknown => "unknown".into(),
        Value::Absent => "absent".into(),
    }
}

fn p(expr: &str) -> String {
    show(&probe(&[], expr).value)
}

#[test]
fn literals_and_operators() {
    assert_eq!(p("null"), "absent");
    assert_eq!(p("[1, \"a\", true, null]"), "[1, \"a\", true, absent]");
    assert_eq!(p("{ a = 1, \"b\" = 2 }"), "{a=1, b=2}");
    assert_eq!(p("!true"), "false");
    assert_eq!(p("1 + 2 * 3"), "7");
    assert_eq!(p("1 / 0"), "unknown");
    assert_eq!(p("\"a\" == \"a\" && 2 > 1"), "true");
    assert_eq!(p("false && var.nope"), "false");
    assert_eq!(p("true || var.nope"), "true");
    assert_eq!(p("true && var.nope"), "unknown");
    assert_eq!(p("null == null"), "true");
    assert_eq!(p("1 == \"1\""), "false");
    assert_eq!(p("-(3)"), "-3");
    assert_eq!(p("[for x in [1] : x]"), "[1]");
    assert_eq!(p("[1, 2][5]"), "unknown");
    assert_eq!(p("{a = {b = \"c\"}}.a.b"), "\"c\"");
    assert_eq!(p("{a = 1}[\"a\"]"), "1");
    assert_eq!(p("[[1, 2]][0][1]"), "2");
    assert_eq!(p("[{a = 1}][*].a"), "[1]");
}

#[test]
fn templates() {
    assert_eq!(p("\"x-${1}-${true}\""), "\"x-1-true\"");
    assert_eq!(p("\"${true}\""), "true");
    assert_eq!(p("\"a${var.nope}\""), "unknown");
    assert_eq!(p("\"%{if true}x%{endif}\""), "unknown");
    assert_eq!(p("<<EOT\nhello ${\"w\"}\nEOT\n"), "\"hello w\\n\"");
    assert_eq!(p("\"${null}\" == null"), "true");
    assert_eq!(p("\"a${null}\""), "unknown");
}

#[test]
fn functions() {
    assert_eq!(p("lower(\"AbC\")"), "\"abc\"");
    assert_eq!(p("upper(\"a\")"), "\"A\"");
    assert_eq!(p("length([1, var.nope])"), "2");
    assert_eq!(p("length(\"héllo\")"), "5");
    assert_eq!(p("contains([\"a\", \"b\"], \"b\")"), "true");
    assert_eq!(p("contains([\"a\", var.nope], \"b\")"), "unknown");
    assert_eq!(p("contains([\"a\", var.nope], \"a\")"), "true");
    assert_eq!(p("coalesce(null, \"\", \"x\")"), "\"x\"");
    assert_eq!(p("coalesce(null, var.nope, \"x\")"), "unknown");
    assert_eq!(p("try({a = 1}.a.b, \"fallback\")"), "\"fallback\"");
    assert_eq!(p("try([1][3], 2)"), "2");
    assert_eq!(p("try(var.nope, 2)"), "unknown");
    assert_eq!(p("can([1][3])"), "false");
    assert_eq!(p("lookup({a = 1}, \"b\", 3)"), "3");
    assert_eq!(p("lookup({a = 1}, \"a\", 3)"), "1");
    assert_eq!(p("tobool(\"true\")"), "true");
    assert_eq!(p("tostring(5)"), "\"5\"");
    assert_eq!(p("tolist([1])"), "[1]");
    assert_eq!(p("toset([\"a\", \"b\", \"a\"])"), "[\"a\", \"b\"]");
    assert_eq!(p("toset([\"a\", var.nope])"), "unknown");
    assert_eq!(p("merge({a = 1, b = 2}, null, {a = 3})"), "{b=2, a=3}");
    assert_eq!(p("merge({a = 1}, var.nope)"), "unknown");
    assert_eq!(p("merge({a = 1}, {b = var.nope}).a"), "1");
    assert_eq!(p("concat([1], [var.nope, 2])"), "[1, unknown, 2]");
    assert_eq!(p("concat([1], 2)"), "unknown");
    assert_eq!(p("format(\"%s\", \"a\")"), "unknown");
    assert_eq!(p("provider::x::f(1)"), "unknown");
}

#[test]
fn for_expressions() {
    assert_eq!(p("[for x in [1, 2] : x * 2]"), "[2, 4]");
    assert_eq!(p("[for i, x in [\"a\", \"b\"] : i]"), "[0, 1]");
    assert_eq!(p("{for k, v in {b = 1, a = 2} : k => v + 1}"), "{a=3, b=2}");
    assert_eq!(p("[for k, v in {b = 1, a = 2} : k]"), "[\"a\", \"b\"]");
    assert_eq!(
        p("{for k, v in {a = 1, b = null} : k => v if v != null}"),
        "{a=1}"
    );
    assert_eq!(p("[for x in [1, 2] : x if x > 1]"), "[2]");
    // A condition that cannot be known: a list is unknown, an object keeps the entry unknown.
    assert_eq!(p("[for x in [1, var.nope] : x if x != null]"), "unknown");
    assert_eq!(
        p("{for k, v in {a = 1, b = var.nope} : k => v if v != null}"),
        "{a=1, b=unknown}"
    );
    // Such an entry may not be there: the object's length is unknown (and so, with it, the
    // length of any object with a wholly unknown entry); a known one is counted.
    let filtered = "{for k, v in {a = 1, b = var.nope} : k => v if v != null}";
    assert_eq!(p(&format!("length({filtered})")), "unknown");
    assert_eq!(p("length({a = var.nope})"), "unknown");
    assert_eq!(p("length({a = {b = var.nope}, c = 1})"), "2");
    assert_eq!(
        p("length({for k, v in {a = 1, b = 2} : k => v if v > 1})"),
        "1"
    );
    assert_eq!(p("[for x in var.nope : x]"), "unknown");
    assert_eq!(p("{for x in [\"a\", \"a\"] : x => 1}"), "unknown");
    assert_eq!(p("{for x in [\"a\", \"a\"] : x => 1...}"), "unknown");
    assert_eq!(p("[for x in null : x]"), "unknown");
    assert_eq!(p("false && null.x"), "false");
    assert_eq!(p("var.nope != null && var.nope.name == \"x\""), "unknown");
}

#[test]
fn functions_for_request_bodies() {
    assert_eq!(p("join(\"|\", [\"a\", \"b\"], [1])"), "\"a|b|1\"");
    assert_eq!(p("join(\",\", [var.nope])"), "unknown");
    assert_eq!(p("can(regex(\"^(.*)$\", \"anything\"))"), "true");
    assert_eq!(p("can(regex(\"^(a|b)$\", \"c\"))"), "false");
    assert_eq!(p("regex(\"[0-9]+\", \"ab12c\")"), "\"12\"");
    assert_eq!(p("regex(\"(a)(b)\", \"xab\")"), "[\"a\", \"b\"]");
    assert_eq!(p("regex(\"(?P<x>a)\", \"a\")"), "{x=\"a\"}");
    assert_eq!(p("can(regex(\"(\", \"a\"))"), "false");
    assert_eq!(p("regex(var.nope, \"a\")"), "unknown");
    assert_eq!(p("tomap({a = true, b = \"x\"})"), "{a=\"true\", b=\"x\"}");
    assert_eq!(p("tomap({a = true})"), "{a=true}");
    assert_eq!(
        p("jsonencode({b = [1, null], a = \"x\"})"),
        "\"{\\\"a\\\":\\\"x\\\",\\\"b\\\":[1,null]}\""
    );
    assert_eq!(p("jsonencode({a = var.nope})"), "unknown");
    assert_eq!(p("jsondecode(\"{\\\"a\\\": [true]}\").a[0]"), "true");
    assert_eq!(p("jsondecode(\"nope\")"), "unknown");
}

#[test]
fn conditionals() {
    assert_eq!(p("true ? \"a\" : \"b\""), "\"a\"");
    assert_eq!(p("var.nope ? \"a\" : \"b\""), "unknown");
    assert_eq!(p("var.nope ? \"a\" : \"a\""), "\"a\"");
    assert_eq!(p("\"false\" ? 1 : 2"), "2");
    assert_eq!(p("null ? 1 : 2"), "unknown");
}

#[test]
fn variables_tfvars_and_var_files() {
    let files: &[(&str, &str)] = &[
        (
            "variables.tf",
            r#"
variable "no_default" {}
variable "null_default" { default = null }
variable "d" { default = "from-default" }
variable "t" { default = "from-default" }
variable "auto" { default = 1 }
variable "flag" {
  type    = bool
  default = "true"
}
variable "obj" {
  default = { enabled = false, inner = { x = 1 } }
}
"#,
        ),
        (
            "terraform.tfvars",
            "t = \"from-tfvars\"\nauto = 2\nundeclared = 1\n",
        ),
        ("a.auto.tfvars", "auto = 3\n"),
        ("b.auto.tfvars", "auto = 4\n"),
    ];
    let pv = |e: &str| show(&probe(files, e).value);
    assert_eq!(pv("var.no_default"), "unknown");
    assert_eq!(pv("var.null_default"), "absent");
    assert_eq!(pv("var.d"), "\"from-default\"");
    assert_eq!(pv("var.t"), "\"from-tfvars\"");
    assert_eq!(pv("var.auto"), "4");
    assert_eq!(pv("var.flag"), "true");
    assert_eq!(pv("var.undeclared"), "unknown");
    assert_eq!(pv("var.obj.enabled"), "false");
    assert_eq!(pv("var.obj.inner.x"), "1");
    assert_eq!(pv("var.obj.missing"), "unknown");
    assert_eq!(pv("var.null_default.x"), "unknown");
    assert_eq!(pv("try(var.null_default.x, \"fb\")"), "\"fb\"");
    // A var-file given by the caller wins over the directory's tfvars.
    let mut with_file = files.to_vec();
    with_file.push(("prod.tfvars", "auto = 5\n"));
    assert_eq!(show(&probe(&with_file, "var.auto").value), "5");
    // The origin of a variable is where its value was written.
    let ev = probe(files, "var.t");
    assert_eq!(&*ev.origin.file, "terraform.tfvars");
    let tfvars = "t = \"from-tfvars\"\nauto = 2\nundeclared = 1\n";
    assert_eq!(&tfvars[ev.origin.span.range()], "\"from-tfvars\"");
}

#[test]
fn object_types_fill_optional_attributes() {
    let files: &[(&str, &str)] = &[
        (
            "variables.tf",
            r#"
variable "net" {
  type = object({
    plugin  = string
    policy  = optional(string, "azure")
    mode    = optional(string)
    private = optional(bool, true)
    inner   = optional(object({ on = optional(bool, false) }), {})
  })
  default = { plugin = "azure", private = null }
}
variable "pools" {
  type = map(object({
    host_encryption = optional(bool, true)
  }))
  default = { a = {}, b = { host_encryption = "false" } }
}
variable "given" {
  type = object({ policy = optional(string, "azure") })
}
"#,
        ),
        ("terraform.tfvars", "given = { policy = \"calico\" }\n"),
    ];
    let pv = |e: &str| show(&probe(files, e).value);
    assert_eq!(pv("var.net.plugin"), "\"azure\"");
    assert_eq!(pv("var.net.policy"), "\"azure\"");
    assert_eq!(pv("var.net.mode"), "absent");
    assert_eq!(pv("var.net.private"), "true");
    assert_eq!(pv("var.net.inner.on"), "false");
    assert_eq!(pv("var.pools.a.host_encryption"), "true");
    assert_eq!(pv("var.pools.b.host_encryption"), "false");
    assert_eq!(pv("var.given.policy"), "\"calico\"");
    // The origin of a filled-in default is the default in the type.
    let ev = probe(files, "var.net.policy");
    assert_eq!(&*ev.origin.file, "variables.tf");
    assert_eq!(&files[0].1[ev.origin.span.range()], "\"azure\"");
}

#[test]
fn locals_chain_and_cycles() {
    let files: &[(&str, &str)] = &[(
        "main.tf",
        r#"
locals {
  a = local.b
  b = "${local.c}-x"
  c = "v"
  loop1 = local.loop2
  loop2 = local.loop1
}
"#,
    )];
    assert_eq!(show(&probe(files, "local.a").value), "\"v-x\"");
    assert_eq!(show(&probe(files, "local.loop1").value), "unknown");
    assert_eq!(show(&probe(files, "local.undeclared").value), "unknown");
}

#[test]
fn references() {
    assert_eq!(
        p("azurerm_kubernetes_cluster.main.id"),
        "ref(azurerm_kubernetes_cluster.main.id)"
    );
    assert_eq!(
        p("azurerm_kubernetes_cluster.main[0].id"),
        "ref(azurerm_kubernetes_cluster.main.id)"
    );
    assert_eq!(
        p("data.azurerm_client_config.current.tenant_id"),
        "ref(data.azurerm_client_config.current.tenant_id)"
    );
    assert_eq!(
        p("azurerm_resource_group.rg"),
        "ref(azurerm_resource_group.rg)"
    );
    assert_eq!(p("module.aks.id"), "unknown");
    assert_eq!(p("path.module"), "unknown");
    assert_eq!(p("each.value"), "unknown");
    assert_eq!(
        p("[azurerm_kubernetes_cluster.a.id] == [azurerm_kubernetes_cluster.a.id]"),
        "true"
    );
}

const CLUSTER: &str = r#"
variable "private" { default = true }
variable "policy" {}
variable "pools" { default = {} }
variable "one" { default = { a = { size = "x" } } }
locals {
  policy = coalesce(var.policy, "azure")
}
resource "azurerm_kubernetes_cluster" "main" {
  private_cluster_enabled = var.private
  local_account_disabled  = null
  sku_tier                = "Free"
  network_profile {
    network_plugin = "azure"
    network_policy = local.policy
  }
  dynamic "oms_agent" {
    for_each = var.pools
    content {
      log_analytics_workspace_id = oms_agent.value
    }
  }
  dynamic "key_vault_secrets_provider" {
    for_each = var.one
    iterator = kv
    content {
      secret_rotation_enabled = kv.key == "a"
      size                    = kv.value.size
    }
  }
  dynamic "microsoft_defender" {
    for_each = var.policy
    content {}
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "pool" {
  count = var.private ? 1 : 0
  name  = "p${count.index}"
}
resource "azurerm_kubernetes_cluster_node_pool" "many" {
  for_each = toset(["a", "b"])
  name     = each.key
}
resource "azurerm_monitor_diagnostic_setting" "d" {
  target_resource_id = azurerm_kubernetes_cluster.main.id
}
"#;

#[test]
fn resource_views() {
    let m = module(&[
        ("main.tf", CLUSTER),
        ("terraform.tfvars", "policy = \"calico\"\n"),
    ]);
    let scope = Scope::new(&m);
    let clusters = scope.resources_of("azurerm_kubernetes_cluster");
    assert_eq!(clusters.len(), 1);
    let c = &clusters[0];
    assert_eq!(c.address, "azurerm_kubernetes_cluster.main");
    assert_eq!(c.instances, Count::Known(1));
    assert_eq!(
        &CLUSTER[c.span().range()],
        "resource \"azurerm_kubernetes_cluster\" \"main\""
    );
    assert_eq!(&CLUSTER[c.label_spans[1].range()], "\"main\"");
    let a = c.attr("private_cluster_enabled").unwrap();
    assert_eq!(a.value.as_bool(), Some(true));
    assert_eq!(&CLUSTER[a.key_span.range()], "private_cluster_enabled");
    assert_eq!(&CLUSTER[a.value_span.range()], "var.private");
    assert_eq!(&CLUSTER[a.origin.span.range()], "true");
    assert!(c.attr("local_account_disabled").unwrap().value.is_absent());
    assert!(c.attr("run_command_enabled").is_none());
    let np = c.blocks("network_profile").remove(0);
    assert!(!np.dynamic);
    assert_eq!(np.presence, Presence::KnownNonEmpty);
    assert_eq!(&CLUSTER[np.span().range()], "network_profile");
    assert_eq!(
        np.attr("network_policy").unwrap().value.as_str(),
        Some("calico")
    );
    let oms = c.blocks("oms_agent").remove(0);
    assert!(oms.dynamic);
    assert_eq!(oms.presence, Presence::KnownEmpty);
    assert_eq!(&CLUSTER[oms.span().range()], "dynamic \"oms_agent\"");
    let kv = c.blocks("key_vault_secrets_provider").remove(0);
    assert_eq!(kv.presence, Presence::KnownNonEmpty);
    assert_eq!(
        kv.attr("secret_rotation_enabled").unwrap().value.as_bool(),
        Some(true)
    );
    assert_eq!(kv.attr("size").unwrap().value.as_str(), Some("x"));
    // `for_each = "calico"` is not a collection: unknown presence.
    assert_eq!(
        c.blocks("microsoft_defender").remove(0).presence,
        Presence::Unknown
    );
    assert!(c.blocks("api_server_access_profile").is_empty());

    let pools = scope.resources_of("azurerm_kubernetes_cluster_node_pool");
    assert_eq!(pools[0].instances, Count::Known(1));
    assert_eq!(pools[0].attr("name").unwrap().value.as_str(), Some("p0"));
    assert_eq!(pools[1].instances, Count::Known(2));
    assert!(pools[1].attr("name").unwrap().value.is_unknown());

    let d = &scope.resources_of("azurerm_monitor_diagnostic_setting")[0];
    let target = d.attr("target_resource_id").unwrap().value;
    let r = target.as_ref().unwrap();
    assert_eq!(r.address(), c.address);
    assert_eq!(r.attr.as_deref(), Some("id"));
}

#[test]
fn unknown_count_and_policy() {
    // Without tfvars `policy` has no value: the local falls back through coalesce → unknown,
    // and the pool's count depends on nothing unknown.
    let m = module(&[("main.tf", CLUSTER)]);
    let scope = Scope::new(&m);
    let c = &scope.resources_of("azurerm_kubernetes_cluster")[0];
    let np = c.blocks("network_profile").remove(0);
    assert!(np.attr("network_policy").unwrap().value.is_unknown());
    let m = module(&[
        ("main.tf", CLUSTER),
        ("terraform.tfvars", "private = var.x\n"),
    ]);
    let scope = Scope::new(&m);
    let pool = &scope.resources_of("azurerm_kubernetes_cluster_node_pool")[0];
    assert_eq!(pool.instances, Count::Unknown);
    assert_eq!(pool.exists(), None);
}

#[test]
fn for_each_over_entries_that_may_not_be_there() {
    // A `for` whose condition cannot be known keeps its entry with an unknown value: the pools
    // it would make may or may not exist, so the count is unknown; a known filter counts.
    let pools = |filter: &str| {
        let main = format!(
            "variable \"pools\" {{\n  default = {{ a = {{ on = true }}, b = {{ on = {filter} }} }}\n}}\n\
             resource \"azurerm_kubernetes_cluster_node_pool\" \"p\" {{\n  \
             for_each = {{ for k, v in var.pools : k => v if v.on }}\n  name = each.key\n}}\n"
        );
        let m = module(&[("main.tf", &main)]);
        let scope = Scope::new(&m);
        scope.resources_of("azurerm_kubernetes_cluster_node_pool")[0].instances
    };
    assert_eq!(pools("var.nope"), Count::Unknown);
    assert_eq!(pools("false"), Count::Known(1));
    assert_eq!(pools("true"), Count::Known(2));
}

#[test]
fn child_module_through_its_caller() {
    let root = module(&[(
        "main.tf",
        r#"
variable "env" { default = "prod" }
module "aks" {
  source  = "./modules/aks"
  private = var.env == "prod"
  policy  = null
  rg      = azurerm_resource_group.rg.name
}
"#,
    )]);
    let child = module(&[
        (
            "main.tf",
            r#"
variable "private" { default = false }
variable "policy" {
  default  = "azure"
  nullable = false
}
variable "rg" {}
variable "unset" { default = "d" }
resource "azurerm_kubernetes_cluster" "this" {
  private_cluster_enabled = var.private
}
"#,
        ),
        ("terraform.tfvars", "unset = \"ignored for a child\"\n"),
    ]);
    let caller = Scope::new(&root);
    let call = &root.calls[0];
    assert_eq!(call.instances(&caller), Count::Known(1));
    let scope = Scope::with_inputs(&child, call.inputs(&caller));
    assert_eq!(scope.var("private").unwrap().value.as_bool(), Some(true));
    assert_eq!(scope.var("policy").unwrap().value.as_str(), Some("azure"));
    assert!(matches!(scope.var("rg").unwrap().value, Value::Ref(_)));
    assert_eq!(scope.var("unset").unwrap().value.as_str(), Some("d"));
    let c = &scope.resources()[0];
    let a = c.attr("private_cluster_enabled").unwrap();
    assert_eq!(a.value.as_bool(), Some(true));
    // The value's origin is the caller's argument, in the caller's file.
    assert_eq!(&*a.origin.file, "main.tf");
}

#[test]
fn depth_guard_and_small_stack() {
    // 62 nested arrays (under hcl-edit's 64), read through a chain of 100 locals, evaluated
    // on a 2 MiB thread: the result is unknown past our depth guard, and nothing overflows.
    let mut main = String::from("locals {\n");
    main.push_str(&format!("  l0 = {}1{}\n", "[".repeat(62), "]".repeat(62)));
    for i in 1..100 {
        main.push_str(&format!("  l{i} = [local.l{}]\n", i - 1));
    }
    main.push_str(&format!("  ops = 1{}\n", " + 1".repeat(127)));
    main.push_str("}\n");
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let m = module(&[("main.tf", &main)]);
            assert!(m.errors().next().is_none());
            let scope = Scope::new(&m);
            let v = scope.local("l99").unwrap();
            assert!(v.value.as_list().is_some() || v.value.is_unknown());
            assert_eq!(scope.local("ops").unwrap().value.as_number(), Some(128.0));
            let l0 = scope.local("l0").unwrap();
            assert!(l0.value.as_list().is_some());
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn exponential_values_stay_cheap() {
    // Each local doubles the previous one: 2^60 leaves if copied, shared here.
    let mut main = String::from("locals {\n  s0 = \"ab\"\n  x0 = [1]\n");
    for i in 1..=60 {
        main.push_str(&format!("  x{i} = [local.x{j}, local.x{j}]\n", j = i - 1));
        main.push_str(&format!(
            "  s{i} = \"${{local.s{j}}}${{local.s{j}}}\"\n",
            j = i - 1
        ));
    }
    main.push_str("  eq = local.x60 == local.x60\n  n = length(local.x60)\n}\n");
    let m = module(&[("main.tf", &main)]);
    let scope = Scope::new(&m);
    assert!(scope.local("s60").unwrap().value.is_unknown(), "string cap");
    assert!(
        scope.local("eq").unwrap().value.is_unknown(),
        "equality budget"
    );
    assert_eq!(scope.local("n").unwrap().value.as_number(), Some(2.0));
}

#[test]
fn provider_versions() {
    let m = module(&[
        (
            "versions.tf",
            r#"
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.100, < 5.0"
    }
    azapi = {
      source  = "azure/azapi"
      version = "~> 2.0"
    }
  }
}
"#,
        ),
        (
            "main.tf",
            r#"
resource "azurerm_kubernetes_cluster" "main" {
  automatic_upgrade_channel = "stable"
  default_node_pool {
    enable_host_encryption = true
  }
}
"#,
        ),
    ]);
    let v = provider::azurerm(&m);
    let kinds: Vec<(provider::EvidenceKind, String, String)> = v
        .evidence
        .iter()
        .map(|e| (e.kind, e.text.clone(), e.majors.to_string()))
        .collect();
    use provider::EvidenceKind::*;
    assert_eq!(
        kinds,
        [
            (
                Constraint,
                ">= 3.100, < 5.0".to_string(),
                "{3, 4}".to_string()
            ),
            (
                Spelling,
                "automatic_upgrade_channel".to_string(),
                "{4, 5}".to_string()
            ),
            (
                Spelling,
                "enable_host_encryption".to_string(),
                "{3}".to_string()
            ),
        ]
    );
    // v4-only and v3-only spellings together: contradictory, so unknown.
    assert!(v.majors.is_empty());

    let lock = module(&[
        (
            "main.tf",
            "resource \"azurerm_kubernetes_cluster\" \"m\" {}\n",
        ),
        (
            ".terraform.lock.hcl",
            "provider \"registry.terraform.io/hashicorp/azurerm\" {\n  version = \"3.117.1\"\n  hashes = []\n}\n",
        ),
    ]);
    assert_eq!(provider::azurerm(&lock).majors.single(), Some(3));
    let none = module(&[(
        "main.tf",
        "resource \"azurerm_kubernetes_cluster\" \"m\" {}\n",
    )]);
    assert_eq!(provider::azurerm(&none).majors.single(), Some(5));
    let legacy = module(&[(
        "main.tf",
        "terraform {\n  required_providers {\n    azurerm = \"~> 4.0\"\n  }\n}\n",
    )]);
    assert_eq!(provider::azurerm(&legacy).majors.single(), Some(4));
}

/// Deterministic pseudo-random HCL-ish texts through every stage: parse, declarations,
/// evaluation of every attribute of every resource and local, provider versions, suppressions.
/// Nothing may panic.
#[test]
fn noise_never_panics() {
    const TOKENS: &[&str] = &[
        "resource",
        "data",
        "variable",
        "locals",
        "module",
        "dynamic",
        "content",
        "terraform",
        "required_providers",
        "\"azurerm_kubernetes_cluster\"",
        "\"x\"",
        "\"a\"",
        "{",
        "}",
        "{\n",
        "}\n",
        "[",
        "]",
        "(",
        ")",
        "=",
        " = ",
        ",",
        ".",
        "[0]",
        "[*]",
        "\n",
        " ",
        "?",
        ":",
        "!",
        "&&",
        "||",
        "==",
        "+",
        "/",
        "%",
        "1",
        "0",
        "-1",
        "1e999",
        "null",
        "true",
        "false",
        "var.x",
        "local.a",
        "local.b",
        "each.value",
        "count.index",
        "azurerm_x.y.id",
        "data.a.b.c",
        "\"${var.x}\"",
        "\"${",
        "}\"",
        "<<EOT\n",
        "EOT\n",
        "# akslint-ignore: AKS101 -- r\n",
        "// akslint-ignore-file: X\n",
        "/*",
        "*/",
        "for_each",
        "count",
        "iterator",
        "default",
        "x",
        "a",
        "b",
        "lower(",
        "length(",
        "try(",
        "coalesce(",
        "toset(",
        "lookup(",
        "é",
        "\u{feff}",
        "\r\n",
        "\t",
        "\"",
        "\\",
        "for",
        "in",
        "=>",
        "...",
        "~",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut parsed = 0;
    for _ in 0..3000 {
        let n = (next() % 60) as usize;
        let text: String = (0..n)
            .map(|_| TOKENS[(next() % TOKENS.len() as u64) as usize])
            .collect();
        exercise(&text, &mut parsed);
    }
    // Valid expressions, so that evaluation is really reached.
    for _ in 0..3000 {
        let mut text = String::from("variable \"x\" {\n  default = ");
        text.push_str(&expr(&mut next, 3));
        text.push_str("\n}\nlocals {\n");
        for name in ["a", "b"] {
            text.push_str(&format!("  {name} = {}\n", expr(&mut next, 4)));
        }
        text.push_str("}\nresource \"azurerm_kubernetes_cluster\" \"m\" {\n  count = local.a\n  p = local.b\n  dynamic \"d\" {\n    for_each = local.a\n    content {\n      q = d.value\n    }\n  }\n}\n");
        exercise(&text, &mut parsed);
    }
    assert!(parsed > 3000, "{parsed}");
}

fn exercise(text: &str, parsed: &mut usize) {
    let m = module(&[
        ("main.tf", text),
        ("terraform.tfvars", text),
        (".terraform.lock.hcl", text),
    ]);
    if m.files[0].body.is_ok() {
        *parsed += 1;
    }
    let scope = Scope::new(&m);
    for r in scope.resources().iter().chain(scope.data_sources().iter()) {
        for a in r.raw().body.attributes() {
            let _ = r.attr(a.key.as_str());
        }
        for b in r.raw().body.blocks() {
            for v in r.blocks(b.ident.as_str()) {
                let _ = v.attr("q");
            }
        }
        for v in r.blocks("d") {
            let _ = v.attr("q");
        }
    }
    for name in ["a", "b", "x"] {
        let _ = scope.local(name);
    }
    let _ = provider::azurerm(&m);
    for f in &m.files {
        if let Ok(body) = &f.body {
            let _ = super::comments::line_comments(
                &f.text,
                body,
                &crate::source::LineIndex::new(&f.text),
            );
        }
    }
}

/// A random valid expression.
fn expr(next: &mut impl FnMut() -> u64, depth: u32) -> String {
    const LEAVES: &[&str] = &[
        "1",
        "0",
        "2.5",
        "null",
        "true",
        "false",
        "\"a\"",
        "\"\"",
        "var.x",
        "local.a",
        "local.b",
        "each.value",
        "count.index",
        "azurerm_x.y.id",
        "data.a.b.c",
        "[]",
        "{}",
        "var.x.k",
        "local.a[0]",
        "\"true\"",
        "path.module",
    ];
    let r = next() % if depth == 0 { 1 } else { 12 };
    if r == 0 {
        return LEAVES[(next() % LEAVES.len() as u64) as usize].to_string();
    }
    if r == 8 {
        let f = [
            "lower", "length", "tostring", "toset", "tolist", "tobool", "upper",
        ][(next() % 7) as usize];
        return format!("{f}({})", expr(next, depth - 1));
    }
    if r == 9 {
        let f = ["try", "coalesce", "contains", "lookup"][(next() % 4) as usize];
        return format!("{f}({}, {})", expr(next, depth - 1), expr(next, depth - 1));
    }
    let mut sub = || expr(next, depth - 1);
    match r {
        1 => format!("[{}, {}]", sub(), sub()),
        2 => format!("{{ k = {}, \"j\" = {} }}", sub(), sub()),
        3 => format!("{} ? {} : {}", sub(), sub(), sub()),
        4 => format!("({} == {})", sub(), sub()),
        5 => format!("({} && {})", sub(), sub()),
        6 => format!("\"p-${{{}}}-s\"", sub()),
        7 => format!("!{}", sub()),
        10 => format!("({} + {})", sub(), sub()),
        _ => format!("{}[{}]", sub(), sub()),
    }
}

#[test]
fn fixture_on_disk() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/terraform/frontend");
    let root_dir = base.join("root");
    for (var_files, env, private) in [
        (vec![], "test", false),
        (vec![base.join("envs/prod.tfvars")], "prod", true),
    ] {
        let opts = LoadOptions {
            var_files,
            ..LoadOptions::default()
        };
        let root = Module::load(&root_dir, &opts).unwrap();
        assert!(root.errors().next().is_none());
        let kinds: Vec<SourceKind> = root.files.iter().map(|f| f.kind).collect();
        assert_eq!(kinds[..2], [SourceKind::Config, SourceKind::Config]);
        assert_eq!(kinds[2..4], [SourceKind::TfVars, SourceKind::TfVars]);
        assert_eq!(*kinds.last().unwrap(), SourceKind::Lock);
        assert_eq!(provider::azurerm(&root).majors.single(), Some(3));

        let caller = Scope::new(&root);
        assert_eq!(
            caller.var("prefix").unwrap().value.as_str(),
            Some("from-auto-tfvars")
        );
        let rg = &caller.resources()[0];
        assert_eq!(
            rg.attr("name").unwrap().value.as_str(),
            Some(&*format!("rg-{env}"))
        );

        assert_eq!(root.calls.len(), 2);
        let call = &root.calls[0];
        assert_eq!(
            call.local_path.as_deref(),
            Some(&*root_dir.join("./modules/child"))
        );
        assert_eq!(root.calls[1].local_path, None);
        let child =
            Module::load(call.local_path.as_ref().unwrap(), &LoadOptions::default()).unwrap();
        let scope = Scope::with_inputs(&child, call.inputs(&caller));
        let c = &scope.resources_of("example_cluster")[0];
        assert_eq!(
            c.attr("name").unwrap().value.as_str(),
            Some(&*format!("from-auto-tfvars-{env}"))
        );
        assert_eq!(c.attr("private").unwrap().value.as_bool(), Some(private));
        assert!(c.attr("optional").unwrap().value.is_absent());
        let group = c.attr("group_id").unwrap().value;
        assert_eq!(group.as_ref().unwrap().to_string(), "example_group.rg.id");
        let profile = c.blocks("profile").remove(0);
        assert!(profile.dynamic);
        if private {
            assert_eq!(profile.presence, Presence::KnownNonEmpty);
            assert_eq!(profile.attr("mode").unwrap().value.as_str(), Some("on"));
        } else {
            assert_eq!(profile.presence, Presence::KnownEmpty);
        }
    }
}

#[test]
fn splats_as_terraform_reads_them() {
    let vars = "variable \"none\" {\n  default = null\n}\nvariable \"one\" {\n  default = { a = 1 }\n}\nvariable \"many\" {\n  default = [{ a = 1 }, { a = 2 }]\n}\nvariable \"unset\" {}\n";
    let files = [("main.tf", vars)];
    assert_eq!(show(&probe(&files, "var.none[*]").value), "[]");
    assert_eq!(show(&probe(&files, "var.one[*]").value), "[{a=1}]");
    assert_eq!(show(&probe(&files, "var.one[*].a").value), "[1]");
    assert_eq!(show(&probe(&files, "var.many[*].a").value), "[1, 2]");
    assert_eq!(show(&probe(&files, "var.unset[*]").value), "unknown");
    assert_eq!(show(&probe(&files, "length(var.none[*])").value), "0");
}

/// Values grow past their text through sharing: a chain of `concat(local.a, local.a)` doubles
/// a list per line, a chain of `[local.x, local.x]` nests it. Collections are capped at
/// `MAX_ELEMENTS` (the first local over it is remembered), and whatever sharing makes deep is
/// bounded by the steps of one evaluation: splats, equality in `contains`, type conversion.
#[test]
fn growing_values_are_capped() {
    use super::budget::{Cap, MAX_ELEMENTS};
    let mut main = String::from("locals {\n  a0 = [\"0.0.0.0/0\"]\n  x0 = [1]\n  y0 = [1]\n");
    for i in 1..=30 {
        let j = i - 1;
        main.push_str(&format!("  a{i} = concat(local.a{j}, local.a{j})\n"));
        main.push_str(&format!("  x{i} = [local.x{j}, local.x{j}]\n"));
        main.push_str(&format!("  y{i} = [local.y{j}, local.y{j}]\n"));
    }
    main.push_str(&format!("  splat = local.x30{}\n", "[*]".repeat(30)));
    // Thirty copies of y29 compared with x29, an equal value built apart: each comparison walks
    // 2^29 elements until the equality budget gives up, and the budget is one for the search.
    main.push_str("  eq = local.y29 == local.x29\n");
    let copies = vec!["local.y29"; 30].join(", ");
    main.push_str(&format!("  many = contains([{copies}], local.x29)\n"));
    main.push_str("}\n");
    let m = module(&[("main.tf", &main)]);
    let scope = Scope::new(&m);
    let first_over = (0..).find(|i| 1usize << i > MAX_ELEMENTS).unwrap();
    assert_eq!(
        scope
            .local(&format!("a{}", first_over - 1))
            .unwrap()
            .value
            .as_list()
            .map(<[_]>::len),
        Some(1 << (first_over - 1))
    );
    assert!(scope.local("a30").unwrap().value.is_unknown());
    assert!(scope.local("splat").unwrap().value.is_unknown());
    assert!(scope.local("eq").unwrap().value.is_unknown());
    assert!(scope.local("many").unwrap().value.is_unknown());
    let caps: Vec<(usize, Cap)> = scope
        .capped()
        .into_iter()
        .map(|(o, c)| {
            let lines = crate::source::LineIndex::new(&main);
            (lines.line_of(o.span.start as usize) + 1, c)
        })
        .collect();
    let line_of = |name: &str| {
        main.lines()
            .position(|l| l.trim_start().starts_with(name))
            .unwrap()
            + 1
    };
    assert!(
        caps.contains(&(line_of(&format!("a{first_over} =")), Cap::Elements)),
        "{caps:?}"
    );
    assert!(caps.contains(&(line_of("splat ="), Cap::Work)), "{caps:?}");
    assert!(
        !caps.iter().any(|c| c.0 == line_of("eq =")),
        "one comparison is within budget"
    );
}
