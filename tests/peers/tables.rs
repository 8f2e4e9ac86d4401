//! Which peer check corresponds to which akslint rule, per peer, and which peer checks were
//! considered (from `../shared/spec/aks-reference.md` §2 and the rules' `[peers]`) but left out.
//!
//! A row is a *correspondence*: the peer check asks the same question as the rule, about the same
//! object. "Related" or "partial" checks (narrower or broader than the rule, or reporting another
//! object) are in `LEFT_OUT` with the reason. A row whose rule is not registered yet
//! (`akslint::rules::find` returns `None`) is *pending*: its expectations are counted, not compared,
//! until the rule lands; then any disagreement fails the test until it is listed in
//! `tests/peers/disagreements.toml`.

/// One correspondence: peer check → akslint rule.
pub struct Map {
    pub check: &'static str,
    pub rule: &'static str,
    pub note: &'static str,
}

/// A peer check left out of the comparison, or whose expectations cannot be compared at all.
pub struct Skip {
    pub check: &'static str,
    pub reason: &'static str,
}

const fn m(check: &'static str, rule: &'static str, note: &'static str) -> Map {
    Map { check, rule, note }
}

const fn s(check: &'static str, reason: &'static str) -> Skip {
    Skip { check, reason }
}

/// How a kube-score grade reads as a verdict of the mapped rule.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Grade {
    Failed,
    Passed,
}

/// A kube-score check: the rule, what its `GradeWarning` means for that rule, and the kinds of the
/// object kube-score grades (`workloads` = every pod-carrying kind).
pub struct ScoreMap {
    pub check: &'static str,
    pub rule: &'static str,
    pub warning: Grade,
    pub kinds: &'static [&'static str],
    pub note: &'static str,
}

pub const WORKLOADS: &[&str] = &["workloads"];

// ------------------------------------------------------------------------------------------------
// Checkov (bridgecrewio/checkov): Kubernetes checks (expected_kubernetes.json) and the AKS Terraform
// checks (expected.json, expected_inline.json).

pub const CHECKOV: &[Map] = &[
    m("CKV_K8S_16", "AKS401", "container privileged"),
    m(
        "CKV_K8S_20",
        "AKS402",
        "allowPrivilegeEscalation not false (absent fails)",
    ),
    m("CKV_K8S_23", "AKS403", "runAsNonRoot / root containers"),
    m("CKV_K8S_22", "AKS404", "readOnlyRootFilesystem not true"),
    m("CKV_K8S_37", "AKS405", "capabilities.drop lacks ALL"),
    m(
        "CKV_K8S_25",
        "AKS406",
        "capabilities added beyond an allowed set",
    ),
    m("CKV_K8S_17", "AKS407", "hostPID"),
    m("CKV_K8S_18", "AKS407", "hostIPC"),
    m("CKV_K8S_19", "AKS407", "hostNetwork"),
    m("CKV_K8S_26", "AKS409", "hostPort"),
    m(
        "CKV_K8S_31",
        "AKS410",
        "seccomp profile RuntimeDefault / docker/default",
    ),
    m("CKV_K8S_38", "AKS411", "service account token automount"),
    m("CKV_K8S_11", "AKS412", "CPU limit missing"),
    m("CKV_K8S_13", "AKS412", "memory limit missing"),
    m("CKV_K8S_21", "AKS414", "default namespace"),
    m("CKV_K8S_8", "AKS415", "liveness probe missing"),
    m("CKV_K8S_9", "AKS415", "readiness probe missing"),
    m("CKV_K8S_43", "AKS601", "image without digest"),
    m("CKV_K8S_14", "AKS602", "image tag latest or blank"),
    m("CKV_K8S_49", "AKS113", "wildcard in Role/ClusterRole rules"),
    m(
        "CKV_K8S_157",
        "AKS114",
        "bind verb on (cluster)rolebindings",
    ),
    m("CKV_K8S_158", "AKS114", "escalate verb on (cluster)roles"),
    m("CKV_K8S_35", "AKS506", "secrets as environment variables"),
    // Terraform (azurerm_kubernetes_cluster): files of expected.json and HCL of expected_inline.json.
    m("CKV_AZURE_141", "AKS101", "local_account_disabled"),
    m("CKV_AZURE_5", "AKS104", "Kubernetes RBAC enabled"),
    m(
        "CKV_AZURE_6",
        "AKS201",
        "authorized IP ranges, or a private cluster",
    ),
    m("CKV_AZURE_115", "AKS201", "private_cluster_enabled"),
    m(
        "CKV_AZURE_171",
        "AKS203",
        "automatic upgrade channel (both spellings)",
    ),
    m(
        "CKV_AZURE_227",
        "AKS205",
        "host encryption (both spellings)",
    ),
    m("CKV_AZURE_143", "AKS206", "node public IP (both spellings)"),
    m("CKV_AZURE_170", "AKS208", "paid SKU tier"),
    m("CKV_AZURE_117", "AKS210", "disk_encryption_set_id"),
    m(
        "CKV_AZURE_246",
        "AKS211",
        "http_application_routing_enabled",
    ),
    m("CKV2_AZURE_29", "AKS311", "Azure CNI network plugin"),
    m("CKV_AZURE_7", "AKS312", "network policy engine"),
    m(
        "CKV_AZURE_172",
        "AKS512",
        "key_vault_secrets_provider secret rotation",
    ),
    m("CKV_AZURE_116", "AKS704", "Azure Policy add-on"),
    m("CKV_AZURE_4", "AKS705", "oms_agent (Container Insights)"),
];

