//! AKS404 writable-root-filesystem: `readOnlyRootFilesystem` not `true` (absent counts). A
//! container-level field only; Windows pods are exempt.

use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::yaml::Style;

declare_rule!(WritableRootFilesystem, "AKS404");

const HELP: &str = "set `readOnlyRootFilesystem: true` under the container's `securityContext` and mount an `emptyDir` volume (with a `sizeLimit`) at each path the application writes to, such as `/tmp`";

impl Rule for WritableRootFilesystem {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check(&self, obj: &Object<'_, '_>, cx: &mut Ctx<'_>) {
        let Some(pod) = obj.pod_spec() else { return };
        if pod.is_windows() {
            return;
        }
        for c in pod.containers() {
            let doc = c.doc;
            match c.security_context(&["readOnlyRootFilesystem"]) {
                Some(e) if doc.bool(e.value) == Some(true) => {}
                Some(e) if !doc.is_null(e.value) => {
                    let message = if doc.style(e.value) == Some(Style::Quoted) {
                        format!(
                            "{} sets `readOnlyRootFilesystem: {}`, a string where Kubernetes expects the boolean `true`",
                            c.describe(),
                            doc.shown(e.value)
                        )
                    } else {
                        format!(
                            "{} has a writable root filesystem (`readOnlyRootFilesystem: {}`)",
                            c.describe(),
                            doc.shown(e.value)
                        )
                    };
                    cx.report(doc.entry_span(e), message, HELP);
                }
                Some(e) => {
                    cx.report(
                        doc.entry_span(e),
                        format!(
                            "{} leaves `readOnlyRootFilesystem` empty; its root filesystem is writable",
                            c.describe()
                        ),
                        HELP,
                    );
                }
                None => {
                    cx.report(
                        c.anchor(),
                        format!(
                            "{} has a writable root filesystem: `readOnlyRootFilesystem: true` is not set",
                            c.describe()
                        ),
                        HELP,
                    );
                }
            }
        }
    }
}
