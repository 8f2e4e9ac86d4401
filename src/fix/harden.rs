//! The unsafe fixes: the hardening settings, each set where the finding's container or pod
//! spec writes it (a wrong value replaced) or inserted where it is missing (`securityContext:`
//! made when there is none). They change how the workload runs, so they can break it: a
//! read-only root filesystem breaks an app that writes to `/tmp`, `runAsNonRoot` an image whose
//! user is root.
//!
//! | rule | fix |
//! |---|---|
//! | AKS402 | `allowPrivilegeEscalation: false` in the container's `securityContext` |
//! | AKS403 | `runAsNonRoot: true`: the container's own wrong value, else the pod's `securityContext` (none on Windows, none while a `runAsUser: 0` applies) |
//! | AKS404 | `readOnlyRootFilesystem: true` in the container's `securityContext` |
//! | AKS405 | `capabilities.drop: [ALL]`, or `ALL` added to the `drop` list written |
//! | AKS410 | `seccompProfile.type: RuntimeDefault`: the container's own wrong type, else the pod's |
//! | AKS411 | `automountServiceAccountToken: false` in the pod spec |

use super::yaml_edit::Editor;
use super::{Applicability, Edit, Fix};
use crate::k8s::{self, Container, Workload};

/// The fix of a finding of `rule` starting at `offset`, when it has one.
pub(super) fn fix(rule: &str, ed: &Editor<'_, '_>, offset: u32) -> Option<Fix> {
    let doc = ed.doc;
    let objects = k8s::objects(doc);
    let obj = objects.iter().find(|o| {
        let s = o.span();
        s.start <= offset && offset < s.end
    })?;
    let w = Workload::of(obj)?;
    let container = w.containers.iter().find(|c| {
        let s = doc.span(c.node);
        s.start <= offset && offset < s.end
    });
    let (title, edits) = match rule {
        "AKS402" => flag(ed, container?, "allowPrivilegeEscalation", "false")?,
        "AKS404" => flag(ed, container?, "readOnlyRootFilesystem", "true")?,
        "AKS405" => drop_all(ed, container?)?,
        "AKS403" => non_root(ed, &w, container)?,
        "AKS410" => seccomp(ed, &w, container)?,
        "AKS411" => (
            "Set `automountServiceAccountToken: false` in the pod spec".to_string(),
            ed.set(w.pod.node, &["automountServiceAccountToken"], "false")?,
        ),
        _ => return None,
    };
    Some(Fix::new(title, Applicability::Unsafe, edits))
}

type Planned = (String, Vec<Edit>);

/// A container-level `securityContext` boolean.
fn flag(ed: &Editor<'_, '_>, c: &Container<'_, '_>, key: &str, value: &str) -> Option<Planned> {
    Some((
        format!("Set `{key}: {value}` on {}", c.describe()),
        ed.set(c.node, &["securityContext", key], value)?,
    ))
}

fn drop_all(ed: &Editor<'_, '_>, c: &Container<'_, '_>) -> Option<Planned> {
    let doc = ed.doc;
    let title = format!("Drop `ALL` capabilities of {}", c.describe());
    let written = c
        .security_context(&["capabilities", "drop"])
        .filter(|e| !doc.is_null(e.value));
    let Some(drop) = written else {
        return Some((
            title,
            ed.set(
                c.node,
                &["securityContext", "capabilities", "drop"],
                "[ALL]",
            )?,
        ));
    };
    let caps = doc
        .get(c.node, "securityContext")
        .and_then(|sc| doc.get(sc, "capabilities"))?;
    if ed.is_flow(caps) {
        return None;
    }
    Some((title, vec![ed.append_item(drop.value, "ALL")?]))
}

/// AKS403: never on Windows (root there is an account name, not a flag) nor while the
/// container would still run as UID 0 (the finding would stay).
fn non_root(
    ed: &Editor<'_, '_>,
    w: &Workload<'_, '_>,
    c: Option<&Container<'_, '_>>,
) -> Option<Planned> {
    let doc = ed.doc;
    if w.windows || w.host_process() {
        return None;
    }
    let uid0 = |c: &Container<'_, '_>| {
        c.effective(&["runAsUser"])
            .is_some_and(|(e, _)| doc.int(e.value) == Some(0))
    };
    // The finding's container; at a pod-level entry, any of the containers that report there.
    let stays = match c {
        Some(c) => uid0(c),
        None => w.containers.iter().any(uid0),
    };
    if stays {
        return None;
    }
    let own = c.filter(|c| {
        c.security_context(&["runAsNonRoot"])
            .is_some_and(|e| !doc.is_null(e.value))
    });
    match own {
        Some(c) => Some((
            format!("Set `runAsNonRoot: true` on {}", c.describe()),
            ed.set(c.node, &["securityContext", "runAsNonRoot"], "true")?,
        )),
        None => Some((
            "Set `runAsNonRoot: true` in the pod's securityContext".to_string(),
            ed.set(w.pod.node, &["securityContext", "runAsNonRoot"], "true")?,
        )),
    }
}

fn seccomp(
    ed: &Editor<'_, '_>,
    w: &Workload<'_, '_>,
    c: Option<&Container<'_, '_>>,
) -> Option<Planned> {
    let doc = ed.doc;
    let path = ["securityContext", "seccompProfile", "type"];
    let own = c.filter(|c| {
        c.security_context(&path[1..])
            .is_some_and(|e| !doc.is_null(e.value))
    });
    match own {
        Some(c) => Some((
            format!(
                "Set `seccompProfile.type: RuntimeDefault` on {}",
                c.describe()
            ),
            ed.set(c.node, &path, "RuntimeDefault")?,
        )),
        None => Some((
            "Set `seccompProfile.type: RuntimeDefault` in the pod's securityContext".to_string(),
            ed.set(w.pod.node, &path, "RuntimeDefault")?,
        )),
    }
}
