//! Linux capability names as the Pod Security Standards judge them.

/// The capabilities PSS *baseline* lets a container add (restricted: `NET_BIND_SERVICE` alone).
pub const PSS_BASELINE: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// A capability name as the runtime reads it: upper case, without the `CAP_` prefix.
pub fn capability(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    match upper.strip_prefix("CAP_") {
        Some(rest) => rest.to_string(),
        None => upper,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ignore_case_blanks_and_prefix() {
        assert_eq!(capability("all"), "ALL");
        assert_eq!(capability(" CAP_SYS_ADMIN "), "SYS_ADMIN");
        assert_eq!(capability("cap_kill"), "KILL");
        assert_eq!(capability("CAP_ALLX"), "ALLX");
    }
}
