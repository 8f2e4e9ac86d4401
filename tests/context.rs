//! Context scope and report scope, from the command line: a named file is judged with the rest
//! of its project (the nearest directory upward with `.git` or an `akslint.toml` with
//! `root = true`), cross-file findings are reported when any object they rest on is in a named
//! file, `--no-context` silences the cross-file rules, `--namespace` places the objects that name
//! none, separate projects keep separate indexes, and suppressions reach cross-file findings.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

/// `file:line rule` of each finding (compact output), in output order.
fn findings(o: &Output) -> Vec<String> {
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .filter(|l| !is_summary(l))
        .map(|l| {
            let mut parts = l.splitn(5, [':', ' ']);
            let (file, line) = (parts.next().unwrap(), parts.next().unwrap());
            let rule = l.split(' ').nth(2).unwrap();
            format!("{file}:{line} {rule}")
        })
        .collect()
}

/// The compact format's last line: `1 error, 4 warnings, 4 notes in 6 files (13 objects)`.
fn is_summary(line: &str) -> bool {
    line.contains(" in ") && line.ends_with("objects)") || line.ends_with("object)")
}

fn shop() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/projects/shop")
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

#[test]
fn a_named_file_is_judged_with_its_project() {
    let o = common::akslint(
        &["check", "--format", "compact", "orders.yaml"],
        &shop(),
        None,
    );
    // The default deny in policies.yaml covers orders.yaml: no AKS301–303. Its ServiceAccount,
    // binding and SecretProviderClass are read from the other files. AKS306 rests on the
    // workloads of orders.yaml (none matches the policy), so it is reported in policies.yaml.
    assert_eq!(
        findings(&o),
        [
            "orders.yaml:19 AKS415",
            "orders.yaml:24 AKS506",
            "orders.yaml:60 AKS116",
            "orders.yaml:74 AKS505",
            "policies.yaml:31 AKS306",
        ]
    );
}

#[test]
fn no_context_silences_the_cross_file_rules() {
    let o = common::akslint(
        &[
            "check",
            "--format",
            "compact",
            "--no-context",
            "orders.yaml",
        ],
        &shop(),
        None,
    );
    assert_eq!(findings(&o), Vec::<String>::new());
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_finding_is_reported_where_its_object_is_when_another_contributor_is_named() {
    // rbac.yaml holds the ServiceAccount `payments` without a client ID: the Deployment that
    // uses it, in orders.yaml, is where AKS116 points. AKS411 is silent for `orders`: the
    // RoleBinding of rbac.yaml gives it a reason to call the API.
    let o = common::akslint(
        &["check", "--format", "compact", "rbac.yaml"],
        &shop(),
        None,
    );
    assert_eq!(findings(&o), ["orders.yaml:60 AKS116"]);
    // Naming reports.yaml alone: its namespace has no policy anywhere in the project.
    let o = common::akslint(
        &["check", "--format", "compact", "reports.yaml"],
        &shop(),
        None,
    );
    assert_eq!(
        findings(&o),
        [
            "reports.yaml:3 AKS301",
            "reports.yaml:3 AKS302",
            "reports.yaml:13 AKS303",
            "reports.yaml:14 AKS411",
        ]
    );
}

#[test]
fn standard_input_named_after_a_file_of_the_project_replaces_it() {
    let text = std::fs::read_to_string(shop().join("orders.yaml")).unwrap();
    let named = common::akslint(
        &["check", "--format", "compact", "orders.yaml"],
        &shop(),
        None,
    );
    let piped = common::akslint(
        &[
            "check",
            "--format",
            "compact",
            "-",
            "--stdin-filename",
            "orders.yaml",
        ],
        &shop(),
        Some(&text),
    );
    assert_eq!(findings(&piped), findings(&named));
    // The buffer is judged as edited, not as saved: once the Deployment runs as `orders`
    // (annotated), the ServiceAccount `payments` no longer matters.
    let edited = text.replace("serviceAccountName: payments", "serviceAccountName: orders");
    let piped = common::akslint(
        &[
            "check",
            "--format",
            "compact",
            "-",
            "--stdin-filename",
            "orders.yaml",
        ],
        &shop(),
        Some(&edited),
    );
    assert!(!findings(&piped).iter().any(|f| f.contains("AKS116")));
}

#[test]
fn text_output_frames_findings_in_files_read_for_context() {
    let o = common::akslint(&["check", "orders.yaml"], &shop(), None);
    let text = String::from_utf8(o.stdout).unwrap();
    let at = text
        .find("policies.yaml:31:3")
        .expect("AKS306 in policies.yaml");
    assert!(
        text[at..].contains("31 │   podSelector:"),
        "no code frame for the context file:\n{text}"
    );
}

const APP: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: contoso.azurecr.io/api:1.0.0\n";

const DENY_TEAM_A: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: team-a\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";

const COVERAGE: &str = "select = [\"AKS003\", \"AKS301\", \"AKS302\", \"AKS303\"]\n";

#[test]
fn objects_without_a_namespace_go_where_the_run_places_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        &[
            ("akslint.toml", COVERAGE),
            ("app.yaml", APP),
            ("policy.yaml", DENY_TEAM_A),
        ],
    );
    let o = common::akslint(&["check", "--format", "compact", "."], d, None);
    assert_eq!(
        findings(&o),
        [
            "app.yaml:2 AKS301",
            "app.yaml:2 AKS302",
            "app.yaml:10 AKS303"
        ],
        "in `default`, away from the policy"
    );
    let o = common::akslint(
        &["check", "--format", "compact", "--namespace", "team-a", "."],
        d,
        None,
    );
    assert_eq!(findings(&o), Vec::<String>::new());
    write(
        d,
        &[(
            "akslint.toml",
            &format!("namespace = \"team-a\"\n{COVERAGE}"),
        )],
    );
    let o = common::akslint(&["check", "--format", "compact", "."], d, None);
    assert_eq!(findings(&o), Vec::<String>::new());
}

