//! A directory is a module: its `.tf` files (in lexical order), its `terraform.tfvars` and
//! `*.auto.tfvars` (then the caller's var-files, later ones winning), its lock file; and what
//! they declare: resources, data sources, variables, locals, outputs, module calls.
//!
//! Not read: `.tf.json` and `.tfvars.json` (JSON with spans would need a second front end; none
//! in the corpus is an AKS configuration), `.terraform/` (downloaded modules; not in a module's
//! own directory listing anyway). Override files (`override.tf`, `*_override.tf`) are parsed (so
//! their errors and suppressions count) but their blocks are not merged into the declarations.

use super::parse::{self, ParseError, ParseErrorKind, TfLimits};
use crate::source::{Span, is_binary, lossy_text};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Attribute, Block, Body, Structure};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceKind {
    /// A `.tf` file.
    Config,
    /// `override.tf` / `*_override.tf`: parsed, not merged.
    Override,
    /// `terraform.tfvars` or `*.auto.tfvars` of the directory.
    TfVars,
    /// A var-file named by the caller (`--var-file`).
    VarFile,
    /// `.terraform.lock.hcl`.
    Lock,
}

/// One file of a module, its text and its parse.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The name shown in findings and carried by every [`super::Origin`].
    pub name: Arc<str>,
    pub kind: SourceKind,
    /// Shared with the module's [`super::Outline`] and the report's code frames.
    pub text: Arc<str>,
    pub body: Result<Body, ParseError>,
}

/// Where an attribute sits: a top-level attribute of a file (`block: None`, tfvars) or an
/// attribute of a top-level block (`variable`'s `default`, a local).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AttrAt {
    pub file: u32,
    pub block: Option<u32>,
    pub index: u32,
}

/// A top-level block of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BlockAt {
    pub file: u32,
    pub index: u32,
}

/// A `module "name" { source = … }` call.
#[derive(Debug, Clone)]
pub struct ModuleCall {
    pub name: String,
    /// The literal `source`, when it is one.
    pub source: Option<String>,
    /// `dir/source` for a local source (`./…` or `../…`), not normalised.
    pub local_path: Option<PathBuf>,
    pub file: Arc<str>,
    /// The `module "name"` header.
    pub span: Span,
    pub(crate) at: BlockAt,
}

/// The meta-arguments of a module call, which are not inputs of the child.
pub(crate) const CALL_META: [&str; 6] = [
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

#[derive(Debug)]
pub struct Module {
    pub dir: PathBuf,
    pub files: Vec<SourceFile>,
    pub(crate) resources: Vec<BlockAt>,
    pub(crate) data: Vec<BlockAt>,
    /// `output "name"` blocks, in file and written order.
    pub(crate) outputs: Vec<BlockAt>,
    /// Name → `variable` block (the first declaration wins).
    pub(crate) variables: BTreeMap<String, BlockAt>,
    pub(crate) locals: BTreeMap<String, AttrAt>,
    /// Name → winning tfvars value (terraform.tfvars < *.auto.tfvars < var-files).
    pub(crate) tfvars: BTreeMap<String, AttrAt>,
    pub calls: Vec<ModuleCall>,
    /// Second declarations of a name (Terraform rejects them), not read.
    pub duplicates: Vec<Duplicate>,
}

/// A file of a module given as text (see [`Module::with_buffers`]): the name it is shown under,
/// and its bytes.
pub type Buffer = (String, Vec<u8>);

/// Options of [`Module::load`].
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub limits: TfLimits,
    /// `--var-file`s, in the order given (later ones win).
    pub var_files: Vec<PathBuf>,
}

/// How a file name of a module directory is read, if at all.
pub fn classify(file_name: &str) -> Option<SourceKind> {
    // Terraform's JSON syntax names the same files with `.json` after them.
    let name = file_name.strip_suffix(".json").unwrap_or(file_name);
    if file_name == ".terraform.lock.hcl" {
        Some(SourceKind::Lock)
    } else if name == "terraform.tfvars" || name.ends_with(".auto.tfvars") {
        Some(SourceKind::TfVars)
    } else if name == "override.tf" || name.ends_with("_override.tf") {
        Some(SourceKind::Override)
    } else if name.ends_with(".tf") {
        Some(SourceKind::Config)
    } else {
        None
    }
}

