//! Layer 6: images.

use crate::k8s::{Container, Workload};
use crate::yaml::Entry;

use super::image_ref::ImageRef;

mod aks601_image_not_pinned_by_digest;
mod aks602_image_latest_tag;
mod aks603_untrusted_registry;
mod aks611_acr_admin_user_enabled;
mod aks612_acr_public_network;
mod aks613_acr_anonymous_pull;

super::layer! {
    aks601_image_not_pinned_by_digest::ImageNotPinnedByDigest,
    aks602_image_latest_tag::ImageLatestTag,
    aks603_untrusted_registry::UntrustedRegistry,
    aks611_acr_admin_user_enabled::AcrAdminUserEnabled,
    aks612_acr_public_network::AcrPublicNetwork,
    aks613_acr_anonymous_pull::AcrAnonymousPull,
}

/// A container of a workload with its `image` entry and the parsed reference.
pub(crate) struct ContainerImage<'w, 'd, 't> {
    pub container: &'w Container<'d, 't>,
    pub entry: Entry,
    pub image: ImageRef<'d>,
}

/// Every container (regular, init, ephemeral) of a workload whose `image` is a reference.
/// Containers without an image, with a null one, or with a value that is not a reference yet
/// (`${IMAGE}`, `<acr-name>.azurecr.io/app`, `{{ .Values.image }}`) are left out: unknown, silent.
pub(crate) fn container_images<'w, 'd, 't>(
    w: &'w Workload<'d, 't>,
) -> Vec<ContainerImage<'w, 'd, 't>> {
    let doc = w.obj.doc;
    w.containers
        .iter()
        .filter_map(|container| {
            let entry = container.entry("image")?;
            if doc.is_null(entry.value) {
                return None;
            }
            let image = ImageRef::parse(doc.str(entry.value)?)?;
            Some(ContainerImage {
                container,
                entry,
                image,
            })
        })
        .collect()
}

/// The reference without tag or digest, as written (`contoso.azurecr.io/app`, `nginx`).
pub(crate) fn name_as_written(image: &ImageRef<'_>) -> String {
    match image.registry {
        Some(registry) => format!("{registry}/{}", image.path),
        None => image.path.to_string(),
    }
}
