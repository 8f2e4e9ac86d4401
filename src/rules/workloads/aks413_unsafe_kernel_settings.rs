//! AKS413 unsafe-kernel-settings: one finding per offending setting — a sysctl outside the Pod
//! Security Standards safe set, `procMount` other than `Default`, AppArmor other than
//! `RuntimeDefault`/`Localhost` (field, or the `container.apparmor.security.beta.kubernetes.io/*`
//! pod annotation), or an SELinux type outside the `container_*` set.

use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};
use crate::yaml::{Document, Entry};

declare_rule!(UnsafeKernelSettings, "AKS413", [Workloads]);

/// The PSS baseline "safe" sysctls (Kubernetes 1.29 list).
const SAFE_SYSCTLS: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];

const SELINUX_TYPES: &[&str] = &[
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

const APPARMOR_ANNOTATION: &str = "container.apparmor.security.beta.kubernetes.io/";

/// The string value of an entry, `None` when unset (absent, null or empty).
fn set_value<'d>(doc: &'d Document<'_>, e: Entry) -> Option<&'d str> {
    if doc.is_null(e.value) {
        return None;
    }
    doc.str(e.value).filter(|s| !s.is_empty())
}

impl Rule for UnsafeKernelSettings {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        let doc = pod.doc;

        // Sysctls (pod level only).
        if let Some(list) = pod.security_context(&["sysctls"]) {
            for item in doc.seq(list.value) {
                let Some(name) = doc.get(item, "name").and_then(|n| doc.str(n)) else {
                    continue;
                };
                if name.is_empty() || SAFE_SYSCTLS.contains(&name) {
                    continue;
                }
                cx.report(
                    doc.span(item),
                    format!("the pod sets sysctl `{name}`, which is not in the Pod Security Standards safe set: it can change the node's kernel for every pod"),
                    "remove it from `spec.securityContext.sysctls`; a node-wide kernel setting belongs in AKS custom node configuration (`linuxOSConfig.sysctls`) of a dedicated node pool",
                );
            }
        }

        // AppArmor and SELinux: pod level (once), then each container's own setting.
        let apparmor = |cx: &mut K8sCtx<'_>, e: Entry, who: &str| {
            if let Some(v) = set_value(doc, e)
                && !matches!(v, "RuntimeDefault" | "Localhost")
            {
                cx.report(
                    doc.entry_span(e),
                    format!("{who} sets AppArmor profile type `{v}`: the default AppArmor confinement is turned off"),
                    "use `appArmorProfile: {type: RuntimeDefault}` (or `type: Localhost` with `localhostProfile`)",
                );
            }
        };
        let selinux = |cx: &mut K8sCtx<'_>, e: Entry, who: &str| {
            if let Some(v) = set_value(doc, e)
                && !SELINUX_TYPES.contains(&v)
            {
                cx.report(
                    doc.entry_span(e),
                    format!("{who} sets SELinux type `{v}`, outside `container_t`, `container_init_t`, `container_kvm_t` and `container_engine_t`: it escapes SELinux confinement"),
                    "remove `seLinuxOptions.type` (the runtime assigns `container_t`) or use one of the container types",
                );
            }
        };
        if let Some(e) = pod.security_context(&["appArmorProfile", "type"]) {
            apparmor(cx, e, "the pod");
        }
        if let Some(e) = pod.security_context(&["seLinuxOptions", "type"]) {
            selinux(cx, e, "the pod");
        }
        for c in &w.containers {
            let who = c.describe();
            if let Some(e) = c.security_context(&["procMount"])
                && let Some(v) = set_value(doc, e)
                && v != "Default"
            {
                cx.report(
                    doc.entry_span(e),
                    format!("{who} sets `procMount: {v}`: the masks over /proc that hide host kernel state are removed"),
                    "remove `procMount` (or set `procMount: Default`)",
                );
            }
            if let Some(e) = c.security_context(&["appArmorProfile", "type"]) {
                apparmor(cx, e, &who);
            }
            if let Some(e) = c.security_context(&["seLinuxOptions", "type"]) {
                selinux(cx, e, &who);
            }
        }

        // The older AppArmor annotations on the pod (template) metadata.
        for e in pod.annotations() {
            let Some(container) = doc
                .str(e.key)
                .and_then(|k| k.strip_prefix(APPARMOR_ANNOTATION))
            else {
                continue;
            };
            let Some(v) = set_value(doc, e) else { continue };
            if v == "runtime/default" || v.starts_with("localhost/") {
                continue;
            }
            cx.report(
                doc.entry_span(e),
                format!("the AppArmor annotation for container `{container}` is `{v}`: the default AppArmor confinement is turned off"),
                "remove the annotation (or set it to `runtime/default`), or better use the field `securityContext.appArmorProfile: {type: RuntimeDefault}`",
            );
        }
    }
}
