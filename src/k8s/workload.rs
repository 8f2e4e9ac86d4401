//! A workload as the pod rules see it: built once per object by the engine, so the pod spec, the
//! container list and the Windows test are derived once, not once per rule.

use super::{Container, Object, PodSpec};

/// An object with a pod template (or a Pod), its pod spec and every container.
pub struct Workload<'d, 't> {
    pub obj: Object<'d, 't>,
    pub pod: PodSpec<'d, 't>,
    /// `containers`, then `initContainers`, then `ephemeralContainers`.
    pub containers: Vec<Container<'d, 't>>,
    /// A Windows pod ([`PodSpec::is_windows`]): exempt from the Linux-only Pod Security
    /// Standards controls. Whether a rule exempts it is the rule's decision.
    pub windows: bool,
}

impl<'d, 't> Workload<'d, 't> {
    /// A Windows HostProcess pod: some container's effective `windowsOptions.hostProcess` (its own,
    /// else the pod's) is true. Such a pod runs on the node itself and must use `hostNetwork`.
    pub fn host_process(&self) -> bool {
        self.containers.iter().any(|c| {
            c.effective(&["windowsOptions", "hostProcess"])
                .is_some_and(|(e, _)| c.doc.bool(e.value) == Some(true))
        })
    }

    /// The containers that are not privileged: a privileged container is AKS401's alone, since
    /// privileged implies every capability, no seccomp confinement and privilege escalation, so
    /// the rules about those settings have nothing to say of it (rules.md v2).
    pub fn unprivileged(&self) -> impl Iterator<Item = &Container<'d, 't>> {
        self.containers.iter().filter(|c| !c.privileged())
    }

    /// The workload view of `obj`; `None` for other kinds and for a workload whose pod spec is
    /// missing or not a mapping.
    pub fn of(obj: &Object<'d, 't>) -> Option<Self> {
        let pod = obj.pod_spec()?;
        Some(Workload {
            obj: *obj,
            containers: pod.containers(),
            windows: pod.is_windows(),
            pod,
        })
    }
}
