//! Layer 7: monitoring and policy.

use super::Rule;

pub static ALL: &[&dyn Rule] = &[];
