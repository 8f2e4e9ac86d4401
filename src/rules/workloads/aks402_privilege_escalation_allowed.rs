//! AKS402 privilege-escalation-allowed: `allowPrivilegeEscalation` not `false` (absent counts).
//! A container-level field only; Windows pods are exempt, and a privileged container is AKS401's
//! alone (the API server rejects `allowPrivilegeEscalation: false` with `privileged: true`).

use super::required_flag::RequiredFlag;
use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(PrivilegeEscalationAllowed, "AKS402", [Workloads]);

const FLAG: RequiredFlag = RequiredFlag {
    key: "allowPrivilegeEscalation",
    want: false,
    wrong: "allows privilege escalation",
    when_empty: "Kubernetes defaults it to true",
    when_missing: "does not set `allowPrivilegeEscalation: false`; Kubernetes defaults it to true",
    help: HELP,
};

const HELP: &str = "add `allowPrivilegeEscalation: false` under the container's `securityContext` (there is no pod-level field: every container, init and ephemeral container needs it)";

impl Rule for PrivilegeEscalationAllowed {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        FLAG.check(w, cx);
    }
}