/// The files of the module in `dir`, in load order: `.tf` and `.tf.json` (lexical),
/// `terraform.tfvars` (then its `.json`), `*.auto.tfvars` and `*.auto.tfvars.json` (lexical), the
/// lock file. Subdirectories (`.terraform/` included) are not
/// part of the module.
pub fn module_files(dir: &Path) -> std::io::Result<Vec<(PathBuf, SourceKind)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        // The kind is in the ASCII suffix: a name that is not UTF-8 is still read.
        let name = entry.file_name();
        let Some(kind) = classify(&name.to_string_lossy()) else {
            continue;
        };
        // Follows symlinks: a link to a file is that file.
        if !entry.path().is_file() {
            continue;
        }
        out.push((entry.path(), kind));
    }
    out.sort_by(|(a, ka), (b, kb)| load_order((a, *ka), (b, *kb)));
    Ok(out)
}

/// The order in which a module's files are read (see [`module_files`]).
fn load_order((a, ka): (&Path, SourceKind), (b, kb): (&Path, SourceKind)) -> std::cmp::Ordering {
    let rank = |k: SourceKind, p: &Path| match k {
        SourceKind::Config | SourceKind::Override => 0,
        SourceKind::TfVars
            if p.file_name()
                .is_some_and(|n| n == "terraform.tfvars" || n == "terraform.tfvars.json") =>
        {
            1
        }
        SourceKind::TfVars => 2,
        SourceKind::VarFile => 3,
        SourceKind::Lock => 4,
    };
    (rank(ka, a), a).cmp(&(rank(kb, b), b))
}

/// Reads a file for the front end: at most `limit` bytes, not binary, UTF-8.
pub fn read_source(path: &Path, limit: u64) -> Result<String, ParseError> {
    source_text(read_bytes(path, limit)?)
}

/// The bytes of a file, at most `limit` of them.
fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ParseError> {
    let unreadable = |message: String| ParseError {
        kind: ParseErrorKind::Unreadable,
        offset: 0,
        message,
    };
    let f = std::fs::File::open(path).map_err(|e| unreadable(format!("cannot read: {e}")))?;
    let mut buf = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| unreadable(format!("cannot read: {e}")))?;
    if buf.len() as u64 > limit {
        let size = std::fs::metadata(path).map_or(buf.len() as u64, |m| m.len());
        return Err(ParseError {
            kind: ParseErrorKind::TooLarge,
            offset: 0,
            message: format!("file of {size} bytes is over the file-size limit of {limit} bytes"),
        });
    }
    Ok(buf)
}

/// The bytes of a source as text: not binary, UTF-8.
pub fn source_text(buf: Vec<u8>) -> Result<String, ParseError> {
    let (text, error) = decode(buf);
    match error {
        Some(e) => Err(e),
        None => Ok(text),
    }
}

/// The bytes as text, and why they cannot be parsed: binary (no text), or not UTF-8 (the error
/// at the first invalid byte, the text with every invalid byte replaced by `?`, one for one, so
/// that the error is shown where it is).
fn decode(buf: Vec<u8>) -> (String, Option<ParseError>) {
    if is_binary(&buf) {
        let e = ParseError {
            kind: ParseErrorKind::Unreadable,
            offset: 0,
            message: "binary file: not HCL".into(),
        };
        return (String::new(), Some(e));
    }
    let buf = match String::from_utf8(buf) {
        Ok(text) => return (text, None),
        Err(e) => e.into_bytes(),
    };
    let (text, invalid) = lossy_text(&buf);
    let (text, at) = (text.into_owned(), invalid.first().copied().unwrap_or(0));
    let e = ParseError {
        kind: ParseErrorKind::Encoding,
        offset: at,
        message: format!("invalid UTF-8 at byte {at}: HCL must be UTF-8"),
    };
    (text, Some(e))
}

