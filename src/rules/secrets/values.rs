//! Names and values as the secrets rules read them: secret-like names (as words), placeholders
//! filled in before apply, Kubernetes `$(VAR)` references, on/off switches, connection strings
//! and configuration files that carry a credential.

use crate::k8s::env::{has_term, is_reference_name, words};

/// A whole value that stands for one filled in later, by envsubst, a pipeline token replacement or
/// a template: `${VAR}`, `$VAR`, `<vault-name>`, `{{ .Values.x }}`, `__VAR__`, `##VAR##`,
/// `#{VAR}#`. (`$(VAR)` is not here: Kubernetes itself expands it, see [`has_dependent_var`].)
pub(crate) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    let wrapped = |open: &str, close: &str| {
        v.len() > open.len() + close.len()
            && v.starts_with(open)
            && v.ends_with(close)
            && !v[open.len()..v.len() - close.len()].contains(close)
    };
    let ident = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    wrapped("${", "}")
        || wrapped("<", ">")
        || wrapped("{{", "}}")
        || wrapped("#{", "}#")
        || (wrapped("__", "__") && ident(&v[2..v.len() - 2]))
        || (wrapped("##", "##") && ident(&v[2..v.len() - 2]))
        || v.strip_prefix('$').is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Does the value use a Kubernetes dependent-variable reference `$(VAR)`? The kubelet replaces it
/// with another variable of the container (which may come from a Secret), so the literal text is
/// not the secret. `$$(VAR)` is the escape for a literal `$(VAR)`.
pub(crate) fn has_dependent_var(value: &str) -> bool {
    let b = value.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'$', b'$') => i += 2,
            (b'$', b'(') => match value[i + 2..].find(')') {
                Some(0) => i += 2,
                Some(_) => return true,
                // No `)` after this one: none after any later `$(` either.
                None => return false,
            },
            _ => i += 1,
        }
    }
    false
}

/// An on/off value (`true`, `"false"`, `yes`, `disabled`…): a setting about a secret
/// (`ALLOW_EMPTY_PASSWORD: "yes"`), never a secret itself.
pub(crate) fn is_switch(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "enabled" | "disabled"
    )
}

/// Name terms of a secret, as whole consecutive words (`k8s::env::has_term`), and libpq's
/// one-word `PGPASSWORD`.
const SECRET_TERMS: [&str; 9] = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCOUNT_KEY",
    "PGPASSWORD",
];

/// Name terms of a connection string (.NET's configuration section is `ConnectionStrings__Db`).
const CONNECTION_TERMS: [&str; 2] = ["CONNECTION_STRING", "CONNECTION_STRINGS"];

/// How a name (split into words) reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SecretName {
    /// `DB_PASSWORD`, `stripeApiKey`, `GITHUB_TOKEN`.
    Secret,
    /// `SQL_CONNECTION_STRING`: a secret only when the value carries a credential.
    ConnectionString,
    /// Anything else, and names that point at a secret (`PASSWORD_FILE`, `SECRET_NAME`).
    No,
}

pub(crate) fn secret_name(w: &[String]) -> SecretName {
    if is_reference_name(w) {
        SecretName::No
    } else if SECRET_TERMS.iter().any(|t| has_term(w, t)) {
        SecretName::Secret
    } else if CONNECTION_TERMS.iter().any(|t| has_term(w, t)) {
        SecretName::ConnectionString
    } else {
        SecretName::No
    }
}

/// Does a connection string carry a credential: a `Password=`/`AccountKey=`/`SharedAccessKey=`…
/// pair, a SAS signature, or a password in a URL (`redis://:pw@host`, `postgres://u:pw@host`)?
pub(crate) fn has_credential(value: &str) -> bool {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    const KEYS: [&str; 10] = [
        "password=",
        "pwd=",
        "accountkey=",
        "sharedaccesskey=",
        "sharedaccesssignature=",
        "accesskey=",
        "secret=",
        "token=",
        "sig=",
        "key=",
    ];
    let pair = KEYS.iter().any(|k| {
        v.match_indices(k)
            .any(|(i, _)| i == 0 || matches!(v.as_bytes()[i - 1], b';' | b'&' | b'?' | b','))
    });
    pair || url_has_password(&v)
}

