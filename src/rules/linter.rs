//! The linter's own rules (AKS001–AKS006): the engine reports them, they check no object.

use super::Rule;

/// (ID, name) of the linter's rules, for the engine to report them.
pub const PARSE_ERROR: (&str, &str) = ("AKS001", "parse-error");
pub const INPUT_LIMIT: (&str, &str) = ("AKS002", "input-limit");
pub const UNUSED_SUPPRESSION: (&str, &str) = ("AKS003", "unused-suppression");
pub const DUPLICATE_KEY: (&str, &str) = ("AKS004", "duplicate-key");
pub const INVALID_SUPPRESSION: (&str, &str) = ("AKS005", "invalid-suppression");
pub const SKIPPED_INPUT: (&str, &str) = ("AKS006", "skipped-input");

pub const IDS: [(&str, &str); 6] = [
    PARSE_ERROR,
    INPUT_LIMIT,
    UNUSED_SUPPRESSION,
    DUPLICATE_KEY,
    INVALID_SUPPRESSION,
    SKIPPED_INPUT,
];

pub static ALL: &[&dyn Rule] = &[];