/// The text and parse of a source's bytes (the file `name`: HCL or JSON syntax).
fn text_and_body(
    name: &str,
    buf: Vec<u8>,
    limits: &TfLimits,
) -> (String, Result<Body, ParseError>) {
    match decode(buf) {
        (text, None) => {
            let body = parse::parse_file(name, &text, limits);
            (text, body)
        }
        (text, Some(e)) => (text, Err(e)),
    }
}

/// Reads and parses one file of a module.
fn read_file(path: PathBuf, kind: SourceKind, limits: &TfLimits) -> SourceFile {
    let (text, body) = match read_bytes(&path, limits.file_size) {
        Ok(buf) => text_and_body(&path.to_string_lossy(), buf, limits),
        Err(e) => (String::new(), Err(e)),
    };
    SourceFile {
        name: crate::source::shown_path(&path).into(),
        path,
        kind,
        text: text.into(),
        body,
    }
}

impl Module {
    /// Reads and parses the module in `dir` (and the caller's var-files). A file that cannot be
    /// read or parsed keeps its error in [`SourceFile::body`]; `Err` only when `dir` itself
    /// cannot be listed.
    pub fn load(dir: &Path, opts: &LoadOptions) -> std::io::Result<Module> {
        let mut files = Vec::new();
        let mut listed = module_files(dir)?;
        // Var-files after the directory's tfvars, before the lock file.
        let at = listed
            .iter()
            .position(|(_, k)| *k == SourceKind::Lock)
            .unwrap_or(listed.len());
        listed.splice(
            at..at,
            opts.var_files
                .iter()
                .map(|p| (p.clone(), SourceKind::VarFile)),
        );
        for (path, kind) in listed {
            files.push(read_file(path, kind, &opts.limits));
        }
        Ok(Module::from_files(dir, files))
    }

    /// The module in `dir` with `buffers` — files of it given as text, each `(name shown,
    /// bytes)`: standard input, an editor's unsaved buffers — in place of the files of the same
    /// names on disk (a buffer of no file there is one more file of the module), and the
    /// caller's var-files. A buffer's kind follows its name as a file's would (a `.tfvars` that
    /// is no `terraform.tfvars` or `*.auto.tfvars` is a var-file). A directory that cannot be
    /// listed (none on disk) gives the buffers alone.
    pub fn with_buffers(dir: &Path, buffers: Vec<Buffer>, opts: &LoadOptions) -> Module {
        let listing = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let mut buffers: Vec<Option<Buffer>> = buffers.into_iter().map(Some).collect();
        // Each file: where it is, its kind, and its buffer when it has one.
        let mut entries: Vec<(PathBuf, SourceKind, Option<Buffer>)> = Vec::new();
        for (path, kind) in module_files(listing).unwrap_or_default() {
            let Some(file_name) = path.file_name() else {
                continue;
            };
            let buffer = buffers
                .iter_mut()
                .find(|b| {
                    b.as_ref()
                        .is_some_and(|(n, _)| Path::new(n).file_name() == Some(file_name))
                })
                .and_then(Option::take);
            entries.push((dir.join(file_name), kind, buffer));
        }
        for (name, bytes) in buffers.into_iter().flatten() {
            let path = Path::new(&name);
            let file_name = path.file_name().map(|n| n.to_string_lossy());
            let kind = file_name
                .as_deref()
                .and_then(classify)
                .unwrap_or(SourceKind::VarFile);
            let path = dir.join(path.file_name().unwrap_or(path.as_os_str()));
            entries.push((path, kind, Some((name, bytes))));
        }
        entries.sort_by(|(a, ka, _), (b, kb, _)| load_order((a, *ka), (b, *kb)));
        // The caller's var-files after the module's own (its var-file buffers), before the lock.
        let at = entries
            .iter()
            .position(|(_, k, _)| *k == SourceKind::Lock)
            .unwrap_or(entries.len());
        let var_files = opts
            .var_files
            .iter()
            .map(|p| (p.clone(), SourceKind::VarFile, None));
        entries.splice(at..at, var_files);
        let files = entries
            .into_iter()
            .map(|(path, kind, buffer)| match buffer {
                Some((name, bytes)) => {
                    let (text, body) = text_and_body(&name, bytes, &opts.limits);
                    SourceFile {
                        name: name.into(),
                        path,
                        kind,
                        text: text.into(),
                        body,
                    }
                }
                None => read_file(path, kind, &opts.limits),
            })
            .collect();
        Module::from_files(dir, files)
    }