/// A URL with a password in its user info (`scheme://user:password@host`).
fn url_has_password(text: &str) -> bool {
    text.split("://").skip(1).any(|rest| {
        let authority = rest
            .split(['/', '?', '#', '"', '\'', ' ', ';', ','])
            .next()
            .unwrap_or("");
        authority.rsplit_once('@').is_some_and(|(userinfo, _)| {
            userinfo.split_once(':').is_some_and(|(_, p)| !p.is_empty())
        })
    })
}

/// A value that holds no credential (AKS501): an on/off switch, a plain host name or IP address
/// (with a port), or a URL without user info and without credential parameters
/// (`nats://nats.messaging.svc:4222`) — unless its key is named like a secret. A webhook URL whose
/// path is the secret (Slack, Teams, Discord) holds one.
pub(crate) fn holds_no_credential(key: &str, value: &str) -> bool {
    let v = value.trim();
    secret_name(&words(key)) != SecretName::Secret
        && (is_switch(v) || is_host(v) || is_plain_url(v))
}

/// `db.shop.svc`, `10.0.0.4:5432`, `localhost`, `[::1]:8080`: a host, with an optional port.
fn is_host(v: &str) -> bool {
    let host = match v.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => v,
    };
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if host.parse::<std::net::IpAddr>().is_ok() || host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// `scheme://host[:port][/path][?query]` without user info, without a credential parameter
/// (`key=`, `sig=`, `token=`…, see [`has_credential`]), and not a webhook whose path is its
/// secret.
fn is_plain_url(v: &str) -> bool {
    let Some((scheme, rest)) = v.split_once("://") else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'));
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    scheme_ok
        && !v.contains(char::is_whitespace)
        && !authority.contains('@')
        && is_host(authority)
        && !has_credential(v)
        && !secret_webhook(&authority.to_ascii_lowercase(), path)
}

/// Webhook URLs that carry their secret in the path.
fn secret_webhook(host: &str, path: &str) -> bool {
    host == "hooks.slack.com"
        || host.ends_with(".webhook.office.com")
        || (host == "outlook.office.com" && path.starts_with("/webhook"))
        || (matches!(host, "discord.com" | "discordapp.com") && path.starts_with("/api/webhooks"))
}

/// Is `key` (a Secret's data key) the name of a configuration file (`grafana.ini`,
/// `alertmanager.yaml`, `app.env`)? Its content is judged like a config file, not as one secret.
pub(crate) fn is_config_file(key: &str) -> bool {
    key.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && matches!(
                ext.to_ascii_lowercase().as_str(),
                "yaml"
                    | "yml"
                    | "json"
                    | "ini"
                    | "conf"
                    | "cfg"
                    | "toml"
                    | "properties"
                    | "xml"
                    | "env"
                    | "config"
            )
    })
}

/// A PEM private key block (`-----BEGIN RSA PRIVATE KEY-----`, `BEGIN OPENSSH PRIVATE KEY`…).
pub(crate) fn is_private_key(text: &str) -> bool {
    text.lines()
        .any(|l| l.contains("BEGIN") && l.contains("PRIVATE KEY"))
}

/// Does a configuration file hold a credential: a key named like a secret (as AKS502 judges env
/// names) with a value that is not empty, an on/off switch or a placeholder; a connection string
/// or URL with a password; or a private key block? Comment lines (`#`, `;`, `//`) are skipped.
pub(crate) fn config_has_credential(text: &str) -> bool {
    if is_private_key(text) {
        return true;
    }
    text.lines().any(|line| {
        let t = line.trim_start();
        if t.starts_with('#') || t.starts_with(';') || t.starts_with("//") {
            return false;
        }
        if url_has_password(t) {
            return true;
        }
        let b = t.as_bytes();
        (0..b.len())
            .filter(|&i| matches!(b[i], b':' | b'='))
            .any(|i| {
                // The key before the separator (a closing quote and spaces allowed).
                let before = t[..i].trim_end().trim_end_matches(['"', '\'']);
                // The longest run of key characters at its end (what precedes it may be any
                // character, of any width).
                let head = before.trim_end_matches(|c: char| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
                });
                let key = &before[head.len()..];
                if key.is_empty() {
                    return false;
                }
                let name = secret_name(&words(key));
                if name == SecretName::No {
                    return false;
                }
                let value = config_value(&t[i + 1..]);
                match name {
                    SecretName::Secret => {
                        !value.is_empty() && !is_switch(value) && !is_placeholder(value)
                    }
                    _ => has_credential(value),
                }
            })
    })
}

