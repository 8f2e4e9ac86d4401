//! Container image references, read the way the container runtime reads them (the
//! `distribution/reference` grammar), and the registry allow-list patterns of AKS603.
//!
//! `[registry[:port]/]path[:tag][@digest]`:
//! - the first `/`-separated component is a registry only when there is more than one component
//!   and it contains `.` or `:` or is `localhost`; otherwise the image lives on Docker Hub
//!   (`nginx` is `docker.io/library/nginx`, `contoso.azurecr.io:1.0` is the Hub image
//!   `library/contoso.azurecr.io` with tag `1.0`);
//! - the tag follows the last `:` of the *last* component (`localhost:5000/app` has no tag);
//! - the digest follows `@` (`algorithm:encoded`).
//!
//! The parser is lenient where the runtime's rules do not matter to a linter (upper case, tag
//! length), and refuses values that are not references yet — placeholders such as `${IMAGE}`,
//! `$(IMAGE)`, `<acr-name>.azurecr.io/app` or `{{ .Values.image }}`, empty strings, whitespace —
//! so that rules stay silent on them instead of guessing.

use std::fmt;

/// Docker Hub's canonical registry name.
pub const DOCKER_HUB: &str = "docker.io";

/// A parsed image reference. All string fields borrow from the input, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// The registry as written (`host` or `host:port`), when the reference names one.
    pub registry: Option<&'a str>,
    /// The repository path as written, without registry, tag or digest (`nginx`, `team/app`).
    pub path: &'a str,
    /// The tag, when there is one (`1.4.2`, `latest`).
    pub tag: Option<&'a str>,
    /// The digest, when there is one (`sha256:…`).
    pub digest: Option<&'a str>,
}

impl<'a> ImageRef<'a> {
    /// Parses an image reference; `None` when the value is not (yet) a reference.
    pub fn parse(s: &'a str) -> Option<Self> {
        if s.is_empty() || !s.bytes().all(is_reference_byte) {
            return None;
        }
        let (name_tag, digest) = match s.split_once('@') {
            Some((name_tag, digest)) => {
                let (algorithm, encoded) = digest.split_once(':')?;
                if algorithm.is_empty() || encoded.is_empty() || encoded.contains([':', '@']) {
                    return None;
                }
                (name_tag, Some(digest))
            }
            None => (s, None),
        };
        let last_start = name_tag.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match name_tag[last_start..].rfind(':') {
            Some(i) => {
                let tag = &name_tag[last_start + i + 1..];
                if tag.is_empty() {
                    return None;
                }
                (&name_tag[..last_start + i], Some(tag))
            }
            None => (name_tag, None),
        };
        if name.is_empty() || name.split('/').any(str::is_empty) {
            return None;
        }
        let (registry, path) = match name.split_once('/') {
            Some((first, rest)) if first.contains(['.', ':']) || first == "localhost" => {
                if let Some((host, port)) = first.rsplit_once(':')
                    && (host.is_empty()
                        || port.is_empty()
                        || !port.bytes().all(|b| b.is_ascii_digit()))
                {
                    return None;
                }
                (Some(first), rest)
            }
            _ => (None, name),
        };
        // Only the registry may hold a `:` before the last component.
        if path.contains(':') {
            return None;
        }
        Some(ImageRef {
            registry,
            path,
            tag,
            digest,
        })
    }

    /// The registry host in canonical form: lower case, without port, `docker.io` when the
    /// reference names no registry (and for the legacy `index.docker.io`).
    pub fn host(&self) -> String {
        match self.registry {
            None => DOCKER_HUB.to_string(),
            Some(registry) => canonical_host(strip_port(registry)),
        }
    }

    /// The port of the registry, when written.
    pub fn port(&self) -> Option<&'a str> {
        self.registry?.rsplit_once(':').map(|(_, port)| port)
    }

    /// Whether the image comes from Docker Hub (no registry, `docker.io` or `index.docker.io`).
    pub fn is_docker_hub(&self) -> bool {
        self.host() == DOCKER_HUB
    }

    /// The repository as the registry knows it: Docker Hub's official images get their implicit
    /// `library/` namespace (`nginx` → `library/nginx`).
    pub fn repository(&self) -> String {
        if self.is_docker_hub() && !self.path.contains('/') {
            format!("library/{}", self.path)
        } else {
            self.path.to_string()
        }
    }

    /// `host/repository` in canonical form (`docker.io/library/nginx`), without tag or digest.
    pub fn canonical_name(&self) -> String {
        format!("{}/{}", self.host(), self.repository())
    }

    /// Whether the tag is exactly `latest` (tags are case-sensitive).
    pub fn has_latest_tag(&self) -> bool {
        self.tag == Some("latest")
    }

    /// Whether the reference names a well-formed digest (`@algorithm:encoded`). The registered
    /// algorithms need their exact length of lower-case hex (as go-digest validates them: the
    /// runtime rejects anything else with InvalidImageName); others follow the distribution
    /// grammar (`[A-Za-z0-9=_-]{32,}`).
    pub fn is_pinned(&self) -> bool {
        self.digest.is_some_and(valid_digest)
    }

    /// A digest is written but malformed (`@sha256:abc`): nothing is pinned.
    pub fn has_malformed_digest(&self) -> bool {
        self.digest.is_some_and(|d| !valid_digest(d))
    }
}

