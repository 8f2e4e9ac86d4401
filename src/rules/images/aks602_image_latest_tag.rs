//! AKS602 image-latest-tag: an image with no digest and a moving tag: none (Kubernetes pulls
//! `latest`), `latest`, or a branch or channel tag (`master`, `main`, `head`, `nightly`, `edge`,
//! `dev`, `develop`, `canary`, `snapshot`, and tags ending `-latest`, `-nightly`, `-snapshot`,
//! `-head`), compared case-insensitively. A digest wins: `app:latest@sha256:…` is silent.

use super::{container_images, name_as_written};
use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(ImageLatestTag, "AKS602", [Workloads]);

/// Branch and channel tags that are pushed again and again.
const MOVING: [&str; 9] = [
    "master", "main", "head", "nightly", "edge", "dev", "develop", "canary", "snapshot",
];
const MOVING_SUFFIXES: [&str; 4] = ["-latest", "-nightly", "-snapshot", "-head"];

/// A tag that names a branch or channel rather than a release (`latest` aside).
fn moving(tag: &str) -> bool {
    let t = tag.to_ascii_lowercase();
    MOVING.contains(&t.as_str()) || MOVING_SUFFIXES.iter().any(|s| t.ends_with(s))
}

impl Rule for ImageLatestTag {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        for ci in container_images(w) {
            let image = &ci.image;
            // A digest wins: `app:latest@sha256:…` runs one exact image (pinning is AKS601).
            if image.is_pinned() {
                continue;
            }
            let what = match image.tag {
                None => "has no tag, so Kubernetes pulls `latest`".to_string(),
                Some(t) if t.eq_ignore_ascii_case("latest") => "uses the `latest` tag".to_string(),
                Some(t) if moving(t) => {
                    format!("uses `{t}`, a tag that moves with its branch or channel")
                }
                Some(_) => continue,
            };
            cx.report(
                ci.container.doc.entry_span(ci.entry),
                format!(
                    "{} image `{image}` {what}: it runs whatever was pushed last, and replicas can run different builds",
                    ci.container.describe()
                ),
                format!(
                    "reference a fixed version: `image: {}:<version>` (best with its digest: `:<version>@sha256:<digest>`)",
                    name_as_written(image)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::moving;

    #[test]
    fn moving_tags() {
        for t in [
            "main",
            "MASTER",
            "nightly",
            "dev",
            "canary",
            "1.2-latest",
            "v2-SNAPSHOT",
            "x-head",
        ] {
            assert!(moving(t), "{t}");
        }
        for t in [
            "1.2.3",
            "v2",
            "main-1.2",
            "devel",
            "headless",
            "snapshot-2024",
            "latest-1",
        ] {
            assert!(!moving(t), "{t}");
        }
    }
}
