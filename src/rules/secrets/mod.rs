//! Layer 5: secrets.

use super::Rule;

mod values;

mod aks501_plaintext_secret_manifest;
mod aks502_secret_literal_in_env;

pub use aks501_plaintext_secret_manifest::PlaintextSecretManifest;
pub use aks502_secret_literal_in_env::SecretLiteralInEnv;

pub static ALL: &[&dyn Rule] = &[&PlaintextSecretManifest, &SecretLiteralInEnv];
