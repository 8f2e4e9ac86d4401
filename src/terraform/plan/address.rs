//! Terraform addresses and references as a plan writes them: `module.aks["eu"].azurerm_kubernetes_cluster.this[0]`,
//! `module.aks.cluster_id`, `var.cluster_id`. Instance keys are kept as written (`"eu"`, `0`):
//! Terraform prints them the same way in addresses and in references.

/// One `module.name[key]` step of a module instance's address.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Segment {
    pub name: String,
    /// The instance key as written between the brackets (`"eu"`, `0`); `None` without one.
    pub key: Option<String>,
}

/// A step of an address: a name, or an index (its text between the brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step<'s> {
    Name(&'s str),
    Index(&'s str),
}

/// The steps of `s`, each with where it starts; `None` when it is no address.
pub(super) fn steps(s: &str) -> Option<Vec<(usize, Step<'_>)>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'[' {
            let start = i + 1;
            let mut j = start;
            let mut quoted = false;
            while j < b.len() {
                match b[j] {
                    b'\\' if quoted => j += 1,
                    b'"' => quoted = !quoted,
                    b']' if !quoted => break,
                    _ => {}
                }
                j += 1;
            }
            if j >= b.len() {
                return None;
            }
            out.push((i, Step::Index(&s[start..j])));
            i = j + 1;
        } else {
            let start = i;
            while i < b.len() && b[i] != b'.' && b[i] != b'[' {
                i += 1;
            }
            if i == start {
                return None;
            }
            out.push((start, Step::Name(&s[start..i])));
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            if i == b.len() {
                return None;
            }
        }
    }
    Some(out)
}

/// An instance address split into its module instance and the rest (`type.name[key]`, or
/// `data.type.name`).
pub fn split(address: &str) -> (Vec<Segment>, &str) {
    let Some(steps) = steps(address) else {
        return (Vec::new(), address);
    };
    let mut segments = Vec::new();
    let mut i = 0;
    while let (Some((_, Step::Name("module"))), Some((_, Step::Name(name)))) =
        (steps.get(i), steps.get(i + 1))
    {
        // A resource type named `module` cannot exist, but a last pair of names is the resource.
        if steps.len() <= i + 2 {
            break;
        }
        let key = match steps.get(i + 2) {
            Some((_, Step::Index(k))) => Some(k.to_string()),
            _ => None,
        };
        i += if key.is_some() { 3 } else { 2 };
        segments.push(Segment {
            name: name.to_string(),
            key,
        });
    }
    let rest = steps.get(i).map_or("", |(at, _)| &address[*at..]);
    (segments, rest)
}

/// A module instance's address (`module.a["x"].module.b`) as segments; `None` when it is not one.
pub fn module_path(address: &str) -> Option<Vec<Segment>> {
    if address.is_empty() {
        return Some(Vec::new());
    }
    let full = format!("{address}.r.x");
    let (segments, rest) = split(&full);
    (rest == "r.x").then_some(segments)
}

/// The address with every instance key left out: the resource (or module call) it is an
/// instance of, as the configuration names it.
pub fn without_keys(address: &str) -> String {
    match steps(address) {
        Some(steps) => steps
            .iter()
            .filter_map(|(_, s)| match s {
                Step::Name(n) => Some(*n),
                Step::Index(_) => None,
            })
            .collect::<Vec<_>>()
            .join("."),
        None => address.to_string(),
    }
}

/// The key of a resource instance's local address (`type.name[key]`).
pub fn instance_key(local: &str) -> Option<String> {
    match steps(local)?.last()? {
        (_, Step::Index(k)) => Some(k.to_string()),
        _ => None,
    }
}

/// `module.a["x"].` for the segments (empty for the root).
pub fn prefix(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        out.push_str("module.");
        out.push_str(&s.name);
        if let Some(k) = &s.key {
            out.push('[');
            out.push_str(k);
            out.push(']');
        }
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(name: &str, key: Option<&str>) -> Segment {
        Segment {
            name: name.into(),
            key: key.map(Into::into),
        }
    }

    #[test]
    fn addresses() {
        let a = r#"module.aks["e.u]"].module.np[0].azurerm_kubernetes_cluster.this[1]"#;
        let (segments, rest) = split(a);
        assert_eq!(
            segments,
            [seg("aks", Some(r#""e.u]""#)), seg("np", Some("0"))]
        );
        assert_eq!(rest, "azurerm_kubernetes_cluster.this[1]");
        assert_eq!(prefix(&segments) + rest, a);
        assert_eq!(
            without_keys(a),
            "module.aks.module.np.azurerm_kubernetes_cluster.this"
        );
        assert_eq!(instance_key(rest).as_deref(), Some("1"));
        assert_eq!(
            split("data.azurerm_client_config.c").1,
            "data.azurerm_client_config.c"
        );
        assert_eq!(split("module.x.data.t.n").0, [seg("x", None)]);
        assert_eq!(
            module_path(r#"module.a["k"].module.b"#),
            Some(vec![seg("a", Some(r#""k""#)), seg("b", None)])
        );
        assert_eq!(module_path(""), Some(vec![]));
        assert_eq!(module_path("azurerm_x.y"), None);
        assert!(steps("a..b").is_none() && steps("a[").is_none() && steps("a.").is_none());
    }
}