fn valid_digest(digest: &str) -> bool {
    let Some((algorithm, encoded)) = digest.split_once(':') else {
        return false;
    };
    let hex = |len: usize| {
        encoded.len() == len
            && encoded
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    match algorithm {
        "sha256" | "blake3" => hex(64),
        "sha384" => hex(96),
        "sha512" => hex(128),
        _ => {
            encoded.len() >= 32
                && encoded
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"=_-".contains(&b))
        }
    }
}

impl fmt::Display for ImageRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(registry) = self.registry {
            write!(f, "{registry}/")?;
        }
        f.write_str(self.path)?;
        if let Some(tag) = self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

/// Bytes that may appear in an image reference (upper case accepted leniently). Anything else —
/// `$`, braces, angle brackets, whitespace — marks a placeholder or a broken value.
fn is_reference_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/' | b':' | b'@' | b'+' | b'=')
}

fn strip_port(registry: &str) -> &str {
    match registry.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => registry,
    }
}

fn canonical_host(host: &str) -> String {
    let host = host.to_ascii_lowercase();
    if host == "index.docker.io" {
        DOCKER_HUB.to_string()
    } else {
        host
    }
}

/// One entry of an allowed-registries list: a host glob, optionally followed by a path prefix
/// (`*.azurecr.io`, `mcr.microsoft.com/oss`, `docker.io/library`, `registry.contoso.com:5000`).
///
/// In the host, `*` stands for one or more whole labels (`*.azurecr.io` matches
/// `contoso.azurecr.io` and `a.b.azurecr.io`, not `azurecr.io` nor `evilazurecr.io`); hosts
/// compare case-insensitively and ports are ignored on both sides. The path prefix matches whole
/// components of the repository (Docker Hub's official images live under `docker.io/library`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryPattern {
    text: String,
    labels: Vec<String>,
    path_prefix: Option<String>,
}

impl RegistryPattern {
    /// Parses one allow-list entry; the error explains what is wrong with it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let (host, path) = match trimmed.split_once('/') {
            Some((host, path)) => (host, Some(path.trim_end_matches('/'))),
            None => (trimmed, None),
        };
        if host.is_empty() {
            return Err(format!(
                "`{text}`: the entry must start with a registry host"
            ));
        }
        let host = canonical_host(strip_port(host));
        let mut labels = Vec::new();
        for label in host.split('.') {
            if label.is_empty() {
                return Err(format!("`{text}`: empty label in the registry host"));
            }
            if label.contains('*') && label != "*" {
                return Err(format!(
                    "`{text}`: `*` must stand for whole labels (write `*.azurecr.io`, not `{label}`)"
                ));
            }
            if !label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'*' || b == b'_')
            {
                return Err(format!("`{text}`: `{label}` is not a host name label"));
            }
            labels.push(label.to_string());
        }
        let path_prefix = match path {
            None | Some("") => None,
            Some(path) => {
                if path.split('/').any(str::is_empty) || path.contains(['*', ':', '@']) {
                    return Err(format!(
                        "`{text}`: the path prefix must be plain `/`-separated names"
                    ));
                }
                Some(path.to_string())
            }
        };
        Ok(RegistryPattern {
            text: trimmed.to_string(),
            labels,
            path_prefix,
        })
    }

    /// The entry as written (trimmed).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the image's registry host matches this entry's host glob (path prefix aside).
    pub fn matches_host(&self, image: &ImageRef<'_>) -> bool {
        let host = image.host();
        let host_labels: Vec<&str> = host.split('.').collect();
        labels_match(&self.labels, &host_labels)
    }

    /// Whether the entry has a path prefix (`mcr.microsoft.com/oss`).
    pub fn has_path_prefix(&self) -> bool {
        self.path_prefix.is_some()
    }

    /// Whether an image reference is allowed by this entry.
    pub fn matches(&self, image: &ImageRef<'_>) -> bool {
        if !self.matches_host(image) {
            return false;
        }
        match &self.path_prefix {
            None => true,
            Some(prefix) => {
                let repository = image.repository();
                repository == *prefix
                    || repository
                        .strip_prefix(prefix.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            }
        }
    }
}