pub const CHECKOV_NOT_COMPARABLE: &[Skip] = &[s(
    "CKV_AZURE_85",
    "AKS703 candidate, but the test scans a lone azurerm_security_center_subscription_pricing; \
     AKS703 reports on the cluster, which the test input does not contain",
)];

pub const CHECKOV_LEFT_OUT: &[Skip] = &[
    s(
        "CKV_K8S_1..7, CKV_K8S_24, CKV_K8S_32",
        "PodSecurityPolicy objects (removed in Kubernetes 1.25); akslint has no PSP rule",
    ),
    s("CKV_K8S_39", "narrower than AKS406: SYS_ADMIN only"),
    s(
        "CKV_K8S_28",
        "NET_RAW must be dropped: narrower than AKS405 (drop ALL)",
    ),
    s(
        "CKV_K8S_40",
        "runAsUser above 10000: no akslint rule (AKS403 is about root)",
    ),
    s(
        "CKV_K8S_41, CKV_K8S_42",
        "default service account in use: not token automount (AKS411)",
    ),
    s(
        "CKV_K8S_27",
        "docker socket hostPath only: narrower than AKS408 (any hostPath)",
    ),
    s(
        "CKV_K8S_10, CKV_K8S_12",
        "CPU / memory requests: AKS412 is about limits",
    ),
    s(
        "CKV_K8S_29, CKV_K8S_30",
        "a securityContext present: no akslint rule",
    ),
    s(
        "CKV_K8S_155, CKV_K8S_156",
        "webhook configurations / CSR approval: not in AKS114's verb list",
    ),
    s("CKV_K8S_15", "image pull policy: no akslint rule"),
    s(
        "CKV_AZURE_8",
        "kube dashboard (azurerm ≤ v2 addon_profile): AKS211 is http_application_routing only",
    ),
    s(
        "CKV_AZURE_168, CKV_AZURE_169, CKV_AZURE_226, CKV_AZURE_232",
        "max pods, scale sets, ephemeral OS disk, system pool isolation: no akslint rule",
    ),
    s(
        "other CKV_K8S_* (API server, kubelet, etcd flags, Tiller, dashboard, nginx snippets, git-sync)",
        "no akslint rule",
    ),
];

// ------------------------------------------------------------------------------------------------
// kube-linter (stackrox/kube-linter): e2etests/bats-tests.sh, flattened in expected.json.