#[test]
fn projects_keep_their_own_index() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let app = APP.replace("  name: api\n", "  name: api\n  namespace: team-a\n");
    write(
        d,
        &[
            ("akslint.toml", COVERAGE),
            ("a/policy.yaml", DENY_TEAM_A),
            ("b/app.yaml", &app),
        ],
    );
    // No root: what is named is one project, and the policy of a/ covers the app of b/.
    let o = common::akslint(&["check", "--format", "compact", "a", "b"], d, None);
    assert_eq!(findings(&o), Vec::<String>::new());
    // Two roots: two projects, two clusters. (Each root's config applies to its files, in
    // place of the one above: it selects the same rules.)
    let root = format!("root = true\n{COVERAGE}");
    write(d, &[("a/akslint.toml", &root), ("b/akslint.toml", &root)]);
    let o = common::akslint(&["check", "--format", "compact", "a", "b"], d, None);
    assert_eq!(
        findings(&o),
        [
            "b/app.yaml:2 AKS301",
            "b/app.yaml:2 AKS302",
            "b/app.yaml:11 AKS303"
        ]
    );
    // Naming b/app.yaml alone reads b/ (its root), not a/.
    let o = common::akslint(&["check", "--format", "compact", "b/app.yaml"], d, None);
    assert_eq!(findings(&o).len(), 3);
}

#[test]
fn suppressions_reach_cross_file_findings_and_are_judged_after_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let app = APP
        .replace(
            "  name: api\n",
            "  name: api\n  annotations:\n    akslint.io/ignore: AKS301, AKS302\n",
        )
        .replace(
            "      labels: {app: api}\n",
            "      labels: {app: api}  # akslint-ignore: AKS303 -- reaches only the queue, reviewed\n",
        );
    let unused = "# akslint-ignore-file: AKS303 -- nothing to silence here\n";
    write(
        d,
        &[
            ("akslint.toml", &format!("root = true\n{COVERAGE}")),
            ("app.yaml", &app),
            ("other.yaml", &format!("{unused}{DENY_TEAM_A}")),
        ],
    );
    let o = common::akslint(&["check", "--format", "compact", "."], d, None);
    assert_eq!(findings(&o), ["other.yaml:1 AKS003"]);
    // Named alone, app.yaml keeps its suppressions used (no AKS003), and other.yaml is not
    // reported.
    let o = common::akslint(&["check", "--format", "compact", "app.yaml"], d, None);
    assert_eq!(findings(&o), Vec::<String>::new());
}

const CLUSTER_WI_OFF: &str = "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"aks\"\n  oidc_issuer_enabled = true\n\n  default_node_pool {\n    name       = \"system\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n}\n";

