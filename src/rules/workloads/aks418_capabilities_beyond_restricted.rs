//! AKS418 capabilities-beyond-restricted: `capabilities.add` holds a capability of the Pod
//! Security Standards baseline list other than `NET_BIND_SERVICE` (the only one restricted
//! allows). Capabilities outside the baseline list are AKS406's. Windows pods are exempt.

use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{Ctx, Rule, RuleMeta};

declare_rule!(CapabilitiesBeyondRestricted, "AKS418");

/// The baseline list without `NET_BIND_SERVICE`.
const BASELINE_NOT_RESTRICTED: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// A capability name as the runtime reads it: case-insensitive, `CAP_` prefix optional.
fn normalize(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    match upper.strip_prefix("CAP_") {
        Some(rest) => rest.to_string(),
        None => upper,
    }
}

impl Rule for CapabilitiesBeyondRestricted {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check(&self, obj: &Object<'_, '_>, cx: &mut Ctx<'_>) {
        let Some(pod) = obj.pod_spec() else { return };
        if pod.is_windows() {
            return;
        }
        let doc = pod.doc;
        for c in pod.containers() {
            let Some(add) = c.security_context(&["capabilities", "add"]) else {
                continue;
            };
            let mut first = None;
            let mut names = Vec::new();
            for item in doc.seq(add.value) {
                let Some(name) = doc.str(item) else { continue };
                if BASELINE_NOT_RESTRICTED.contains(&normalize(name).as_str()) {
                    first.get_or_insert(doc.span(item));
                    names.push(format!("`{name}`"));
                }
            }
            let Some(span) = first else { continue };
            let list = names.join(", ");
            let plural = if names.len() == 1 { "y" } else { "ies" };
            cx.report(
                span,
                format!(
                    "{} adds capabilit{plural} {list} beyond the Pod Security Standards restricted level, which allows adding only `NET_BIND_SERVICE`",
                    c.describe()
                ),
                "remove them from `securityContext.capabilities.add` and keep `capabilities: {drop: [\"ALL\"], add: [\"NET_BIND_SERVICE\"]}` at most; set file ownership at image build time or with `fsGroup`, and start as the final user with `runAsUser`",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn names_match_case_insensitively_with_or_without_prefix() {
        assert_eq!(normalize("chown"), "CHOWN");
        assert_eq!(normalize("CAP_KILL"), "KILL");
        assert_eq!(normalize("cap_setgid"), "SETGID");
        assert_eq!(normalize("CHOWNER"), "CHOWNER");
    }
}
