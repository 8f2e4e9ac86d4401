//! A finding's identity across edits, for baselines (`akslint baseline`), GitLab Code Quality and
//! SARIF `partialFingerprints`: a BLAKE3 hash of the rule, the project-relative path (or the
//! helm template), the object and the locator (the key path in the object). Lines, columns,
//! message wording and the akslint version do not enter it, so a finding keeps its fingerprint
//! when lines are inserted above it, documents are reordered or a message is reworded.

/// The scheme's version, hashed first: a change of what enters the hash changes every
/// fingerprint, and says so.
const SCHEME: &str = "v1";

/// Hex digits kept of the hash (128 bits).
const LEN: usize = 32;

/// The fingerprint of a finding of `rule` at `locator` in `object`, in the file at `path`.
pub fn of(rule: &str, path: &str, object: Option<&str>, locator: Option<&str>) -> String {
    // The parts, each ended by a 0 byte, hashed in one call (the same hash as one update per
    // part, at a fraction of the cost for 100,000 findings).
    let parts = [
        SCHEME,
        rule,
        path,
        object.unwrap_or(""),
        locator.unwrap_or(""),
    ];
    let mut bytes = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for part in parts {
        bytes.extend_from_slice(part.as_bytes());
        bytes.push(0);
    }
    let hex = blake3::hash(&bytes).to_hex();
    hex[..LEN].to_string()
}

/// The key written at `offset` of `text`, a locator for a finding whose tree is not at hand (a
/// Terraform attribute `sku_tier = …` gives `sku_tier`, a block `network_profile {` gives
/// `network_profile`, a comment the word after `#`): the run of characters up to the first
/// space, `=`, `:` or brace, quotes left out, at most 200 bytes.
pub fn key_at(text: &str, offset: usize) -> Option<String> {
    let rest = text.get(offset..)?;
    let rest = rest.trim_start_matches(['#', '/', ' ', '\t']);
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '=' | ':' | '{' | '}' | '(' | ','))
        .unwrap_or(rest.len());
    let mut cut = end.min(200);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let key: String = rest[..cut].chars().filter(|&c| c != '"').collect();
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_the_hash_of_its_parts() {
        let a = of(
            "AKS401",
            "k8s/a.yaml",
            Some("Pod default/p"),
            Some("spec.containers[web]"),
        );
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(
            a,
            of(
                "AKS401",
                "k8s/a.yaml",
                Some("Pod default/p"),
                Some("spec.containers[web]")
            )
        );
        assert_ne!(
            a,
            of(
                "AKS401",
                "k8s/a.yaml",
                Some("Pod default/p"),
                Some("spec.containers[api]")
            )
        );
        // The separator keeps the parts apart.
        assert_ne!(
            of("AKS401", "ab", Some("c"), None),
            of("AKS401", "a", Some("bc"), None)
        );
        // Pinned: the scheme is a contract with every baseline written.
        assert_eq!(of("AKS401", "a.yaml", None, None), {
            let mut h = blake3::Hasher::new();
            h.update(b"v1\0AKS401\0a.yaml\0\0\0");
            h.finalize().to_hex()[..32].to_string()
        });
    }

    #[test]
    fn keys_at_an_offset() {
        let tf = "  sku_tier = \"Free\"\n  network_profile {\n";
        assert_eq!(key_at(tf, 2).as_deref(), Some("sku_tier"));
        assert_eq!(
            key_at(tf, tf.find("network").unwrap()).as_deref(),
            Some("network_profile")
        );
        assert_eq!(
            key_at("# akslint-ignore AKS401", 0).as_deref(),
            Some("akslint-ignore")
        );
        assert_eq!(key_at("", 0), None);
        assert_eq!(key_at("abc", 10), None);
        assert_eq!(key_at("ééé", 1), None);
    }
}
