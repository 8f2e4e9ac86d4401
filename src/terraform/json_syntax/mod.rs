//! Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) read as HCL, in place.
//!
//! hcl-edit reads HCL only, and its nodes' spans cannot be set from outside. So the JSON text is
//! rewritten into HCL text *of the same length*, every key and value kept at its own byte offset:
//! `"local_account_disabled": false,` becomes ` local_account_disabled = false `, values are
//! copied as they are (a JSON value is an HCL expression, and a JSON string is a template, as
//! Terraform reads it: `"${var.x}"`), and the punctuation of the objects that hold blocks
//! (`"resource": {"azurerm_kubernetes_cluster": {`) is blanked. Spans of the parsed body then
//! point into the original JSON, which stays the file's text: findings, code frames and
//! positions need no translation.
//!
//! A block header is written on the line of its last label, in the blank space before it
//! (`      "main": {` becomes `r "" "main" {`), with placeholders for the block type and the
//! labels that are keys further up; once parsed, the placeholders are replaced by their names
//! ([`fix`]), which then have no span (a header is found through its last label). This needs
//! room: a block whose name starts a line with at least five characters of indentation, as
//! every pretty-printed file has; a minified file (no line breaks between blocks) is AKS001.
//!
//! Blocks and attributes cannot be told apart in JSON without the provider's schema: an object
//! (or an array of objects) under a name in [`BLOCKS`] is a nested block, anything else an
//! attribute. `"//"` keys are comments. Not read: `moved`, `import`, `removed`, `check`.

mod tree;

use hcl_edit::structure::{Block, BlockLabel, Body};
use hcl_edit::{Decorated, Ident};
use tree::{Member, Node};

/// The nested blocks akslint's rules read, and Terraform's own (an object under another name
/// is an attribute).
const BLOCKS: &[&str] = &[
    "access_policy",
    "addon_profile",
    "api_server_access_profile",
    "auto_scaler_profile",
    "azure_active_directory",
    "azure_active_directory_role_based_access_control",
    "azure_keyvault_secrets_provider",
    "azure_policy",
    "cloud",
    "connection",
    "content",
    "default_node_pool",
    "enabled_log",
    "enabled_metric",
    "features",
    "http_application_routing",
    "identity",
    "ip_rule",
    "key_vault_secrets_provider",
    "kubelet_identity",
    "lifecycle",
    "linux_profile",
    "load_balancer_profile",
    "log",
    "maintenance_window",
    "maintenance_window_auto_upgrade",
    "maintenance_window_node_os",
    "metric",
    "microsoft_defender",
    "monitor_metrics",
    "network_acls",
    "network_profile",
    "network_rule_set",
    "oms_agent",
    "postcondition",
    "precondition",
    "required_providers",
    "role_based_access_control",
    "service_principal",
    "ssh_key",
    "storage_profile",
    "timeouts",
    "upgrade_settings",
    "validation",
    "web_app_routing",
    "windows_profile",
    "workload_autoscaler_profile",
];

/// Whether `name` is a nested block's (of the blocks akslint's rules read, or Terraform's own):
/// in JSON, a key that may hold one cannot be told from an attribute otherwise.
pub fn is_block(name: &str) -> bool {
    BLOCKS.binary_search(&name).is_ok()
}

/// Blocks that take one label from the key under them (`"backend": {"azurerm": {…}}`).
const LABELLED: &[&str] = &["backend", "dynamic", "provisioner"];

/// A block's names as they are, where the rewritten text holds placeholders (in document order,
/// one per block, `None` where nothing was replaced).
#[derive(Debug, Clone, Default)]
pub struct Fixup {
    ident: Option<&'static str>,
    /// (index, name) of the labels that are placeholders.
    labels: Vec<(usize, String)>,
}

/// Whether a file name is in Terraform's JSON syntax.
pub fn is_json(name: &str) -> bool {
    name.ends_with(".tf.json") || name.ends_with(".tfvars.json")
}

/// Rewrites a JSON configuration (or, with `vars`, a variable file) into HCL text of the same
/// length; `Err((offset, message))` when it is no JSON, or no Terraform JSON this can read.
pub fn to_hcl(text: &str, vars: bool) -> Result<(String, Vec<Fixup>), (usize, String)> {
    let root = tree::parse(text)?;
    let Node::Object { members, .. } = &root else {
        return Err((
            root.start(),
            "a Terraform JSON file holds one object".into(),
        ));
    };
    let mut g = Gen::new(text);
    for m in members.iter().filter(|m| m.key != "//") {
        if vars {
            g.attribute(m)?;
        } else {
            g.top(m)?;
        }
    }
    // Some blank bytes are `\n`; HCL needs one at the end too, which the text may lack.
    let out = String::from_utf8(g.out).map_err(|_| (0, "not UTF-8".to_string()))?;
    Ok((out, g.fixups))
}

