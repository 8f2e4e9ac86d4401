//! AKS602 image-latest-tag: an image tagged `latest`, or with no tag, and no digest.

use super::{container_images, name_as_written};
use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(ImageLatestTag, "AKS602", [Workloads]);

impl Rule for ImageLatestTag {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        for ci in container_images(w) {
            let image = &ci.image;
            // A digest wins: `app:latest@sha256:…` runs one exact image (pinning is AKS601).
            if image.is_pinned() {
                continue;
            }
            let what = match image.tag {
                None => "has no tag, so Kubernetes pulls `latest`",
                Some("latest") => "uses the `latest` tag",
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