pub const KUBE_LINTER: &[Map] = &[
    m(
        "privileged-container",
        "AKS401",
        "securityContext.privileged",
    ),
    m(
        "privilege-escalation-container",
        "AKS402",
        "allowPrivilegeEscalation not false",
    ),
    m(
        "run-as-non-root",
        "AKS403",
        "runAsNonRoot not true (also runAsGroup 0)",
    ),
    m(
        "no-read-only-root-fs",
        "AKS404",
        "readOnlyRootFilesystem not true",
    ),
    m("host-network", "AKS407", "hostNetwork"),
    m("host-pid", "AKS407", "hostPID"),
    m("host-ipc", "AKS407", "hostIPC"),
    m(
        "unset-memory-requirements",
        "AKS412",
        "memory limit unset (the check reports `memory limit 0`)",
    ),
    m("unsafe-sysctls", "AKS413", "sysctls outside the safe set"),
    m("unsafe-proc-mount", "AKS413", "procMount Unmasked"),
    m("use-namespace", "AKS414", "object in the default namespace"),
    m("no-liveness-probe", "AKS415", "liveness probe missing"),
    m("no-readiness-probe", "AKS415", "readiness probe missing"),
    m("latest-tag", "AKS602", "image tag latest or none"),
    m(
        "cluster-admin-role-binding",
        "AKS112",
        "binding to cluster-admin",
    ),
    m("wildcard-in-rules", "AKS113", "`*` in RBAC rules"),
    m(
        "env-var-secret",
        "AKS502",
        "secret-like env var name with a literal value",
    ),
    m(
        "read-secret-from-env-var",
        "AKS506",
        "env var from secretKeyRef",
    ),
    m(
        "non-isolated-pod",
        "AKS303",
        "pod not selected by any NetworkPolicy",
    ),
    m(
        "dangling-networkpolicy",
        "AKS306",
        "NetworkPolicy selecting no pod",
    ),
];

pub const KUBE_LINTER_NOT_COMPARABLE: &[Skip] = &[];

pub const KUBE_LINTER_LEFT_OUT: &[Skip] = &[
    s(
        "unset-cpu-requirements",
        "reports the CPU *request* (`cpu request 0`): AKS412 is about limits",
    ),
    s(
        "access-to-secrets",
        "reports the RoleBinding; AKS114 reports the Role granting the access",
    ),
    s(
        "access-to-create-pods",
        "create on pods: AKS114 is about pods/exec and pods/attach",
    ),
    s(
        "docker-sock, sensitive-host-mounts, writable-host-mount",
        "some hostPaths only: narrower than AKS408",
    ),
    s(
        "default-service-account",
        "default service account in use: not token automount (AKS411)",
    ),
    s(
        "exposed-services",
        "NodePort/LoadBalancer exposure: AKS305 is about the internal-LB annotation",
    ),
    s(
        "drop-net-raw-capability",
        "NET_RAW must be dropped: narrower than AKS405 (drop ALL)",
    ),
    s(
        "dangling-networkpolicypeer-podselector",
        "a policy peer's selector: AKS306 is about the policy's own podSelector",
    ),
];

// ------------------------------------------------------------------------------------------------
// Polaris (FairwindsOps/polaris): test/schema_test.go, file verdicts.

