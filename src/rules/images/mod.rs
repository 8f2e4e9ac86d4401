//! Layer 6: images.

use super::Rule;

pub static ALL: &[&dyn Rule] = &[];
