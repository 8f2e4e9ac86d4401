//! Settings renamed between azurerm majors (`enable_host_encryption` in v3,
//! `host_encryption_enabled` from v4): which name to suggest, given the majors a module may run
//! with.

use crate::terraform::Majors;

/// The name to suggest for a setting spelled `v3` on azurerm v3 and `v4` from v4 on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spelling<'n> {
    /// The name to write: the v3 name when the module runs on v3 only, else the v4+ name.
    pub name: &'n str,
    /// The v3 name as an alternative, when v3 is possible besides a later major (or nothing is
    /// known).
    pub v3_too: Option<&'n str>,
}

/// Which spelling of a renamed setting to suggest.
pub fn spelling<'n>(majors: Majors, v3: &'n str, v4: &'n str) -> Spelling<'n> {
    if majors.single() == Some(3) {
        Spelling {
            name: v3,
            v3_too: None,
        }
    } else if majors.contains(3) || majors.is_empty() {
        Spelling {
            name: v4,
            v3_too: Some(v3),
        }
    } else {
        Spelling {
            name: v4,
            v3_too: None,
        }
    }
}

impl Spelling<'_> {
    /// `` `name = value` ``, with the v3 form when it may apply:
    /// `` `v4 = value` (azurerm v4+; `v3 = value` on v3) ``.
    pub fn assign(&self, value: &str) -> String {
        match self.v3_too {
            None => format!("`{} = {value}`", self.name),
            Some(v3) => format!(
                "`{} = {value}` (azurerm v4+; `{v3} = {value}` on v3)",
                self.name
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_follow_the_majors() {
        let v3 = Majors::only(3);
        let v4_5 = Majors::only(4).union(Majors::only(5));
        let all = v3.union(v4_5);
        assert_eq!(spelling(v3, "a", "b").assign("true"), "`a = true`");
        assert_eq!(spelling(v4_5, "a", "b").assign("true"), "`b = true`");
        assert_eq!(
            spelling(all, "a", "b").assign("true"),
            "`b = true` (azurerm v4+; `a = true` on v3)"
        );
        assert_eq!(spelling(Majors::NONE, "a", "b").v3_too, Some("a"));
    }
}
