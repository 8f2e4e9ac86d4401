//! Layer 6: images.

use super::Rule;
use crate::k8s::{Container, Object};
use crate::yaml::Entry;

mod aks601_image_not_pinned_by_digest;
mod aks602_image_latest_tag;
mod aks603_untrusted_registry;
mod aks611_acr_admin_user_enabled;
mod aks612_acr_public_network;
mod aks613_acr_anonymous_pull;

pub use aks601_image_not_pinned_by_digest::ImageNotPinnedByDigest;
pub use aks602_image_latest_tag::ImageLatestTag;
pub use aks603_untrusted_registry::UntrustedRegistry;
pub use aks611_acr_admin_user_enabled::AcrAdminUserEnabled;
pub use aks612_acr_public_network::AcrPublicNetwork;
pub use aks613_acr_anonymous_pull::AcrAnonymousPull;

use super::image_ref::ImageRef;

pub static ALL: &[&dyn Rule] = &[
    &ImageNotPinnedByDigest,
    &ImageLatestTag,
    &UntrustedRegistry,
    &AcrAdminUserEnabled,
    &AcrPublicNetwork,
    &AcrAnonymousPull,
];

/// A container of a workload with its `image` entry and the parsed reference.
pub(crate) struct ContainerImage<'d, 't> {
    pub container: Container<'d, 't>,
    pub entry: Entry,
    pub image: ImageRef<'d>,
}

/// Every container (regular, init, ephemeral) of a workload whose `image` is a reference.
/// Containers without an image, with a null one, or with a value that is not a reference yet
/// (`${IMAGE}`, `<acr-name>.azurecr.io/app`, `{{ .Values.image }}`) are left out: unknown, silent.
pub(crate) fn container_images<'d, 't>(obj: &Object<'d, 't>) -> Vec<ContainerImage<'d, 't>> {
    let Some(pod) = obj.pod_spec() else {
        return Vec::new();
    };
    let doc = obj.doc;
    pod.containers()
        .into_iter()
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
