//! AKS406 dangerous-capabilities: `capabilities.add` holds a capability outside the Pod Security
//! Standards baseline list (`ALL` included). Windows pods are not exempt; a privileged container
//! has them all anyway, and is AKS401's alone.

use super::capabilities::{PSS_BASELINE, capability};
use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(DangerousCapabilities, "AKS406", [Workloads]);

const HELP: &str = "remove them from `securityContext.capabilities.add` and keep `drop: [\"ALL\"]`; Pod Security Standards baseline allows adding only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT (restricted: NET_BIND_SERVICE alone)";

/// Is this added capability outside the baseline list?
fn dangerous(name: &str) -> bool {
    let cap = capability(name);
    !cap.is_empty() && !PSS_BASELINE.contains(&cap.as_str())
}

impl Rule for DangerousCapabilities {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        for c in w.unprivileged() {
            let doc = c.doc;
            let Some(add) = c.security_context(&["capabilities", "add"]) else {
                continue;
            };
            let mut bad: Vec<_> = doc
                .seq(add.value)
                .filter_map(|i| doc.str(i).filter(|n| dangerous(n)).map(|n| (i, n)))
                .collect();
            bad.sort_by_key(|&(i, _)| doc.span(i).start);
            let Some(&(first, _)) = bad.first() else {
                continue;
            };
            let named: Vec<String> = bad
                .iter()
                .map(|&(_, n)| {
                    if capability(n) == "ALL" {
                        format!("`{n}` (every capability)")
                    } else {
                        format!("`{n}`")
                    }
                })
                .collect();
            let noun = if bad.len() == 1 {
                "a capability"
            } else {
                "capabilities"
            };
            cx.report(
                doc.span(first),
                format!(
                    "{} adds {noun} outside the Pod Security Standards baseline: {}",
                    c.describe(),
                    named.join(", ")
                ),
                HELP,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::dangerous;

    #[test]
    fn baseline_names_match_whole_names_in_any_spelling() {
        for ok in [
            "CHOWN",
            "cap_chown",
            "Net_Bind_Service",
            "CAP_SYS_CHROOT",
            "",
        ] {
            assert!(!dangerous(ok), "{ok}");
        }
        for bad in [
            "SYS_ADMIN",
            "cap_sys_admin",
            "ALL",
            "all",
            "AUDIT_CONTROL",
            "CHOWNX",
        ] {
            assert!(dangerous(bad), "{bad}");
        }
    }
}