/// Puts the names of `fixups` (in document order) on the blocks of `body`.
pub fn fix(body: &mut Body, fixups: &[Fixup]) {
    let mut i = 0;
    fix_blocks(body, fixups, &mut i);
}

fn fix_blocks(body: &mut Body, fixups: &[Fixup], i: &mut usize) {
    for b in body.blocks_mut() {
        if let Some(f) = fixups.get(*i) {
            apply(b, f);
        }
        *i += 1;
        fix_blocks(&mut b.body, fixups, i);
    }
}

fn apply(b: &mut Block, f: &Fixup) {
    if let Some(ident) = f.ident.and_then(|i| Ident::try_new(i).ok()) {
        b.ident = Decorated::new(ident);
    }
    for (i, name) in &f.labels {
        if let Some(slot) = b.labels.get_mut(*i) {
            *slot = BlockLabel::String(Decorated::new(name.clone()));
        }
    }
}

/// The rewriting of one file.
struct Gen<'t> {
    src: &'t [u8],
    out: Vec<u8>,
    /// Bytes no token was written to (blank: a space or a line break).
    free: Vec<bool>,
    /// Just past the last token written.
    cursor: usize,
    fixups: Vec<Fixup>,
}

impl<'t> Gen<'t> {
    fn new(text: &'t str) -> Gen<'t> {
        let src = text.as_bytes();
        let out = src
            .iter()
            .map(|&c| if c == b'\n' { b'\n' } else { b' ' })
            .collect();
        Gen {
            src,
            out,
            free: vec![true; src.len()],
            cursor: 0,
            fixups: Vec::new(),
        }
    }

    fn write(&mut self, at: usize, bytes: &[u8]) {
        self.out[at..at + bytes.len()].copy_from_slice(bytes);
        self.free[at..at + bytes.len()].fill(false);
        self.cursor = self.cursor.max(at + bytes.len());
    }

    fn keep(&mut self, from: usize, to: usize) {
        let bytes = self.src[from..to].to_vec();
        self.write(from, &bytes);
    }

    /// Whether `from..to` is free and ASCII in the original (a placeholder written there may
    /// give a span: it must fall on characters of the text).
    fn blank(&self, from: usize, to: usize) -> bool {
        (from..to).all(|i| self.free[i] && self.src[i].is_ascii())
    }

    /// A line break among the blank bytes `from..to` (items of a body are one per line).
    fn newline(&mut self, from: usize, to: usize) -> Result<(), (usize, String)> {
        if self.out[from..to].contains(&b'\n') {
            return Ok(());
        }
        match (from..to).find(|&i| self.free[i]) {
            Some(i) => {
                self.out[i] = b'\n';
                Ok(())
            }
            None => Err((to, TIGHT.into())),
        }
    }

    /// No line break among the blank bytes `from..to` (a block header is one line).
    fn one_line(&mut self, from: usize, to: usize) {
        for i in from..to {
            if self.free[i] && self.out[i] == b'\n' {
                self.out[i] = b' ';
            }
        }
    }

    /// A top-level member of a configuration.
    fn top(&mut self, m: &Member) -> Result<(), (usize, String)> {
        match m.key.as_str() {
            "resource" | "data" => {
                let kw = if m.key == "resource" {
                    "resource"
                } else {
                    "data"
                };
                for t in members(&m.value) {
                    for n in members(&t.value) {
                        self.blocks_of(kw, Some(&t.key), n)?;
                    }
                }
            }
            "variable" | "output" | "module" | "provider" => {
                let kw = match m.key.as_str() {
                    "variable" => "variable",
                    "output" => "output",
                    "module" => "module",
                    _ => "provider",
                };
                for n in members(&m.value) {
                    self.blocks_of(kw, None, n)?;
                }
            }
            "locals" | "terraform" => self.nested(m)?,
            _ => {}
        }
        Ok(())
    }

    /// Blocks labelled by `n`'s key (and `first` above it): its object, or each of its array.
    fn blocks_of(
        &mut self,
        kw: &'static str,
        first: Option<&str>,
        n: &Member,
    ) -> Result<(), (usize, String)> {
        match &n.value {
            Node::Object { .. } => self.labelled(kw, first, n, &n.value),
            Node::Array { items, .. } => {
                for body in items.iter().filter(|i| matches!(i, Node::Object { .. })) {
                    self.labelled(kw, first, n, body)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// `kw [first] "name" {` on the line of `"name"`, then the body.
    fn labelled(
        &mut self,
        kw: &'static str,
        first: Option<&str>,
        n: &Member,
        body: &Node,
    ) -> Result<(), (usize, String)> {
        let (label, open) = if body.start() > n.key_start && self.free[n.key_start] {
            (n.key_start, body.start())
        } else {
            // Another element of an array: no key of its own, the label is a placeholder too.
            (body.start(), body.start())
        };
        let mut head = b"r".to_vec();
        if first.is_some() {
            head.extend_from_slice(b" \"\"");
        }
        if label == open {
            head.extend_from_slice(b" \"\"");
        }
        head.push(b' ');
        let at = label
            .checked_sub(head.len())
            .filter(|&a| a >= self.cursor && self.blank(a, label))
            .ok_or((label, TIGHT.to_string()))?;
        self.newline(self.cursor, at)?;
        self.write(at, &head);
        if label != open {
            self.keep(n.key_start, n.key_end);
        }
        self.one_line(at, open);
        let mut labels = Vec::new();
        if let Some(f) = first {
            labels.push((0, f.to_string()));
        }
        if label == open {
            labels.push((labels.len(), n.key.clone()));
        }
        self.fixups.push(Fixup {
            ident: Some(kw),
            labels,
        });
        self.body(body, kw)
    }

    /// A block named by `m`'s key itself (`"network_profile": {…}`), or one per object of its
    /// array; a `dynamic`/`backend` object holds labelled blocks.
    fn nested(&mut self, m: &Member) -> Result<(), (usize, String)> {
        let kw = static_name(&m.key);
        if LABELLED.contains(&m.key.as_str()) {
            for n in members(&m.value) {
                self.blocks_of(kw, None, n)?;
            }
            return Ok(());
        }
        match &m.value {
            Node::Object { open, .. } => {
                let at = m.key_start + 1;
                self.newline(self.cursor, at)?;
                self.write(at, m.key.as_bytes());
                self.one_line(at, *open);
                self.fixups.push(Fixup::default());
                self.body(&m.value, kw)
            }
            Node::Array { items, .. } => {
                for body in items.iter().filter(|i| matches!(i, Node::Object { .. })) {
                    let open = body.start();
                    let at = open
                        .checked_sub(2)
                        .filter(|&a| a >= self.cursor && self.blank(a, open))
                        .ok_or((open, TIGHT.to_string()))?;
                    self.newline(self.cursor, at)?;
                    self.write(at, b"x ");
                    self.fixups.push(Fixup {
                        ident: Some(kw),
                        labels: Vec::new(),
                    });
                    self.body(body, kw)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// A block's body: `{`, its attributes and nested blocks one per line, `}`.
    fn body(&mut self, body: &Node, kind: &str) -> Result<(), (usize, String)> {
        let Node::Object {
            open,
            close,
            members,
        } = body
        else {
            return Ok(());
        };
        self.write(*open, b"{");
        let attributes_only = kind == "locals" || kind == "required_providers";
        for m in members.iter().filter(|m| m.key != "//") {
            let block = !attributes_only
                && (LABELLED.contains(&m.key.as_str())
                    || (BLOCKS.contains(&m.key.as_str()) && holds_objects(&m.value)));
            if block {
                self.nested(m)?;
            } else {
                self.attribute(m)?;
            }
        }
        if !members.is_empty() {
            self.newline(self.cursor, *close)?;
        }
        self.write(*close, b"}");
        Ok(())
    }

    /// `"name": value` as `name = value`, on a line of its own. A key that is no identifier
    /// (Terraform rejects it) is left out.
    fn attribute(&mut self, m: &Member) -> Result<(), (usize, String)> {
        if !is_ident(&m.key) || m.key_end - m.key_start != m.key.len() + 2 {
            return Ok(());
        }
        let at = m.key_start + 1;
        self.newline(self.cursor, at)?;
        self.write(at, m.key.as_bytes());
        self.write(m.colon, b"=");
        self.keep(m.value.start(), m.value.end());
        Ok(())
    }
}

const TIGHT: &str = "this JSON is laid out too tightly to read as Terraform here: give each block (and each attribute) a line of its own, indented, as a pretty-printer does (`jq . file.tf.json`)";

/// The members of an object value (none for anything else), comments left out.
fn members(v: &Node) -> impl Iterator<Item = &Member> {
    let list: &[Member] = match v {
        Node::Object { members, .. } => members,
        _ => &[],
    };
    list.iter().filter(|m| m.key != "//")
}

fn holds_objects(v: &Node) -> bool {
    match v {
        Node::Object { .. } => true,
        Node::Array { items, .. } => {
            !items.is_empty() && items.iter().all(|i| matches!(i, Node::Object { .. }))
        }
        _ => false,
    }
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A block type as a `'static` name (the placeholders' fixups outlive the text).
fn static_name(key: &str) -> &'static str {
    BLOCKS
        .iter()
        .chain(LABELLED)
        .chain(&["locals", "terraform"])
        .find(|b| **b == key)
        .copied()
        .unwrap_or("block")
}

#[cfg(test)]
mod tests;
