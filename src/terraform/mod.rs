//! The Terraform front end: `.tf`/`.tfvars` parsed with hcl-edit (spans on every node, nesting
//! limits built in).

pub mod parse;

pub use parse::{ParseError, ParseErrorKind, TfLimits, parse_body};
