//! The linter's own rules (AKS001–AKS006): the engine reports them; they check no object.

use super::{Rule, RuleMeta};
use crate::declare_rule;

pub const PARSE_ERROR: &str = "AKS001";
pub const INPUT_LIMIT: &str = "AKS002";
pub const UNUSED_SUPPRESSION: &str = "AKS003";
pub const DUPLICATE_KEY: &str = "AKS004";
pub const INVALID_SUPPRESSION: &str = "AKS005";
pub const SKIPPED_INPUT: &str = "AKS006";

declare_rule!(ParseError, "AKS001");
declare_rule!(InputLimit, "AKS002");
declare_rule!(UnusedSuppression, "AKS003");
declare_rule!(DuplicateKey, "AKS004");
declare_rule!(InvalidSuppression, "AKS005");
declare_rule!(SkippedInput, "AKS006");

macro_rules! reported_by_the_engine {
    ($($ty:ident),*) => {$(
        impl Rule for $ty {
            fn meta(&self) -> &'static RuleMeta {
                Self::doc_meta()
            }
        }
    )*};
}

reported_by_the_engine!(
    ParseError,
    InputLimit,
    UnusedSuppression,
    DuplicateKey,
    InvalidSuppression,
    SkippedInput
);

pub static ALL: &[&dyn Rule] = &[
    &ParseError,
    &InputLimit,
    &UnusedSuppression,
    &DuplicateKey,
    &InvalidSuppression,
    &SkippedInput,
];
