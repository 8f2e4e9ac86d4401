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
