//! Layer 2: cluster hardening.

use super::Rule;

pub static ALL: &[&dyn Rule] = &[];
