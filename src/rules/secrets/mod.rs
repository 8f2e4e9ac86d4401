//! Layer 5: secrets.

use super::Rule;

pub static ALL: &[&dyn Rule] = &[];