#[test]
fn cross_layer_findings_join_a_named_manifest_and_the_projects_terraform() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let app = APP.replace(
        "      labels: {app: api}\n",
        "      labels: {app: api, azure.workload.identity/use: \"true\"}\n",
    );
    write(
        d,
        &[
            ("akslint.toml", "root = true\nselect = [\"AKS122\"]\n"),
            ("infra/main.tf", CLUSTER_WI_OFF),
            ("k8s/app.yaml", &app),
        ],
    );
    // The manifest named alone: the project's Terraform is read for context.
    let o = common::akslint(&["check", "--format", "compact", "k8s/app.yaml"], d, None);
    assert_eq!(findings(&o), ["k8s/app.yaml:10 AKS122"]);
    // The Terraform named alone: the cluster contributed, so the finding is shown at the pod.
    let o = common::akslint(&["check", "--format", "compact", "infra"], d, None);
    assert_eq!(findings(&o), ["k8s/app.yaml:10 AKS122"]);
    // Neither reads the other without context.
    let o = common::akslint(
        &[
            "check",
            "--format",
            "compact",
            "--no-context",
            "k8s/app.yaml",
        ],
        d,
        None,
    );
    assert_eq!(findings(&o), Vec::<String>::new());
    // A second cluster without a [[cluster]] mapping: which one the pod runs on is not known.
    write(
        d,
        &[(
            "infra/other.tf",
            &CLUSTER_WI_OFF.replace("\"main\"", "\"other\""),
        )],
    );
    let o = common::akslint(&["check", "--format", "compact", "."], d, None);
    assert_eq!(findings(&o), Vec::<String>::new());
    write(
        d,
        &[(
            "akslint.toml",
            "root = true\nselect = [\"AKS122\"]\n\n[[cluster]]\naddress = \"azurerm_kubernetes_cluster.other\"\nmanifests = [\"k8s/**\"]\n",
        )],
    );
    let o = common::akslint(&["check", "--format", "compact", "k8s/app.yaml"], d, None);
    assert_eq!(findings(&o), ["k8s/app.yaml:10 AKS122"]);
}

#[test]
fn key_vault_through_external_secrets_silences_aks511_in_its_project_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let store = "apiVersion: external-secrets.io/v1beta1\nkind: ClusterSecretStore\nmetadata:\n  name: kv\nspec:\n  provider:\n    azurekv:\n      vaultUrl: https://kv.vault.azure.net\n";
    write(
        d,
        &[
            ("a/akslint.toml", "root = true\nselect = [\"AKS511\"]\n"),
            ("a/main.tf", CLUSTER_WI_OFF),
            ("a/store.yaml", store),
            ("b/akslint.toml", "root = true\nselect = [\"AKS511\"]\n"),
            ("b/main.tf", CLUSTER_WI_OFF),
        ],
    );
    let o = common::akslint(&["check", "--format", "compact", "a", "b"], d, None);
    assert_eq!(findings(&o), ["b/main.tf:1 AKS511"]);
    // Without the manifests (no context), the exception is not known: both are reported.
    let o = common::akslint(
        &["check", "--format", "compact", "--no-context", "a", "b"],
        d,
        None,
    );
    assert_eq!(findings(&o), ["a/main.tf:1 AKS511", "b/main.tf:1 AKS511"]);
}

/// AKS411 and AKS415 pass over what cannot be reported (a pre-commit run names one file of
/// thousands): what rests on a named ServiceAccount or Service is still found, in the
/// workload's file, and a named file in the same namespace that neither rests on reports nothing.
#[test]
fn a_named_service_or_service_account_reports_on_the_workloads_it_serves() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let web = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: web\n          image: contoso.azurecr.io/web:1.0.0\n";
    let quiet = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: quiet\nspec:\n  selector:\n    matchLabels: {app: quiet}\n  template:\n    metadata:\n      labels: {app: quiet}\n    spec:\n      automountServiceAccountToken: false\n      containers:\n        - name: quiet\n          image: contoso.azurecr.io/quiet:1.0.0\n";
    write(
        d,
        &[
            (
                "akslint.toml",
                "root = true\nselect = [\"AKS411\", \"AKS415\"]\n",
            ),
            ("web.yaml", web),
            ("quiet.yaml", quiet),
            (
                "service.yaml",
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: 8080\n",
            ),
            (
                "account.yaml",
                "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n",
            ),
        ],
    );
    let named = |file: &str| {
        findings(&common::akslint(
            &["check", "--format", "compact", file],
            d,
            None,
        ))
    };
    assert_eq!(
        named("web.yaml"),
        ["web.yaml:11 AKS411", "web.yaml:14 AKS415"]
    );
    assert_eq!(named("service.yaml"), ["web.yaml:14 AKS415"]);
    assert_eq!(named("account.yaml"), ["web.yaml:11 AKS411"]);
    assert_eq!(named("quiet.yaml"), Vec::<String>::new());
}