    /// The var-files no loaded module reads (a named `.tfvars` in a directory without a module,
    /// a `--var-file` no root takes), read and parsed as a module of their own in `dir`: only
    /// their syntax errors are reported.
    pub fn of_var_files(dir: &Path, paths: &[PathBuf], limits: &TfLimits) -> Module {
        let files = paths
            .iter()
            .map(|p| read_file(p.clone(), SourceKind::VarFile, limits))
            .collect();
        Module::from_files(dir, files)
    }

    /// Builds a module from texts already read (the engine reads with its own limits):
    /// `(path, kind, text)` in load order (see [`module_files`]; var-files after the tfvars, in
    /// the caller's order). Each file's name is its path as given.
    pub fn from_texts(
        dir: &Path,
        texts: Vec<(PathBuf, SourceKind, String)>,
        limits: &TfLimits,
    ) -> Module {
        let files = texts
            .into_iter()
            .map(|(path, kind, text)| SourceFile {
                name: crate::source::shown_path(&path).into(),
                body: parse::parse_file(&path.to_string_lossy(), &text, limits),
                path,
                kind,
                text: text.into(),
            })
            .collect();
        Module::from_files(dir, files)
    }

    /// Collects the declarations of parsed files.
    pub fn from_files(dir: &Path, files: Vec<SourceFile>) -> Module {
        let mut m = Module {
            dir: dir.to_path_buf(),
            files,
            resources: Vec::new(),
            data: Vec::new(),
            outputs: Vec::new(),
            variables: BTreeMap::new(),
            locals: BTreeMap::new(),
            tfvars: BTreeMap::new(),
            calls: Vec::new(),
            duplicates: Vec::new(),
        };
        let mut seen = Seen::default();
        for fi in 0..m.files.len() {
            let f = &m.files[fi];
            let Ok(body) = &f.body else { continue };
            match f.kind {
                SourceKind::Config => {}
                SourceKind::TfVars | SourceKind::VarFile => {
                    for (i, s) in body.iter().enumerate() {
                        if let Structure::Attribute(a) = s {
                            let at = AttrAt {
                                file: fi as u32,
                                block: None,
                                index: i as u32,
                            };
                            m.tfvars.insert(a.key.as_str().to_string(), at);
                        }
                    }
                    continue;
                }
                SourceKind::Override | SourceKind::Lock => continue,
            }
            let found = declarations(dir, fi as u32, f, body);
            for (name, span, d) in found {
                if seen.first(&m.files, name, fi as u32, span, &mut m.duplicates) {
                    m.declare(d);
                }
            }
        }
        m
    }

    fn declare(&mut self, d: Declared) {
        match d {
            Declared::Resource(at) => self.resources.push(at),
            Declared::Data(at) => self.data.push(at),
            Declared::Output(at) => self.outputs.push(at),
            Declared::Variable(name, at) => {
                self.variables.insert(name, at);
            }
            Declared::Local(name, at) => {
                self.locals.insert(name, at);
            }
            Declared::Call(call) => self.calls.push(call),
        }
    }

    /// Files that could not be read or parsed, with their errors.
    pub fn errors(&self) -> impl Iterator<Item = (&SourceFile, &ParseError)> {
        self.files
            .iter()
            .filter_map(|f| f.body.as_ref().err().map(|e| (f, e)))
    }

    /// Names of the declared input variables.
    pub fn variable_names(&self) -> impl Iterator<Item = &str> {
        self.variables.keys().map(String::as_str)
    }

