//! AKS404 writable-root-filesystem: `readOnlyRootFilesystem` not `true` (absent counts). A
//! container-level field only; Windows pods are exempt, and a privileged container (which can
//! remount it) is AKS401's alone.

use super::required_flag::RequiredFlag;
use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(WritableRootFilesystem, "AKS404", [Workloads]);

const FLAG: RequiredFlag = RequiredFlag {
    key: "readOnlyRootFilesystem",
    want: true,
    wrong: "has a writable root filesystem",
    when_empty: "its root filesystem is writable",
    when_missing: "has a writable root filesystem: `readOnlyRootFilesystem: true` is not set",
    help: HELP,
};

const HELP: &str = "set `readOnlyRootFilesystem: true` under the container's `securityContext` and mount an `emptyDir` volume (with a `sizeLimit`) at each path the application writes to, such as `/tmp`";

impl Rule for WritableRootFilesystem {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        FLAG.check(w, cx);
    }
}
