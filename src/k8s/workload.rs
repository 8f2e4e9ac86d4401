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