    /// The parsed files of one kind, with their bodies.
    pub fn bodies(&self, kind: SourceKind) -> impl Iterator<Item = (&SourceFile, &Body)> {
        self.files
            .iter()
            .filter(move |f| f.kind == kind)
            .filter_map(|f| f.body.as_ref().ok().map(|b| (f, b)))
    }

    /// Whether the module configures providers or state (a `provider` block, or a `backend` or
    /// `cloud` block in `terraform`): what a configuration that is applied does, and what a
    /// module made to be called must not (Terraform's module guidance), so a scanned module
    /// without either is taken for a reusable one whose outputs go to its callers.
    pub fn configures_providers(&self) -> bool {
        self.files
            .iter()
            .filter(|f| f.kind == SourceKind::Config)
            .filter_map(|f| f.body.as_ref().ok())
            .flat_map(|b| b.iter().filter_map(Structure::as_block))
            .any(|b| match b.ident.as_str() {
                "provider" => true,
                "terraform" => b
                    .body
                    .iter()
                    .filter_map(Structure::as_block)
                    .any(|inner| matches!(inner.ident.as_str(), "backend" | "cloud")),
                _ => false,
            })
    }

    pub(crate) fn file(&self, i: u32) -> &SourceFile {
        &self.files[i as usize]
    }

    pub(crate) fn block(&self, at: BlockAt) -> &Block {
        self.body(at.file)
            .get(at.index as usize)
            .and_then(Structure::as_block)
            .expect("a BlockAt points at a block of a parsed file")
    }

    pub(crate) fn attr(&self, at: AttrAt) -> &Attribute {
        let body = match at.block {
            Some(b) => {
                &self
                    .block(BlockAt {
                        file: at.file,
                        index: b,
                    })
                    .body
            }
            None => self.body(at.file),
        };
        body.get(at.index as usize)
            .and_then(Structure::as_attribute)
            .expect("an AttrAt points at an attribute of a parsed file")
    }

    fn body(&self, file: u32) -> &Body {
        self.file(file)
            .body
            .as_ref()
            .expect("declarations come from parsed files")
    }
}

/// One declaration of a configuration file.
enum Declared {
    Resource(BlockAt),
    Data(BlockAt),
    Output(BlockAt),
    Variable(String, BlockAt),
    Local(String, AttrAt),
    Call(ModuleCall),
}

/// The declarations of one parsed configuration file, each with what Terraform names it by
/// (`resource "a" "b"`) and where (its header, or a local's name).
fn declarations(dir: &Path, fi: u32, f: &SourceFile, body: &Body) -> Vec<(String, Span, Declared)> {
    let mut out = Vec::new();
    for (i, s) in body.iter().enumerate() {
        let Structure::Block(b) = s else { continue };
        let at = BlockAt {
            file: fi,
            index: i as u32,
        };
        let label = |k: usize| b.labels[k].as_str();
        let header = header_span(b);
        match (b.ident.as_str(), b.labels.len()) {
            ("resource", 2) => {
                let name = format!("resource \"{}\" \"{}\"", label(0), label(1));
                out.push((name, header, Declared::Resource(at)));
            }
            ("data", 2) => {
                let name = format!("data \"{}\" \"{}\"", label(0), label(1));
                out.push((name, header, Declared::Data(at)));
            }
            ("output", 1) => {
                let name = format!("output \"{}\"", label(0));
                out.push((name, header, Declared::Output(at)));
            }
            ("variable", 1) => {
                let name = format!("variable \"{}\"", label(0));
                out.push((name, header, Declared::Variable(label(0).to_string(), at)));
            }
            ("locals", 0) => {
                for (j, s) in b.body.iter().enumerate() {
                    if let Structure::Attribute(a) = s {
                        let key = a.key.as_str();
                        let local = AttrAt {
                            file: fi,
                            block: Some(i as u32),
                            index: j as u32,
                        };
                        let name = format!("local value `{key}`");
                        out.push((
                            name,
                            span_of(&a.key),
                            Declared::Local(key.to_string(), local),
                        ));
                    }
                }
            }
            ("module", 1) => {
                let call = module_call(dir, f, b, at);
                out.push((
                    format!("module \"{}\"", label(0)),
                    header,
                    Declared::Call(call),
                ));
            }
            _ => {}
        }
    }
    out
}

