//! Layer 1: identity and access.

use super::Rule;

pub static ALL: &[&dyn Rule] = &[];
