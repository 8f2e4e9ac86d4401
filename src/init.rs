//! `akslint init`: a commented `akslint.toml` to start from (every key shown, most commented out,
//! so the file is the documentation), and `akslint schema`: the JSON Schema editors read it with.

/// The JSON Schema of `akslint.toml` (`schemas/akslint.schema.json`, kept equal to what the
/// loader accepts by `tests/schema.rs`).
pub const SCHEMA: &str = include_str!("../schemas/akslint.schema.json");

/// The file `akslint init` writes; `schema` puts the `#:schema` line editors follow on top.
pub fn config(schema: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(path) = schema {
        out.push_str(&format!("#:schema {path}\n"));
    }
    out.push_str(TEMPLATE);
    out
}

const TEMPLATE: &str = r#"# akslint configuration (README.md, "Configuration", describes every key; all are optional).
# `akslint rules` lists the rules; `akslint explain AKS401` explains one.

# This directory is a project root: the cross-file rules read every manifest and Terraform module
# below it, even when pre-commit or an editor names only one file (a `.git` directory is a root
# without saying so; set this in a monorepo's subprojects).
# root = true

# Findings recorded by `akslint baseline` (relative to this file) are not reported: only new
# ones are. `akslint baseline --update` removes the entries that were fixed.
# baseline = ".akslint-baseline.json"

# Rules to run (IDs, names or ID prefixes) and rules not to run. Default: every rule.
# select = ["AKS1", "AKS3", "AKS4", "AKS5"]
# ignore = ["AKS414"]

# Path globs, relative to this file, that are never linted (`--force-exclude` applies them to
# files named on the command line too, as the pre-commit hooks do).
# exclude = ["vendor/**", "charts/*/templates/**"]

# Where objects that name no namespace go (as `kubectl apply -n` would place them).
# namespace = "default"

# Base URL of the rule docs, for SARIF `helpUri`.
# docs-url = "https://github.com/acme/akslint/blob/main/rules/"

# Severity per rule selector: note, warning, error, or off (the rule does not run).
[severity]
# AKS415 = "off"

# Rules ignored under some paths, with the reason reviewers will read.
# [[per-path]]
# paths = ["legacy/**"]
# ignore = ["AKS404"]
# reason = "migrating in Q3"

# Rules ignored for some Kubernetes objects (globs), for vendored charts without annotations.
# [[per-object]]
# kind = "DaemonSet"
# namespace = "kube-system"
# name = "csi-*"
# ignore = ["AKS401", "AKS408"]
# reason = "Azure CSI node plugin"

# Rules ignored for some Terraform resources, by address (a plan's JSON holds no comments).
# [[per-object]]
# address = "module.aks.azurerm_kubernetes_cluster.*"
# ignore = ["AKS208"]
# reason = "development cluster"

# With several clusters in the Terraform: which manifests run on which (cross-layer rules).
# [[cluster]]
# address = "module.prod.azurerm_kubernetes_cluster.main"
# manifests = ["k8s/prod/**"]

# Safety limits on hostile input.
[limits]
# file-size = 10485760
# terraform-file-size = 5242880
# depth = 256
# nodes = 5000000
# aliases = 100000
# module-instances = 10000
# plan-size = 209715200

# Parameters of the rules that take some.
# [rules.AKS603]
# allowed-registries = ["*.azurecr.io", "mcr.microsoft.com"]
# [rules.AKS301]
# managed-elsewhere = ["team-*"]
"#;