pub const POLARIS: &[Map] = &[
    m("runAsPrivileged", "AKS401", "securityContext.privileged"),
    m(
        "privilegeEscalationAllowed",
        "AKS402",
        "allowPrivilegeEscalation not false",
    ),
    m("runAsRootAllowed", "AKS403", "runAsNonRoot not true"),
    m(
        "notReadOnlyRootFilesystem",
        "AKS404",
        "readOnlyRootFilesystem not true",
    ),
    m(
        "dangerousCapabilities",
        "AKS406",
        "dangerous capabilities added",
    ),
    m("hostIPCSet", "AKS407", "hostIPC"),
    m("hostNetworkSet", "AKS407", "hostNetwork"),
    m("hostPIDSet", "AKS407", "hostPID"),
    m("hostPathSet", "AKS408", "hostPath volume"),
    m("hostPortSet", "AKS409", "hostPort"),
    m(
        "automountServiceAccountToken",
        "AKS411",
        "token automount, pod or its ServiceAccount",
    ),
    m("cpuLimitsMissing", "AKS412", "CPU limit missing"),
    m("memoryLimitsMissing", "AKS412", "memory limit missing"),
    m("procMount", "AKS413", "procMount Unmasked"),
    m("livenessProbeMissing", "AKS415", "liveness probe missing"),
    m("readinessProbeMissing", "AKS415", "readiness probe missing"),
    m("hostProcess", "AKS417", "windowsOptions.hostProcess"),
    m("tagNotSpecified", "AKS602", "image tag latest or none"),
    m(
        "clusterrolebindingClusterAdmin",
        "AKS112",
        "ClusterRoleBinding to cluster-admin",
    ),
    m(
        "rolebindingClusterAdminClusterRole",
        "AKS112",
        "RoleBinding to the ClusterRole cluster-admin",
    ),
    m(
        "clusterrolePodExecAttach",
        "AKS114",
        "ClusterRole granting pods/exec or pods/attach",
    ),
    m(
        "rolePodExecAttach",
        "AKS114",
        "Role granting pods/exec or pods/attach",
    ),
    m(
        "sensitiveContainerEnvVar",
        "AKS502",
        "secret-like env var name with a literal value",
    ),
];

pub const POLARIS_NOT_COMPARABLE: &[Skip] = &[];

pub const POLARIS_LEFT_OUT: &[Skip] = &[
    s(
        "rolebindingClusterAdminRole",
        "a RoleBinding to a *Role* named cluster-admin: AKS112 is about the ClusterRole",
    ),
    s(
        "clusterrolebindingPodExecAttach, rolebindingClusterRolePodExecAttach, rolebindingRolePodExecAttach",
        "report the binding; AKS114 reports the role",
    ),
    s(
        "insecureCapabilities",
        "a list of capabilities to drop: not AKS405's drop ALL",
    ),
    s(
        "linuxHardening",
        "any of AppArmor, seccomp, SELinux or dropped capabilities: no single rule",
    ),
    s(
        "missingNetworkPolicy",
        "needs a matchLabels policy with ingress and egress rules: not AKS303 (a default deny does not satisfy it)",
    ),
    s(
        "cpuRequestsMissing, memoryRequestsMissing",
        "requests: AKS412 is about limits",
    ),
    s(
        "sensitiveConfigmapContent",
        "ConfigMap content: no akslint rule",
    ),
    s("pullPolicyNotAlways", "image pull policy: no akslint rule"),
];

// ------------------------------------------------------------------------------------------------
// kube-score (zegl/kube-score): testExpectedScore calls in score/*_test.go.

pub const KUBE_SCORE: &[ScoreMap] = &[
    ScoreMap {
        check: "Container Security Context Privileged",
        rule: "AKS401",
        warning: Grade::Failed,
        kinds: WORKLOADS,
        note: "container-security-context-privileged",
    },
    ScoreMap {
        check: "Container Security Context ReadOnlyRootFilesystem",
        rule: "AKS404",
        warning: Grade::Failed,
        kinds: WORKLOADS,
        note: "container-security-context-readonlyrootfilesystem",
    },
    ScoreMap {
        check: "Container Seccomp Profile",
        rule: "AKS410",
        warning: Grade::Failed,
        kinds: WORKLOADS,
        note: "container-seccomp-profile (optional check)",
    },
    ScoreMap {
        check: "Container Resources",
        rule: "AKS412",
        // Critical = a limit missing; Warning = limits set, requests missing (not AKS412's concern).
        warning: Grade::Passed,
        kinds: WORKLOADS,
        note: "container-resources; Warning means limits set but requests missing",
    },
    ScoreMap {
        check: "Pod Probes",
        rule: "AKS415",
        warning: Grade::Failed,
        kinds: WORKLOADS,
        note: "pod-probes",
    },
    ScoreMap {
        check: "Container Image Tag",
        rule: "AKS602",
        warning: Grade::Failed,
        kinds: WORKLOADS,
        note: "container-image-tag",
    },
    ScoreMap {
        check: "Pod NetworkPolicy",
        rule: "AKS303",
        warning: Grade::Failed,
        kinds: WORKLOADS,
        note: "pod-networkpolicy",
    },
    ScoreMap {
        check: "NetworkPolicy targets Pod",
        rule: "AKS306",
        warning: Grade::Failed,
        kinds: &["NetworkPolicy"],
        note: "networkpolicy-targets-pod",
    },
];

