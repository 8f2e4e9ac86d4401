//! Where in a document a byte offset lies, as a key path from the root:
//! `spec.template.spec.containers[web].securityContext.privileged`. A sequence item that is a
//! mapping with a `name` is named by it (`containers[web]`: the same container however the list is
//! ordered), an object of a `List` by its `metadata.name` (`items[web]`), any other by its index
//! (`args[2]`). Lines, columns and the text around do not enter
//! it, so it names a finding's place across edits that move it (baseline fingerprints).

use super::tree::{Document, NodeId, NodeKind};

/// The key path of the innermost node holding `offset`; `None` outside the document's root.
pub fn at(doc: &Document<'_>, offset: u32) -> Option<String> {
    let holds = |id: NodeId| {
        let s = doc.span(id);
        s.start <= offset && (offset < s.end || s.start == s.end)
    };
    let mut node = doc.root.filter(|&r| holds(r))?;
    let mut path = String::new();
    // Each step goes one level down: at most as many steps as nodes.
    for _ in 0..doc.node_count() {
        match &doc.node(node).kind {
            NodeKind::Map(entries) => {
                let Some(&(k, v)) = entries.iter().find(|&&(k, v)| holds(k) || holds(v)) else {
                    break;
                };
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(doc.str(k).unwrap_or("?"));
                if holds(k) {
                    break;
                }
                node = v;
            }
            NodeKind::Seq(items) => {
                let Some((i, &item)) = items.iter().enumerate().find(|&(_, &i)| holds(i)) else {
                    break;
                };
                let name = doc
                    .resolve(item)
                    .filter(|&r| doc.is_map(r))
                    .and_then(|r| {
                        doc.get(r, "name")
                            .or_else(|| doc.get_at(r, &["metadata", "name"]))
                    })
                    .and_then(|n| doc.str(n))
                    .filter(|n| !n.contains(['[', ']', '.']));
                match name {
                    Some(n) => path.push_str(&format!("[{n}]")),
                    None => path.push_str(&format!("[{i}]")),
                }
                node = item;
            }
            NodeKind::Scalar { .. } | NodeKind::Alias(_) => break,
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::at;
    use crate::yaml::{YamlLimits, parse_file};

    fn path_of(yaml: &str, needle: &str) -> Option<String> {
        let f = parse_file(yaml, &YamlLimits::default());
        let doc = f.docs.iter().flatten().find(|d| {
            let s = d.span;
            yaml[s.start as usize..s.end as usize].contains(needle)
        })?;
        at(doc, yaml.find(needle)? as u32)
    }

    const POD: &str = "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      args: [--a, --b]\n      securityContext:\n        privileged: true\n    - image: x\n      securityContext: {privileged: true}\n";

    #[test]
    fn keys_and_named_items() {
        assert_eq!(path_of(POD, "kind").as_deref(), Some("kind"));
        assert_eq!(
            path_of(POD, "privileged: true\n    -").as_deref(),
            Some("spec.containers[web].securityContext.privileged")
        );
        assert_eq!(
            path_of(POD, "true\n    -").as_deref(),
            Some("spec.containers[web].securityContext.privileged")
        );
        assert_eq!(
            path_of(POD, "--b").as_deref(),
            Some("spec.containers[web].args[1]")
        );
        assert_eq!(
            path_of(POD, "privileged: true}").as_deref(),
            Some("spec.containers[1].securityContext.privileged")
        );
        assert_eq!(
            path_of(POD, "name: web").as_deref(),
            Some("spec.containers[web].name")
        );
    }

    #[test]
    fn objects_of_a_list_are_named_by_their_metadata() {
        let list = "kind: List\nitems:\n  - kind: Pod\n    metadata: {name: a}\n    spec: {hostPID: true}\n  - kind: Pod\n    metadata: {name: b}\n    spec: {hostNetwork: true}\n";
        assert_eq!(
            path_of(list, "hostNetwork").as_deref(),
            Some("items[b].spec.hostNetwork")
        );
    }

    #[test]
    fn the_path_does_not_move_with_the_lines_or_the_order() {
        let moved = POD
            .replace("metadata:\n", "metadata:\n  labels: {a: b}\n")
            .replace("    - name: web\n      args: [--a, --b]\n      securityContext:\n        privileged: true\n    - image: x\n      securityContext: {privileged: true}\n", "    - image: y\n    - name: web\n      securityContext:\n        privileged: true\n");
        assert_eq!(
            path_of(&moved, "privileged: true").as_deref(),
            Some("spec.containers[web].securityContext.privileged")
        );
    }
}