fn module_call(dir: &Path, f: &SourceFile, b: &Block, at: BlockAt) -> ModuleCall {
    let source = b
        .body
        .get_attribute("source")
        .and_then(|a| literal_str(&a.value))
        .map(str::to_string);
    let local_path = source
        .as_deref()
        .filter(|s| s.starts_with("./") || s.starts_with("../"))
        .map(|s| dir.join(s));
    ModuleCall {
        name: b.labels[0].as_str().to_string(),
        source,
        local_path,
        file: f.name.clone(),
        span: header_span(b),
        at,
    }
}

/// A second declaration of what Terraform declares once per module (it rejects the
/// configuration): the first is read, this one is not.
#[derive(Debug, Clone)]
pub struct Duplicate {
    /// `resource "azurerm_kubernetes_cluster" "main"`, `variable "x"`, local value `x`…
    pub what: String,
    /// This declaration: its file and header (a local's name).
    pub file: Arc<str>,
    pub span: Span,
    /// The first one: its file and 1-based line.
    pub first_file: Arc<str>,
    pub first_line: usize,
}

/// The names declared so far, where each first was.
#[derive(Default)]
struct Seen {
    first: BTreeMap<String, (u32, Span)>,
    /// Line indexes of the files that hold a first declaration of a duplicate, made when needed.
    lines: BTreeMap<u32, crate::source::LineIndex>,
}

impl Seen {
    /// Whether `name` is declared here for the first time; if not, the duplicate is recorded.
    fn first(
        &mut self,
        files: &[SourceFile],
        name: String,
        fi: u32,
        span: Span,
        out: &mut Vec<Duplicate>,
    ) -> bool {
        let Some(&(first_fi, first_span)) = self.first.get(&name) else {
            self.first.insert(name, (fi, span));
            return true;
        };
        let first = &files[first_fi as usize];
        let lines = self
            .lines
            .entry(first_fi)
            .or_insert_with(|| crate::source::LineIndex::new(&first.text));
        out.push(Duplicate {
            what: name,
            file: files[fi as usize].name.clone(),
            span,
            first_file: first.name.clone(),
            first_line: lines.line_of(first_span.start as usize) + 1,
        });
        false
    }
}

/// A string literal (or a template without interpolations).
pub(crate) fn literal_str(e: &Expression) -> Option<&str> {
    match e {
        Expression::String(s) => Some(s.value()),
        _ => None,
    }
}

/// Converts an hcl-edit span (always present on parsed nodes).
pub(crate) fn span_of(node: &impl hcl_edit::Span) -> Span {
    node.span()
        .map_or(Span::default(), |r| Span::new(r.start, r.end))
}