pub const KUBE_SCORE_NOT_COMPARABLE: &[Skip] = &[];

pub const KUBE_SCORE_LEFT_OUT: &[Skip] = &[
    s(
        "Service Type",
        "flags NodePort: AKS305 is about LoadBalancer without the internal annotation",
    ),
    s(
        "Container Security Context User Group ID",
        "UID/GID above 10000: AKS403 is about root",
    ),
    s("Container Image Pull Policy", "no akslint rule"),
    s(
        "Container * Requests Equal Limits, Ephemeral Storage",
        "requests: AKS412 is about limits",
    ),
];

// ------------------------------------------------------------------------------------------------
// Trivy checks (aquasecurity/trivy-checks): `examples:` of the checks, integration test.

pub const TRIVY: &[Map] = &[
    m("KSV-0017", "AKS401", "privileged"),
    m("KSV-0001", "AKS402", "can elevate its own privileges"),
    m("KSV-0012", "AKS403", "runs as root user"),
    m("KSV-0022", "AKS406", "specific capabilities added"),
    m("KSV-0008", "AKS407", "host IPC"),
    m("KSV-0009", "AKS407", "host network"),
    m("KSV-0010", "AKS407", "host PID"),
    m("KSV-0023", "AKS408", "hostPath volumes"),
    m("KSV-0024", "AKS409", "host ports"),
    m(
        "KSV-0030",
        "AKS410",
        "RuntimeDefault seccomp profile not set",
    ),
    m("KSV-0036", "AKS411", "service account token automount"),
    m("KSV-0002", "AKS413", "AppArmor profile"),
    m("KSV-0025", "AKS413", "SELinux custom options"),
    m("KSV-0026", "AKS413", "unsafe sysctls"),
    m("KSV-0027", "AKS413", "non-default /proc masks"),
    m("KSV-0028", "AKS416", "non-core volume types"),
    // Terraform (azurerm_kubernetes_cluster)
    m("AZU-0042", "AKS104", "RBAC enabled"),
    m("AZU-0041", "AKS201", "authorized IP ranges"),
    m("AZU-0065", "AKS201", "private cluster"),
    m("AZU-0067", "AKS210", "disk encryption set"),
    m("AZU-0043", "AKS312", "network policy"),
    m("AZU-0066", "AKS704", "Azure Policy add-on"),
    m("AZU-0040", "AKS705", "logging to Azure Monitor (oms_agent)"),
];

pub const TRIVY_NOT_COMPARABLE: &[Skip] = &[];

pub const TRIVY_LEFT_OUT: &[Skip] = &[
    s(
        "KSV-0038",
        "NetworkPolicy selector presence only: partial of AKS304",
    ),
    s("KSV-0109", "ConfigMap with secrets: no akslint rule"),
    s("KSV-0037", "user resources in kube-system: no akslint rule"),
    s("KCV-0093", "ingress-nginx annotations: no akslint rule"),
];

// ------------------------------------------------------------------------------------------------
// Kubescape regolibrary (kubescape/regolibrary): rule test cases (list of expected alerts).

