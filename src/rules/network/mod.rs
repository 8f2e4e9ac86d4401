//! Layer 3: network.

use super::Rule;

pub static ALL: &[&dyn Rule] = &[];
