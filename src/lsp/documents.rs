//! The open documents: the editor's text of each, which is the truth while it is open (not
//! the file on disk), and its version. Full-document sync: a change replaces the whole text.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it is, for `file:` URIs (others are not linted: no path gives no config, no
    /// project and no kind).
    pub path: Option<PathBuf>,
    /// The root of its project (see [`crate::engine::project_root`]), found when it is opened:
    /// the open documents of one project are linted together.
    pub project: Option<PathBuf>,
    pub version: i32,
    pub text: String,
    /// Names this text among every text the server was given (a new one on each open and
    /// change, so that a document closed and opened again at the same version is told apart):
    /// a lint's findings are kept only for the stamp they were linted for.
    pub stamp: u64,
    /// The findings of the last lint of this text (for code actions and
    /// hovers); empty until it is linted.
    pub findings: Vec<Diagnostic>,
}

/// The open documents, by URI (as the client spells it).
#[derive(Debug, Default)]
pub struct Documents {
    open: BTreeMap<String, Document>,
    /// The last stamp given.
    stamps: u64,
}

impl Documents {
    /// Opens a document (its stamp given here).
    pub fn open(&mut self, uri: &str, mut doc: Document) {
        self.stamps += 1;
        doc.stamp = self.stamps;
        self.open.insert(uri.to_string(), doc);
    }

    /// Replaces the text of an open document; `false` when it is not open, or when `version`
    /// is older than the one it has (a change that arrived late is dropped).
    pub fn change(&mut self, uri: &str, version: i32, text: String) -> bool {
        match self.open.get_mut(uri) {
            Some(doc) if version >= doc.version => {
                self.stamps += 1;
                doc.stamp = self.stamps;
                doc.version = version;
                doc.text = text;
                doc.findings.clear();
                true
            }
            _ => false,
        }
    }

    pub fn close(&mut self, uri: &str) -> Option<Document> {
        self.open.remove(uri)
    }

    pub fn get(&self, uri: &str) -> Option<&Document> {
        self.open.get(uri)
    }

    /// Keeps the findings of an open document's lint.
    pub fn set_findings(&mut self, uri: &str, findings: Vec<Diagnostic>) {
        if let Some(doc) = self.open.get_mut(uri) {
            doc.findings = findings;
        }
    }

    /// The open documents, by URI.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Document)> {
        self.open.iter().map(|(u, d)| (u.as_str(), d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_replace_the_text_and_old_versions_are_dropped() {
        let mut docs = Documents::default();
        let doc = |v: i32, t: &str| Document {
            path: None,
            project: None,
            version: v,
            text: t.to_string(),
            stamp: 0,
            findings: Vec::new(),
        };
        docs.open("file:///a.yaml", doc(1, "a"));
        let opened = docs.get("file:///a.yaml").unwrap().stamp;
        assert!(docs.change("file:///a.yaml", 3, "c".into()));
        assert!(!docs.change("file:///a.yaml", 2, "b".into()));
        assert_eq!(docs.get("file:///a.yaml").unwrap().text, "c");
        let changed = docs.get("file:///a.yaml").unwrap().stamp;
        assert!(changed > opened);
        // Opened again at the same version: another text for the lints.
        docs.open("file:///a.yaml", doc(3, "c"));
        assert!(docs.get("file:///a.yaml").unwrap().stamp > changed);
        assert!(!docs.change("file:///b.yaml", 1, "x".into()));
        assert!(docs.close("file:///a.yaml").is_some());
        assert!(docs.get("file:///a.yaml").is_none());
    }
}
