//! AKS601 image-not-pinned-by-digest: an image without `@sha256:…`.

use super::{container_images, name_as_written};
use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(ImageNotPinnedByDigest, "AKS601", [Workloads]);

impl Rule for ImageNotPinnedByDigest {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        for ci in container_images(w) {
            let image = &ci.image;
            if image.is_pinned() {
                continue;
            }
            let tag = image.tag.unwrap_or("<version>");
            let host = image.host();
            let lookup = if [".azurecr.io", ".azurecr.cn", ".azurecr.us"]
                .iter()
                .any(|s| host.ends_with(s))
            {
                format!(
                    "`az acr repository show --name {} --image {}:{tag} --query digest -o tsv`",
                    host.split('.').next().unwrap_or("<registry>"),
                    image.path
                )
            } else {
                format!("`crane digest {}:{tag}`", name_as_written(image))
            };
            cx.report(
                ci.container.doc.entry_span(ci.entry),
                if image.has_malformed_digest() {
                    format!(
                        "{} uses image `{image}`, whose digest is malformed: the runtime rejects it and nothing is pinned",
                        ci.container.describe()
                    )
                } else {
                    format!(
                        "{} uses image `{image}` without a digest: the tag can be moved to other content",
                        ci.container.describe()
                    )
                },
                format!(
                    "pin the tested image by digest and keep the tag for readers: `image: {}:{tag}@sha256:<digest>` (get the digest with {lookup})",
                    name_as_written(image)
                ),
            );
        }
    }
}
