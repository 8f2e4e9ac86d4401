//! AKS506 secret-as-env: an environment variable read with `valueFrom.secretKeyRef` from a Secret
//! that a SecretProviderClass of the same namespace syncs from Key Vault (`secretObjects`): Key
//! Vault rotation updates the Secret and the mounted files, never an environment variable that
//! was read at container start. At the `secretKeyRef` key.

use crate::declare_rule;
use crate::index::Index;
use crate::rules::{IndexCtx, Rule};

declare_rule!(SecretAsEnv, "AKS506", [Index]);

impl Rule for SecretAsEnv {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        for (o, w) in index.workloads() {
            if w.secret_env.is_empty() {
                continue;
            }
            let Some(ns) = index.namespace(&o.namespace) else {
                continue;
            };
            for e in &w.secret_env {
                let Some((class, _)) = ns
                    .secret_provider_classes()
                    .find(|(_, f)| f.synced_secrets.contains(&e.secret))
                else {
                    continue;
                };
                cx.report(
                    o,
                    &e.anchor,
                    &[class],
                    format!(
                        "{} reads `{}` from Secret `{}`, which {} syncs from Key Vault: rotation in Key Vault never reaches an environment variable, so the container keeps the old value until it restarts",
                        e.container, e.var, e.secret, class.label
                    ),
                    "read the value from the CSI volume instead (a `volumeMounts` entry for the volume that uses the SecretProviderClass, and the file `/mnt/secrets/<objectAlias>`), or restart the pods when the Secret changes",
                );
            }
        }
    }
}
