//! AKS603 untrusted-registry: an image from a registry outside the allow-list.

use super::container_images;
use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::image_ref::{DEFAULT_ALLOWED_REGISTRIES, ImageRef, RegistryPattern};
use crate::rules::{K8sCtx, Rule, RuleParams};
use serde::Deserialize;

declare_rule!(
    UntrustedRegistry,
    "AKS603",
    [Workloads],
    params = Aks603Params
);

/// `[rules.AKS603]`: the registries images may come from.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Aks603Params {
    /// Host globs with an optional path prefix; `None` means the default list.
    pub allowed_registries: Option<Vec<String>>,
    /// The allow-list in force, parsed once when the config is loaded.
    #[serde(skip)]
    pub patterns: Vec<RegistryPattern>,
}

impl RuleParams for Aks603Params {
    fn prepare(&mut self) -> Result<(), String> {
        let registries: Vec<String> = match &self.allowed_registries {
            Some(list) => list.clone(),
            None => DEFAULT_ALLOWED_REGISTRIES
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        self.patterns = registries
            .iter()
            .map(|p| {
                RegistryPattern::parse(p).map_err(|e| format!("allowed-registries: `{p}`: {e}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(())
    }
}

impl Rule for UntrustedRegistry {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let images = container_images(w);
        if images.is_empty() {
            return;
        }
        let allowed = &cx.params::<Aks603Params>().patterns;
        let list = allowed
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ");
        for ci in images {
            let image = &ci.image;
            if allowed.iter().any(|p| p.matches(image)) {
                continue;
            }
            // The registry is listed, but only for some paths (`mcr.microsoft.com/oss`).
            let prefixes: Vec<String> = allowed
                .iter()
                .filter(|p| p.has_path_prefix() && p.matches_host(image))
                .map(|p| format!("`{p}`"))
                .collect();
            let message = if prefixes.is_empty() {
                format!(
                    "{} pulls `{image}` from {}, which is not an allowed registry",
                    ci.container.describe(),
                    origin(image)
                )
            } else {
                format!(
                    "{} pulls `{image}` (`{}`), outside the allowed paths of that registry ({})",
                    ci.container.describe(),
                    image.canonical_name(),
                    prefixes.join(", ")
                )
            };
            cx.report(
                ci.container.doc.entry_span(ci.entry),
                message,
                help(image, &list),
            );
        }
    }
}

/// Where the image comes from, in words.
fn origin(image: &ImageRef<'_>) -> String {
    let canonical = image.canonical_name();
    if !image.is_docker_hub() {
        return format!("`{}` (`{canonical}`)", image.host());
    }
    if image.registry.is_none() && image.path.contains('.') {
        // `contoso.azurecr.io:1.0` has no path after the host: it is a Docker Hub image name.
        return format!(
            "Docker Hub (`{canonical}`: a registry host must be followed by `/` and a repository)"
        );
    }
    format!("Docker Hub (`{canonical}`)")
}

fn help(image: &ImageRef<'_>, allowed: &str) -> String {
    let repo = image
        .path
        .strip_prefix("library/")
        .filter(|_| image.is_docker_hub())
        .unwrap_or(image.path);
    let tag = image.tag.unwrap_or("<version>");
    format!(
        "import it into your Azure Container Registry and pull it from there: `az acr import --name <registry> --source {}:{tag} --image {repo}:{tag}`, then `image: <registry>.azurecr.io/{repo}:{tag}`; or, if this registry is trusted, add it to `allowed-registries` under `[rules.AKS603]` in akslint.toml (allowed now: {})",
        image.canonical_name(),
        if allowed.is_empty() {
            "nothing"
        } else {
            allowed
        }
    )
}
