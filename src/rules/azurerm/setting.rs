//! One Terraform setting as the rules read it: not written, written as null, known, or unknown.
//!
//! Unknown (a variable without value, a function we do not evaluate, another resource's
//! attribute) never produces a finding; null and "not written" both mean the provider default.
//! Reading every setting through [`Setting`] makes that impossible to get wrong.

use crate::terraform::{Attr, Value};

/// A written-or-not attribute, three-valued.
pub enum Setting {
    /// Not written: the provider default applies.
    NotWritten,
    /// Written, evaluating to `null`: the provider default applies; findings point at it.
    Null(Attr),
    /// Written with a known value (any type: callers check the one they expect).
    Known(Attr),
    /// Cannot be known offline.
    Unknown,
}

impl Setting {
    pub fn of(attr: Option<Attr>) -> Setting {
        match attr {
            None => Setting::NotWritten,
            Some(a) => match &a.value {
                Value::Absent => Setting::Null(a),
                Value::Known(_) => Setting::Known(a),
                Value::Ref(_) | Value::Unknown => Setting::Unknown,
            },
        }
    }

    /// The boolean this setting gives, with the provider default `default` for null and not
    /// written; `None` when unknown or not a boolean (a value the provider would reject).
    pub fn bool_or(&self, default: bool) -> Option<bool> {
        match self {
            Setting::NotWritten | Setting::Null(_) => Some(default),
            Setting::Known(a) => a.value.as_bool(),
            Setting::Unknown => None,
        }
    }

    /// The attribute when it is written as the boolean `value`, for an optional setting whose
    /// provider default is the opposite: only a written value can fire (null and not written take
    /// the default, and an unknown value never fires).
    pub fn written_as(self, value: bool) -> Option<Attr> {
        match self {
            Setting::Known(a) if a.value.as_bool() == Some(value) => Some(a),
            _ => None,
        }
    }

    /// The attribute, when written.
    pub fn attr(&self) -> Option<&Attr> {
        match self {
            Setting::Null(a) | Setting::Known(a) => Some(a),
            Setting::NotWritten | Setting::Unknown => None,
        }
    }
}