/// The header of a block: its identifier through its last label (`resource "a" "b"`).
pub(crate) fn header_span(b: &Block) -> Span {
    // A block read from JSON syntax may have a type and labels without spans (see
    // `json_syntax`): its header is then its last label, or where the block starts.
    use hcl_edit::Span as _;
    let last = b.labels.last().and_then(|l| l.span());
    match (b.ident.span(), last) {
        (Some(i), Some(l)) => Span::new(i.start, i.end).cover(Span::new(l.start, l.end)),
        (Some(i), None) if b.labels.is_empty() => Span::new(i.start, i.end),
        (_, Some(l)) => Span::new(l.start, l.end),
        _ => {
            let at = span_of(b).start;
            Span::new(at as usize, at as usize + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn module(files: &[(&str, &str)]) -> Module {
        let texts = files
            .iter()
            .map(|(n, t)| {
                let kind = classify(n).unwrap_or(SourceKind::VarFile);
                (PathBuf::from(n), kind, t.to_string())
            })
            .collect();
        Module::from_texts(Path::new("."), texts, &TfLimits::default())
    }

    #[test]
    fn declarations() {
        let m = module(&[
            (
                "main.tf",
                r#"
resource "azurerm_kubernetes_cluster" "main" {
  name = "x"
}
data "azurerm_client_config" "current" {}
variable "a" { default = 1 }
variable "a" { default = 2 }
locals {
  l = 1
}
module "aks" {
  source = "./modules/aks"
  x      = 1
}
module "remote" {
  source  = "Azure/aks/azurerm"
  version = "9.0.0"
}
output "o" { value = 1 }
"#,
            ),
            ("terraform.tfvars", "a = 3\n"),
            ("b.auto.tfvars", "a = 4\n"),
            ("extra.tfvars", "a = 5\n"),
        ]);
        assert_eq!(m.resources.len(), 1);
        assert_eq!(m.data.len(), 1);
        assert_eq!(m.variable_names().collect::<Vec<_>>(), ["a"]);
        let twice: Vec<(&str, usize)> = m
            .duplicates
            .iter()
            .map(|d| (d.what.as_str(), d.first_line))
            .collect();
        assert_eq!(twice, [("variable \"a\"", 6)]);
        assert!(m.locals.contains_key("l"));
        assert_eq!(m.calls.len(), 2);
        assert_eq!(
            m.calls[0].local_path.as_deref(),
            Some(Path::new("./modules/aks"))
        );
        assert_eq!(m.calls[1].local_path, None);
        let won = m.attr(m.tfvars["a"]);
        assert_eq!(won.value.as_number().and_then(|n| n.as_u64()), Some(5));
        let first = m.block(m.variables["a"]);
        assert_eq!(
            first
                .body
                .get_attribute("default")
                .unwrap()
                .value
                .as_number()
                .unwrap()
                .as_u64(),
            Some(1)
        );
    }

    #[test]
    fn files_are_classified_and_ordered() {
        let dir = tempfile::tempdir().unwrap();
        for n in [
            "b.tf",
            "a.tf",
            "z.auto.tfvars",
            "a.auto.tfvars",
            "terraform.tfvars",
            "other.tfvars",
            "x.tf.json",
            ".terraform.lock.hcl",
            "override.tf",
        ] {
            std::fs::write(dir.path().join(n), "").unwrap();
        }
        std::fs::create_dir(dir.path().join(".terraform")).unwrap();
        std::fs::write(dir.path().join(".terraform/c.tf"), "").unwrap();
        let names: Vec<String> = module_files(dir.path())
            .unwrap()
            .into_iter()
            .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "a.tf",
                "b.tf",
                "override.tf",
                "x.tf.json",
                "terraform.tfvars",
                "a.auto.tfvars",
                "z.auto.tfvars",
                ".terraform.lock.hcl"
            ]
        );
    }

    #[test]
    fn load_reports_unreadable_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bin.tf"), b"x = 1\0\0").unwrap();
        std::fs::write(dir.path().join("latin1.tf"), b"x = \"caf\xe9\"\n").unwrap();
        std::fs::write(dir.path().join("big.tf"), "x = 1\n".repeat(100)).unwrap();
        std::fs::write(dir.path().join("ok.tf"), "variable \"v\" {}\n").unwrap();
        let opts = LoadOptions {
            limits: TfLimits { file_size: 100 },
            var_files: vec![dir.path().join("missing.tfvars")],
        };
        let m = Module::load(dir.path(), &opts).unwrap();
        let errs: Vec<(String, ParseErrorKind, usize)> = m
            .errors()
            .map(|(f, e)| {
                (
                    f.path.file_name().unwrap().to_string_lossy().into_owned(),
                    e.kind,
                    e.offset,
                )
            })
            .collect();
        assert_eq!(
            errs,
            [
                ("big.tf".to_string(), ParseErrorKind::TooLarge, 0),
                ("bin.tf".to_string(), ParseErrorKind::Unreadable, 0),
                ("latin1.tf".to_string(), ParseErrorKind::Encoding, 8),
                ("missing.tfvars".to_string(), ParseErrorKind::Unreadable, 0),
            ]
        );
        assert_eq!(m.variable_names().collect::<Vec<_>>(), ["v"]);
    }
}