pub const KUBESCAPE: &[Map] = &[
    m("rule-privileged-container", "AKS401", "C-0057"),
    m("rule-allow-privilege-escalation", "AKS402", "C-0016"),
    m("non-root-containers", "AKS403", "C-0013"),
    m("immutable-container-filesystem", "AKS404", "C-0017"),
    m("insecure-capabilities", "AKS406", "C-0046"),
    m("host-pid-privileges", "AKS407", "C-0038"),
    m("host-ipc-privileges", "AKS407", "C-0038"),
    m("host-pid-ipc-privileges", "AKS407", "C-0038"),
    m("host-network-access", "AKS407", "C-0041"),
    m("alert-any-hostpath", "AKS408", "C-0048"),
    m("container-hostPort", "AKS409", "C-0044"),
    m("automount-service-account", "AKS411", "C-0034"),
    m(
        "automount-default-service-account",
        "AKS411",
        "C-0189: the `default` ServiceAccount's automountServiceAccountToken",
    ),
    m(
        "ingress-and-egress-blocked",
        "AKS303",
        "C-0030: a workload no NetworkPolicy selects",
    ),
    m("resources-cpu-limits", "AKS412", "C-0270"),
    m("resources-memory-limits", "AKS412", "C-0271"),
    m(
        "image-not-pinned-to-digest",
        "AKS601",
        "image without a digest",
    ),
    m("rule-credentials-in-env-var", "AKS502", "C-0012"),
    m("rule-secrets-in-env-var", "AKS506", "C-0207"),
];

pub const KUBESCAPE_NOT_COMPARABLE: &[Skip] = &[
    s(
        "ensure-azure-rbac-is-set",
        "AKS103 candidate; input is AKS ClusterDescribe JSON from the cloud API, not Terraform",
    ),
    s(
        "rbac-enabled-cloud",
        "AKS104 candidate; cloud-API input, not Terraform",
    ),
    s(
        "ensure-clusters-are-created-with-private-endpoint-enabled-and-public-access-disabled",
        "AKS201 candidate; cloud-API input, not Terraform",
    ),
    s(
        "restrict-access-to-the-control-plane-endpoint",
        "AKS201/AKS202 candidate; cloud-API input, not Terraform",
    ),
    s(
        "ensure-clusters-are-created-with-private-nodes",
        "AKS206 candidate; cloud-API input, not Terraform",
    ),
    s(
        "rule-cni-enabled-aks",
        "AKS311 candidate; cloud-API input, not Terraform",
    ),
    s(
        "ensure-image-vulnerability-scanning-using-azure-defender-image-scanning-or-a-third-party-provider",
        "AKS703 candidate; cloud-API input, not Terraform",
    ),
    s(
        "cluster-admin-role",
        "AKS112 candidate; alerts name the subject (`external:Group/…`), not the binding akslint reports",
    ),
    s(
        "rule-can-bind-escalate",
        "AKS114 candidate; alerts name the subject, not the Role akslint reports",
    ),
    s(
        "rule-can-impersonate-users-groups-v1",
        "AKS114 candidate; alerts name the subject, not the Role akslint reports",
    ),
    s(
        "rule-can-list-get-secrets-v1",
        "AKS114 candidate; alerts name the subject, not the Role akslint reports",
    ),
];

pub const KUBESCAPE_LEFT_OUT: &[Skip] = &[
    s(
        "alert-rw-hostpath, containers-mounting-docker-socket, alert-mount-potential-credentials-paths",
        "some hostPaths only: narrower than AKS408",
    ),
    s(
        "drop-capability-netraw",
        "NET_RAW must be dropped: narrower than AKS405",
    ),
    s(
        "linux-hardening",
        "any of AppArmor, seccomp, SELinux or dropped capabilities: no single rule",
    ),
    s(
        "internal-networking",
        "a Namespace object without any policy, in fixtures that hold no workload: AKS301/302 judge namespaces that hold workloads",
    ),
    s(
        "ensure-external-secrets-storage-is-in-use",
        "cluster-scope: some volume uses a SecretProviderClass (C-0208)",
    ),
    s(
        "rule-can-create-pod, rule-can-ssh-to-pod-v1, rule-list-all-cluster-admins-v1, rule-access-dashboard-*",
        "not in AKS112/AKS114",
    ),
    s(
        "rule-credentials-configmap",
        "ConfigMap content: no akslint rule",
    ),
    s(
        "pod-security-admission-*, naked-pods, instance-metadata-api-access, ingress-no-tls, CVE-2021-25742",
        "no akslint rule",
    ),
];
