//! Environment variable names as words, for rules that judge names (AKS117, AKS502): names, not
//! substrings. `dbPassword` → [db, password]; `PASSWORDLESS` is one word; `API_KEY` matches the
//! consecutive words `api`, `key`.

/// Splits a name into lower-case words on `_`, `-`, `.` and camelCase boundaries
/// (`APIKey` → api, key; `dbPassword` → db, password).
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in name.split(['_', '-', '.']).filter(|p| !p.is_empty()) {
        let chars: Vec<char> = part.chars().collect();
        let mut start = 0;
        for i in 1..chars.len() {
            let (prev, cur) = (chars[i - 1], chars[i]);
            let next_lower = chars.get(i + 1).is_some_and(|c| c.is_lowercase());
            let boundary = (prev.is_lowercase() || prev.is_ascii_digit()) && cur.is_uppercase()
                || prev.is_uppercase() && cur.is_uppercase() && next_lower;
            if boundary {
                out.push(chars[start..i].iter().collect::<String>().to_lowercase());
                start = i;
            }
        }
        out.push(chars[start..].iter().collect::<String>().to_lowercase());
    }
    out
}

/// Does the name contain `term` (`"API_KEY"`, `"password"`) as consecutive whole words?
pub fn has_term(words: &[String], term: &str) -> bool {
    let t: Vec<String> = self::words(term);
    !t.is_empty() && words.windows(t.len()).any(|w| w == t.as_slice())
}

/// Names whose last word says they hold a location or an identifier, not a secret
/// (`PASSWORD_FILE`, `TOKEN_PATH`, `SECRET_NAME`, `CLIENT_ID`…).
pub fn is_reference_name(words: &[String]) -> bool {
    matches!(
        words.last().map(String::as_str),
        Some("file" | "path" | "url" | "name" | "id" | "endpoint" | "host")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn splits_on_separators_and_camel_case() {
        assert_eq!(w("dbPassword"), ["db", "password"]);
        assert_eq!(w("DB_PASSWORD"), ["db", "password"]);
        assert_eq!(w("APIKey"), ["api", "key"]);
        assert_eq!(w("azure.client-secret"), ["azure", "client", "secret"]);
        assert_eq!(w("PASSWORDLESS"), ["passwordless"]);
        assert_eq!(w("oauth2Token"), ["oauth2", "token"]);
    }

    #[test]
    fn terms_are_whole_consecutive_words() {
        assert!(has_term(&w("STRIPE_API_KEY"), "API_KEY"));
        assert!(has_term(&w("stripeApiKey"), "API_KEY"));
        assert!(!has_term(&w("API_KEYRING"), "API_KEY"));
        assert!(!has_term(&w("PASSWORDLESS_LOGIN"), "PASSWORD"));
        assert!(has_term(&w("SQL_CONNECTION_STRING"), "CONNECTION_STRING"));
        assert!(!has_term(&w("CONNECTION_TIMEOUT"), "CONNECTION_STRING"));
    }

    #[test]
    fn reference_names() {
        assert!(is_reference_name(&w("PASSWORD_FILE")));
        assert!(is_reference_name(&w("AZURE_CLIENT_ID")));
        assert!(!is_reference_name(&w("AZURE_CLIENT_SECRET")));
    }
}

/// Is this env var name an Azure credential, as AKS117 judges it? Its first word is `azure`
/// (`AZURE_…`, `AzureAd__ClientSecret`), its last word is not `FILE`, `PATH`, `URL`, `NAME`, `ID`,
/// `ENDPOINT` or `HOST`, and it holds the word SECRET, PASSWORD, SAS, the consecutive words
/// CONNECTION STRING (or `CONNECTIONSTRING`), or a KEY: `key` (or `apikey`, `key1`, `key2`…) as the
/// last word, trailing numbers aside, and not a public key. KEY anywhere else names something
/// else (`AZURE_KEY_VAULT_URI`, `AZURE_KEYVAULT_NAME`, `AZURE_KEY_VERSION`,
/// `AZURE_APPCONFIG_KEY_FILTER`).
///
/// AKS117 reports these names; AKS502 leaves them to it.
pub fn is_azure_credential_name(name: &str) -> bool {
    let w = words(name);
    if w.first().map(String::as_str) != Some("azure") || is_reference_name(&w) {
        return false;
    }
    let rest = &w[1..];
    if ["secret", "password", "sas", "sastoken", "connectionstring"]
        .iter()
        .any(|t| rest.iter().any(|x| x == t))
        || has_term(rest, "connection_string")
    {
        return true;
    }
    // KEY: the last word, numbers after it aside (`AZURE_STORAGE_KEY_2`).
    let mut end = rest.len();
    while end > 0 && rest[end - 1].bytes().all(|b| b.is_ascii_digit()) {
        end -= 1;
    }
    let Some(last) = end.checked_sub(1).map(|i| rest[i].as_str()) else {
        return false;
    };
    let is_key = last == "apikey"
        || last
            .strip_prefix("key")
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    is_key && !(end >= 2 && rest[end - 2] == "public")
}

#[cfg(test)]
mod azure_credential_tests {
    use super::is_azure_credential_name as cred;

    #[test]
    fn credentials() {
        for n in [
            "AZURE_CLIENT_SECRET",
            "AZURE_CLIENT_CERTIFICATE_PASSWORD",
            "AZURE_STORAGE_KEY",
            "AZURE_STORAGE_ACCOUNT_KEY",
            "AZURE_STORAGE_KEY_2",
            "AZURE_STORAGE_KEY1",
            "AZURE_OPENAI_API_KEY",
            "AZURE_OPENAI_APIKEY",
            "AZURE_OPENAI_KEY",
            "AZURE_STORAGE_CONNECTION_STRING",
            "AZURE_STORAGE_CONNECTIONSTRING",
            "AZURE_STORAGE_SAS_TOKEN",
            "AZURE_SAS",
            "azure_client_secret",
            "AzureClientSecret",
            "AzureAd__ClientSecret",
            "azure.storage.key",
            "AZURE_BATCH_KEY",
            "AZURE_KEY",
        ] {
            assert!(cred(n), "{n}");
        }
    }

    #[test]
    fn not_credentials() {
        for n in [
            "AZURE_CLIENT_ID",
            "AZURE_TENANT_ID",
            "AZURE_FEDERATED_TOKEN_FILE",
            "AZURE_AUTHORITY_HOST",
            "AZURE_CLIENT_SECRET_PATH",
            "AZURE_KEYVAULT_NAME",
            "AZURE_KEYVAULT_URI",
            "AZURE_KEY_VAULT_URI",
            "AZURE_KEY_VAULT_NAME",
            "AZURE_KEY_VERSION",
            "AZURE_APPCONFIG_KEY_FILTER",
            "AZURE_STORAGE_KEY_NAME",
            "AZURE_SSH_PUBLIC_KEY",
            "AZURE_SAS_URL",
            "AZURE_OPENAI_ENDPOINT",
            "AZURE_PASSWORDLESS_ENABLED",
            "AZURE_KEYS",
            "AZURE_SECRETS_STORE_MODE",
            "AZURE_CONNECTION_TIMEOUT",
            "AZURE_ACCESS_TOKEN",
            "AZURE",
            "CLIENT_SECRET",
            "AZUREAD_CLIENT_SECRET",
            "MY_AZURE_CLIENT_SECRET",
            "OPENAI_API_KEY",
        ] {
            assert!(!cred(n), "{n}");
        }
    }
}