impl fmt::Display for RegistryPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Glob match of host labels, `*` standing for one or more labels.
fn labels_match(pattern: &[String], host: &[&str]) -> bool {
    match pattern.split_first() {
        None => host.is_empty(),
        Some((first, rest)) if first == "*" => {
            (1..=host.len()).any(|n| labels_match(rest, &host[n..]))
        }
        Some((first, rest)) => {
            host.first().is_some_and(|h| h == first) && labels_match(rest, &host[1..])
        }
    }
}

/// The default AKS603 allow-list: Azure Container Registry (public, China and Government clouds)
/// and Microsoft Container Registry.
pub const DEFAULT_ALLOWED_REGISTRIES: [&str; 4] = [
    "*.azurecr.io",
    "*.azurecr.cn",
    "*.azurecr.us",
    "mcr.microsoft.com",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> ImageRef<'_> {
        ImageRef::parse(s).unwrap_or_else(|| panic!("`{s}` should parse"))
    }

    const D: &str = "sha256:9b2e7f60c5d4e3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180f7e3f1d8c4a";

    #[test]
    fn bare_name_is_docker_hub_official() {
        let r = parse("nginx");
        assert_eq!(r.registry, None);
        assert_eq!(r.path, "nginx");
        assert_eq!(r.tag, None);
        assert_eq!(r.digest, None);
        assert_eq!(r.host(), "docker.io");
        assert!(r.is_docker_hub());
        assert_eq!(r.repository(), "library/nginx");
        assert_eq!(r.canonical_name(), "docker.io/library/nginx");
    }

    #[test]
    fn explicit_docker_hub() {
        let r = parse("docker.io/library/nginx:1.27.2");
        assert_eq!(r.registry, Some("docker.io"));
        assert_eq!(r.path, "library/nginx");
        assert_eq!(r.tag, Some("1.27.2"));
        assert_eq!(r.canonical_name(), "docker.io/library/nginx");
        let r = parse("index.docker.io/library/nginx");
        assert_eq!(r.host(), "docker.io");
        assert!(r.is_docker_hub());
    }

    #[test]
    fn docker_hub_user_namespace() {
        let r = parse("bitnami/redis:7.2.4");
        assert_eq!(r.registry, None);
        assert_eq!(r.path, "bitnami/redis");
        assert_eq!(r.repository(), "bitnami/redis");
        assert_eq!(r.tag, Some("7.2.4"));
    }

    #[test]
    fn localhost_with_and_without_port() {
        let r = parse("localhost:5000/a");
        assert_eq!(r.registry, Some("localhost:5000"));
        assert_eq!(r.host(), "localhost");
        assert_eq!(r.port(), Some("5000"));
        assert_eq!(r.path, "a");
        assert_eq!(r.tag, None);
        let r = parse("localhost/a:1");
        assert_eq!(r.registry, Some("localhost"));
        assert_eq!(r.port(), None);
        assert_eq!(r.tag, Some("1"));
    }

    #[test]
    fn host_port_path_tag_digest() {
        let s = format!("host:5000/a/b:tag@{D}");
        let r = parse(&s);
        assert_eq!(r.registry, Some("host:5000"));
        assert_eq!(r.host(), "host");
        assert_eq!(r.path, "a/b");
        assert_eq!(r.tag, Some("tag"));
        assert_eq!(r.digest, Some(D));
        assert!(r.is_pinned());
        assert_eq!(r.to_string(), s);
    }

    #[test]
    fn single_component_with_port_like_suffix_is_a_tag() {
        let r = parse("registry:5000");
        assert_eq!(r.registry, None);
        assert_eq!(r.path, "registry");
        assert_eq!(r.tag, Some("5000"));
        assert!(r.is_docker_hub());
        // A dotted single component is a Docker Hub repository, not a registry.
        let r = parse("contoso.azurecr.io:1.0.0");
        assert_eq!(r.registry, None);
        assert_eq!(r.path, "contoso.azurecr.io");
        assert_eq!(r.tag, Some("1.0.0"));
        assert_eq!(r.canonical_name(), "docker.io/library/contoso.azurecr.io");
    }

    #[test]
    fn first_component_without_dot_or_colon_is_a_path() {
        let r = parse("team/app/worker:2");
        assert_eq!(r.registry, None);
        assert_eq!(r.path, "team/app/worker");
        let r = parse("my-registry/app");
        assert_eq!(r.registry, None);
        assert!(r.is_docker_hub());
    }

    #[test]
    fn acr_with_port_and_no_tag() {
        let r = parse("contoso.azurecr.io:443/team/app");
        assert_eq!(r.registry, Some("contoso.azurecr.io:443"));
        assert_eq!(r.host(), "contoso.azurecr.io");
        assert_eq!(r.tag, None);
        assert!(!r.is_pinned());
    }

    #[test]
    fn digest_only_and_digest_wins_over_latest() {
        let s = format!("contoso.azurecr.io/app@{D}");
        let r = parse(&s);
        assert_eq!(r.tag, None);
        assert_eq!(r.digest, Some(D));
        let s = format!("app:latest@{D}");
        let r = parse(&s);
        assert!(r.has_latest_tag());
        assert!(r.is_pinned());
    }

    #[test]
    fn latest_is_exact_and_case_sensitive() {
        assert!(parse("app:latest").has_latest_tag());
        assert!(!parse("app:latest-20240611").has_latest_tag());
        assert!(!parse("app:v2-latest").has_latest_tag());
        assert!(!parse("app:LATEST").has_latest_tag());
        assert!(!parse("contoso.azurecr.io/latest/app:1.0").has_latest_tag());
        let r = parse("latest");
        assert_eq!(r.path, "latest");
        assert_eq!(r.tag, None);
    }

    #[test]
    fn tag_looking_like_a_digest_is_a_tag() {
        let r = parse("contoso.azurecr.io/app:sha256-9b2e7f60");
        assert_eq!(r.tag, Some("sha256-9b2e7f60"));
        assert!(!r.is_pinned());
    }

    #[test]
    fn uppercase_is_accepted_and_hosts_are_canonicalised() {
        let r = parse("Contoso.AzureCR.io/Team/App:V1");
        assert_eq!(r.registry, Some("Contoso.AzureCR.io"));
        assert_eq!(r.host(), "contoso.azurecr.io");
        assert_eq!(r.path, "Team/App");
        assert_eq!(r.tag, Some("V1"));
        let r = parse("Nginx");
        assert!(r.is_docker_hub());
        assert_eq!(r.repository(), "library/Nginx");
        assert_eq!(parse("INDEX.DOCKER.IO/library/nginx").host(), "docker.io");
    }

    #[test]
    fn digests_must_be_well_formed_to_pin() {
        let sha = "a".repeat(64);
        assert!(parse(&format!("app@sha256:{sha}")).is_pinned());
        assert!(parse(&format!("app@sha512:{}", "0".repeat(128))).is_pinned());
        assert!(parse(&format!("app@multihash+base58:{}", "Qm".repeat(20))).is_pinned());
        for bad in ["app@sha256:abc", "app@sha512:abcdef0123"] {
            let r = parse(bad);
            assert!(!r.is_pinned() && r.has_malformed_digest(), "{bad}");
        }
        assert!(!parse(&format!("app@sha256:{}", "A".repeat(64))).is_pinned());
        assert!(!parse(&format!("app@sha256:{}", "a".repeat(63))).is_pinned());
        assert!(!parse(&format!("app@blake3:{}", "a".repeat(63))).is_pinned());
    }

    #[test]
    fn ip_registry() {
        let r = parse("10.0.0.5:5000/tools/probe:0.3");
        assert_eq!(r.host(), "10.0.0.5");
        assert_eq!(r.port(), Some("5000"));
    }

    #[test]
    fn placeholders_and_broken_values_do_not_parse() {
        for s in [
            "",
            " nginx",
            "nginx ",
            "${REGISTRY}/app:${TAG}",
            "$(IMAGE)",
            "<acr-name>.azurecr.io/app:v1",
            "{{ .Values.image }}",
            "app:",
            "app@",
            "app@sha256",
            "app@sha256:",
            "app@sha256:ab@cd",
            "/app",
            "app/",
            "a//b",
            "host:/app",
            "host:abc/app",
            "a/b:c/d",
            ":tag",
            "@sha256:abc",
            "[::1]:5000/app",
        ] {
            assert_eq!(ImageRef::parse(s), None, "`{s}` should not parse");
        }
    }

    fn allowed(pattern: &str, image: &str) -> bool {
        RegistryPattern::parse(pattern)
            .unwrap()
            .matches(&parse(image))
    }

    #[test]
    fn star_matches_one_or_more_whole_labels() {
        assert!(allowed("*.azurecr.io", "contoso.azurecr.io/app:1"));
        assert!(allowed(
            "*.azurecr.io",
            "shop.westeurope.data.azurecr.io/app:1"
        ));
        assert!(!allowed("*.azurecr.io", "azurecr.io/app:1"));
        assert!(!allowed("*.azurecr.io", "evilazurecr.io/app:1"));
        assert!(!allowed("*.azurecr.io", "contoso-azurecr.io/app:1"));
        assert!(!allowed(
            "*.azurecr.io",
            "contoso.azurecr.io.evil.example/app:1"
        ));
        assert!(!allowed("*.azurecr.io", "contoso.azurecr.io:1.0"));
        assert!(allowed(
            "registry.*.contoso.com",
            "registry.eu.contoso.com/app"
        ));
        assert!(allowed(
            "registry.*.contoso.com",
            "registry.eu.west.contoso.com/app"
        ));
        assert!(!allowed(
            "registry.*.contoso.com",
            "registry.contoso.com/app"
        ));
        assert!(allowed("*", "ghcr.io/app"));
        assert!(allowed("*", "nginx"));
    }

    #[test]
    fn hosts_compare_case_insensitively_and_ignore_ports() {
        assert!(allowed("*.azurecr.io", "Contoso.AzureCR.io/app:1"));
        assert!(allowed("*.AzureCR.io", "contoso.azurecr.io/app:1"));
        assert!(allowed("*.azurecr.io", "contoso.azurecr.io:443/app:1"));
        assert!(allowed(
            "registry.contoso.com:5000",
            "registry.contoso.com/app"
        ));
        assert!(allowed(
            "registry.contoso.com:5000",
            "registry.contoso.com:8443/app"
        ));
        assert!(allowed("localhost", "localhost:5000/app"));
        assert!(!allowed("mcr.microsoft.com", "evil.mcr.microsoft.com/app"));
        assert!(!allowed(
            "mcr.microsoft.com",
            "mcr.microsoft.com.evil.example/app"
        ));
    }

    #[test]
    fn path_prefix_matches_whole_components() {
        assert!(allowed(
            "mcr.microsoft.com/oss",
            "mcr.microsoft.com/oss/kubernetes/pause:3.9"
        ));
        assert!(allowed(
            "mcr.microsoft.com/oss/",
            "mcr.microsoft.com/oss/nginx/nginx:1.25"
        ));
        assert!(allowed("mcr.microsoft.com/oss", "mcr.microsoft.com/oss:1"));
        assert!(!allowed(
            "mcr.microsoft.com/oss",
            "mcr.microsoft.com/ossfoo/x:1"
        ));
        assert!(!allowed(
            "mcr.microsoft.com/oss",
            "mcr.microsoft.com/dotnet/aspnet:8.0"
        ));
    }

    #[test]
    fn host_match_ignores_the_path_prefix() {
        let p = RegistryPattern::parse("mcr.microsoft.com/oss").unwrap();
        assert!(p.has_path_prefix());
        assert!(p.matches_host(&parse("mcr.microsoft.com/dotnet/aspnet:8.0")));
        assert!(!p.matches(&parse("mcr.microsoft.com/dotnet/aspnet:8.0")));
        assert!(
            !RegistryPattern::parse("*.azurecr.io")
                .unwrap()
                .has_path_prefix()
        );
    }

    #[test]
    fn docker_hub_patterns() {
        assert!(allowed("docker.io/library", "nginx:1.27"));
        assert!(allowed("docker.io/library", "docker.io/library/nginx"));
        assert!(allowed(
            "docker.io/library",
            "index.docker.io/library/nginx"
        ));
        assert!(allowed("index.docker.io/library", "nginx"));
        assert!(!allowed("docker.io/library", "bitnami/redis"));
        assert!(!allowed("docker.io/library", "docker.io/libraryx/nginx"));
        assert!(allowed("docker.io", "bitnami/redis"));
        assert!(allowed("docker.io/bitnami", "bitnami/redis"));
    }

    #[test]
    fn default_list_parses() {
        for p in DEFAULT_ALLOWED_REGISTRIES {
            RegistryPattern::parse(p).unwrap();
        }
    }

    #[test]
    fn bad_patterns_are_rejected() {
        for p in [
            "",
            "/oss",
            "contoso*.azurecr.io",
            "*contoso.azurecr.io",
            "a..b",
            "mcr.microsoft.com//x",
            "host/a*",
        ] {
            assert!(
                RegistryPattern::parse(p).is_err(),
                "`{p}` should be rejected"
            );
        }
    }
}