/// The value after a key's separator, on the same line: quoted, or up to `,` `}` `]` or a comment.
fn config_value(rest: &str) -> &str {
    // A value is short; bounding the look-ahead keeps a pathological line linear.
    let mut end = rest.len().min(4096);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let r = rest[..end].trim_start();
    for q in ['"', '\''] {
        if let Some(inner) = r.strip_prefix(q) {
            return inner.split(q).next().unwrap_or("");
        }
    }
    let whole = r.split([',', '#']).next().unwrap_or("").trim();
    if is_placeholder(whole) {
        return whole;
    }
    if r.starts_with('{') || r.starts_with('[') {
        return "";
    }
    r.split([',', '}', ']', '#']).next().unwrap_or("").trim()
}

/// Standard padded base64 (what the API server accepts in a Secret's `data`), whitespace
/// ignored; `None` when it is not.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    if text.bytes().filter(|c| !c.is_ascii_whitespace()).count() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits, mut pad) = (0u32, 0u32, 0usize);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                pad += 1;
                continue;
            }
            _ => return None,
        };
        if pad > 0 {
            return None;
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (pad <= 2).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for p in [
            "${DB_PASSWORD}",
            "$DB_PASSWORD",
            "<cosmosdb-conn-string>",
            "<base64-encoded-tenant-id>",
            "{{ .Values.password }}",
            "#{DbPassword}#",
            "__DB_PASSWORD__",
            "##KEYVAULT_NAME##",
            " ${X} ",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for v in [
            "hunter2", "$", "$1secret", "p@$$word", "<a>b<c>", "${A}${B}", "____", "a${X}", "",
        ] {
            assert!(!is_placeholder(v), "{v}");
        }
    }

    #[test]
    fn dependent_vars() {
        assert!(has_dependent_var("$(DB_PASSWORD)"));
        assert!(has_dependent_var(
            "postgres://app:$(DB_PASSWORD)@db:5432/app"
        ));
        assert!(!has_dependent_var("$$(DB_PASSWORD)"));
        assert!(!has_dependent_var("$()"));
        assert!(!has_dependent_var("${DB_PASSWORD}"));
        assert!(!has_dependent_var("pa$(ss"));
        assert!(!has_dependent_var(&"$(".repeat(100_000)));
        assert!(!has_dependent_var("hunter2"));
    }

    #[test]
    fn names() {
        let n = |s: &str| secret_name(&words(s));
        assert_eq!(n("DB_PASSWORD"), SecretName::Secret);
        assert_eq!(n("stripeApiKey"), SecretName::Secret);
        assert_eq!(n("ConnectionStrings__Orders"), SecretName::ConnectionString);
        assert_eq!(n("SQL_CONNECTION_STRING"), SecretName::ConnectionString);
        assert_eq!(n("DB_PASSWORD_FILE"), SecretName::No);
        assert_eq!(n("PASSWORDLESS_LOGIN"), SecretName::No);
        assert_eq!(n("TOKENIZER"), SecretName::No);
        assert_eq!(n("PGPASSWORD"), SecretName::Secret);
    }

    #[test]
    fn credentials_in_connection_strings() {
        assert!(has_credential(
            "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc==;EndpointSuffix=core.windows.net"
        ));
        assert!(has_credential(
            "Server=tcp:db.database.windows.net;Database=app;User ID=app;Password=p4ss;"
        ));
        assert!(has_credential(
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=k="
        ));
        assert!(has_credential("postgres://app:p4ss@db:5432/app"));
        assert!(has_credential("redis://:p4ss@redis:6379/0"));
        assert!(has_credential(
            "https://acct.blob.core.windows.net/c?sv=2022&sig=abc"
        ));
        assert!(!has_credential("redis:6379"));
        assert!(!has_credential("postgres://app@db:5432/app"));
        assert!(!has_credential(
            "Server=tcp:db.database.windows.net;Database=app;Authentication=Active Directory Managed Identity"
        ));
        assert!(!has_credential(
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send"
        ));
        assert!(!has_credential("mongodb://mongo:27017"));
    }

    #[test]
    fn config_files() {
        assert!(is_config_file("grafana.ini"));
        assert!(is_config_file("alertmanager.YAML"));
        assert!(!is_config_file("tls.key"));
        assert!(!is_config_file(".env"));
        assert!(!is_config_file("password"));
        assert!(!config_has_credential(
            "[date_formats]\ndefault_timezone = UTC\n"
        ));
        assert!(!config_has_credential(
            "{\"datasources\": [{\"url\": \"http://prometheus:9090\", \"editable\": false}]}"
        ));
        assert!(!config_has_credential("global:\n  resolve_timeout: 5m\n"));
        assert!(!config_has_credential(
            ";admin_password = admin\n# password: x\n"
        ));
        assert!(!config_has_credential(
            "bearer_token_file: /var/run/token\nuse_token: true\n"
        ));
        assert!(!config_has_credential(
            "smtp_auth_password: ${SMTP_PASSWORD}\n"
        ));
        assert!(config_has_credential(
            "[security]\nadmin_password = hunter2\n"
        ));
        assert!(config_has_credential(
            "global:\n  smtp_auth_password: 'hunter2'\n"
        ));
        assert!(config_has_credential(
            "{\"basicAuthPassword\": \"hunter2\"}"
        ));
        assert!(config_has_credential("DB_PASSWORD=hunter2\n"));
        // A key after a character wider than a byte (found by fuzzing: this sliced inside `ї`).
        assert!(!config_has_credential(
            "- url: http:/їlert-relay.monitoring.svc:8080/\n"
        ));
        assert!(config_has_credential("ключ_password: hunter2\n"));
        assert!(config_has_credential("é DB_PASSWORD=hunter2\n"));
        assert!(config_has_credential(
            "url: postgres://app:hunter2@db/app\n"
        ));
        assert!(config_has_credential(
            "ConnectionStrings__Db=Server=db;Password=hunter2\n"
        ));
        assert!(config_has_credential(
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n"
        ));
    }

    #[test]
    fn base64() {
        assert_eq!(
            base64_decode("aHVudGVyMg==").as_deref(),
            Some(&b"hunter2"[..])
        );
        assert_eq!(
            base64_decode("W2RhdGVd\nCg==").as_deref(),
            Some(&b"[date]\n"[..])
        );
        assert_eq!(base64_decode("").as_deref(), Some(&b""[..]));
        assert!(base64_decode("<base64-encoded>").is_none());
        assert!(base64_decode("ab=c").is_none());
        assert!(base64_decode("aHVudGVyMg").is_none());
        assert!(base64_decode("CLIENT_SECRET").is_none());
    }

    #[test]
    fn switches() {
        assert!(is_switch("yes"));
        assert!(is_switch("False"));
        assert!(!is_switch("admin"));
        assert!(!is_switch("1"));
    }

    #[test]
    fn values_without_a_credential() {
        for (key, value) in [
            ("url", "nats://nats.messaging.svc:4222"),
            ("NATS_URL", "nats://nats.messaging.svc:4222/"),
            ("endpoint", "https://shop.vault.azure.net/"),
            ("host", "db.shop.svc.cluster.local"),
            ("DB_HOST", "10.0.0.4:5432"),
            ("server", "localhost:6379"),
            ("enabled", "true"),
            ("api", "http://[::1]:8080/v1?format=json"),
        ] {
            assert!(holds_no_credential(key, value), "{key}: {value}");
        }
        for (key, value) in [
            ("password", "db.shop.svc"),
            ("url", "postgres://app:hunter2@db:5432/shop"),
            ("url", "https://deploy-token@gitlab.example.com/shop.git"),
            (
                "url",
                "https://shop.blob.core.windows.net/c?sv=2022&sig=abc",
            ),
            ("url", "https://api.example.com/v1?api_key=abc&key=def"),
            ("webhook", "https://hooks.slack.com/services/T000/B000/XXXX"),
            ("teams", "https://contoso.webhook.office.com/webhookb2/abc"),
            ("user", "admin"),
            ("token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
            ("port", "5432"),
            ("conf", "host = db\npassword = x"),
        ] {
            assert!(!holds_no_credential(key, value), "{key}: {value}");
        }
    }
}
