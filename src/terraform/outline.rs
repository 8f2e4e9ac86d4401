//! A module as a run keeps it between evaluations: what it is made of without its syntax trees.
//!
//! An hcl-edit tree costs about twenty times its text (more on token-dense lists), so a run that
//! kept every module's trees for its whole length would grow with the number of files times
//! their trees. An [`Outline`] keeps each file's text (shared, not copied), its parse error and
//! its `# akslint-ignore` comments, and the module's calls and second declarations: what the
//! call graph, the report and the suppressions read. [`Outline::parse`] gives the [`Module`]
//! back, trees and all, from the same texts: parsing is deterministic, so it is the module that
//! was outlined, declaration for declaration.

use super::comments::{self, LineComment};
use super::module::{Duplicate, Module, ModuleCall, SourceFile, SourceKind};
use super::parse::{self, ParseError, TfLimits};
use crate::source::LineIndex;
use std::path::PathBuf;
use std::sync::Arc;

/// One file of an outlined module.
#[derive(Debug)]
pub struct FileOutline {
    pub path: PathBuf,
    /// The name shown in findings (see [`SourceFile::name`]).
    pub name: Arc<str>,
    pub kind: SourceKind,
    pub text: Arc<str>,
    /// Why the file has no tree, when it has none.
    pub error: Option<ParseError>,
    /// Its `#`/`//` comments, when the text holds a suppression directive (`akslint-ignore`):
    /// no other comment is ever read.
    pub comments: Vec<LineComment>,
}

/// A module without its syntax trees.
#[derive(Debug)]
pub struct Outline {
    pub dir: PathBuf,
    pub files: Vec<FileOutline>,
    pub calls: Vec<ModuleCall>,
    pub duplicates: Vec<Duplicate>,
    /// The limits its files were parsed with, to parse them again alike.
    limits: TfLimits,
    /// The bytes of its files' texts.
    size: usize,
}

impl Outline {
    /// The outline of a module parsed with `limits`.
    pub fn of(m: &Module, limits: TfLimits) -> Outline {
        let files: Vec<FileOutline> = m
            .files
            .iter()
            .map(|f| FileOutline {
                path: f.path.clone(),
                name: f.name.clone(),
                kind: f.kind,
                text: f.text.clone(),
                error: f.body.as_ref().err().cloned(),
                comments: match &f.body {
                    Ok(body) if f.text.contains("akslint-ignore") => {
                        comments::line_comments(&f.text, body, &LineIndex::new(&f.text))
                    }
                    _ => Vec::new(),
                },
            })
            .collect();
        Outline {
            dir: m.dir.clone(),
            size: files.iter().map(|f| f.text.len()).sum(),
            files,
            calls: m.calls.clone(),
            duplicates: m.duplicates.clone(),
            limits,
        }
    }

    /// The module again: each file that parsed is parsed again from its text, each that did
    /// not keeps its error.
    pub fn parse(&self) -> Module {
        let files = self
            .files
            .iter()
            .map(|f| SourceFile {
                path: f.path.clone(),
                name: f.name.clone(),
                kind: f.kind,
                text: f.text.clone(),
                body: match &f.error {
                    Some(e) => Err(e.clone()),
                    None => parse::parse_file(&f.path.to_string_lossy(), &f.text, &self.limits),
                },
            })
            .collect();
        Module::from_files(&self.dir, files)
    }

    /// Files that could not be read or parsed, with their errors.
    pub fn errors(&self) -> impl Iterator<Item = (&FileOutline, &ParseError)> {
        self.files
            .iter()
            .filter_map(|f| f.error.as_ref().map(|e| (f, e)))
    }

    /// The bytes of its files' texts: what parsing it costs, and what its trees weigh (about
    /// twenty times as much).
    pub fn size(&self) -> usize {
        self.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terraform::Scope;
    use crate::terraform::module::classify;
    use std::path::Path;

    #[test]
    fn parsing_an_outline_gives_the_module_back() {
        let texts = [
            (
                "main.tf",
                "# akslint-ignore: AKS201 -- why\nresource \"azurerm_kubernetes_cluster\" \"m\" {\n  name = var.n\n}\nmodule \"c\" {\n  source = \"./c\"\n}\nvariable \"n\" { default = \"x\" }\nvariable \"n\" {}\n",
            ),
            ("broken.tf", "x = \n"),
            ("terraform.tfvars", "n = \"y\"\n"),
        ];
        let m = Module::from_texts(
            Path::new("."),
            texts
                .iter()
                .map(|(n, t)| (PathBuf::from(n), classify(n).unwrap(), t.to_string()))
                .collect(),
            &TfLimits::default(),
        );
        let o = Outline::of(&m, TfLimits::default());
        assert_eq!(o.calls.len(), 1);
        assert_eq!(o.duplicates.len(), 1);
        assert_eq!(o.errors().count(), 1);
        assert_eq!(o.files[0].comments.len(), 1, "main.tf holds a directive");
        assert!(o.files[2].comments.is_empty());
        assert_eq!(o.size(), texts.iter().map(|(_, t)| t.len()).sum::<usize>());
        let again = o.parse();
        assert!(
            Arc::ptr_eq(&again.files[0].text, &m.files[0].text),
            "texts are shared"
        );
        assert_eq!(again.errors().count(), 1);
        let scope = Scope::new(&again);
        let res = scope.resources();
        let name = res[0].attr("name").unwrap();
        assert_eq!(name.value.as_str(), Some("y"));
        assert_eq!(format!("{:?}", again.calls), format!("{:?}", m.calls));
    }
}
