//! AKS402 privilege-escalation-allowed: `allowPrivilegeEscalation` not `false` (absent counts).
//! A container-level field only; Windows pods are exempt.

use super::required_flag::RequiredFlag;
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{Ctx, Rule, RuleMeta};

declare_rule!(PrivilegeEscalationAllowed, "AKS402");

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
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check(&self, obj: &Object<'_, '_>, cx: &mut Ctx<'_>) {
        FLAG.check(obj, cx);
    }
}
