//! `.tf` / `.tfvars` / lock-file text → an `hcl_edit` [`Body`], within limits.
//!
//! The size cap is checked before anything else (a tree costs ~25× its input, up to 64× on
//! token-dense lists); nesting (64 levels) and operator depth (128) are hcl-edit's own limits,
//! which keep its recursive parser, our evaluator and every drop inside a 2 MiB stack. A stack
//! overflow cannot be caught, so these limits are the whole defence. Object literals, whose
//! keys hcl-edit checks in quadratic time, are counted before parsing ([`super::guard`]). The
//! caller has already checked that the bytes are UTF-8.

use hcl_edit::structure::Body;
use std::borrow::Cow;
use std::ops::Range;

/// Limits of the Terraform front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TfLimits {
    /// Largest file parsed, in bytes (larger ones are an AKS002 finding).
    pub file_size: u64,
}

/// 5 MiB: ~125 MB of tree at hcl-edit's typical 25×, ~320 MB on a dense list (parsers.md §B).
pub const DEFAULT_FILE_SIZE: u64 = 5 << 20;

impl Default for TfLimits {
    fn default() -> Self {
        TfLimits {
            file_size: DEFAULT_FILE_SIZE,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Invalid HCL, a duplicated attribute, or hcl-edit's nesting/operator limit (AKS001).
    Syntax,
    /// Over `TfLimits::file_size` (AKS002): not parsed.
    TooLarge,
    /// Object literals too large for the parser's quadratic key check (AKS002, at the object
    /// that crossed the budget; see [`super::guard`]): not parsed.
    TooManyKeys,
    /// Not readable or binary (AKS001); only produced by [`super::module`] when it reads files
    /// itself.
    Unreadable,
    /// Not UTF-8 (AKS001, at the first invalid byte); only produced by [`super::module`].
    Encoding,
}

/// Why a file has no body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    /// Byte offset of the problem in the file's text (0 when about the whole file).
    pub offset: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (byte {})", self.message, self.offset)
    }
}

/// Parses one file's text as its name says: HCL, or Terraform's JSON syntax (`.tf.json`,
/// `.tfvars.json`: see [`super::json_syntax`]). Spans are byte offsets into `text` either way.
pub fn parse_file(name: &str, text: &str, limits: &TfLimits) -> Result<Body, ParseError> {
    if !super::json_syntax::is_json(name) || text.len() as u64 > limits.file_size {
        return parse_body(text, limits);
    }
    let vars = name.ends_with(".tfvars.json");
    // The rewritten text is ASCII where the JSON may not be: an offset falls on a character.
    let on_char = |at: usize| on_char(text, at);
    let (hcl, fixups) =
        super::json_syntax::to_hcl(text, vars).map_err(|(offset, message)| ParseError {
            kind: ParseErrorKind::Syntax,
            offset: on_char(offset),
            message,
        })?;
    let mut body = parse_body(&hcl, limits).map_err(|mut e| {
        e.offset = on_char(e.offset);
        e
    })?;
    super::json_syntax::fix(&mut body, &fixups);
    Ok(body)
}

/// Parses one file's HCL text. Spans in the body are byte offsets into `text` (a leading BOM is
/// parsed as blanks so that offsets still match the original text).
pub fn parse_body(text: &str, limits: &TfLimits) -> Result<Body, ParseError> {
    if text.len() as u64 > limits.file_size {
        return Err(ParseError {
            kind: ParseErrorKind::TooLarge,
            offset: 0,
            message: format!(
                "file of {} bytes is over the file-size limit of {} bytes",
                text.len(),
                limits.file_size
            ),
        });
    }
    // Same length: three blanks for the three bytes of a BOM.
    let mut src: Cow<'_, str> = match text.strip_prefix('\u{feff}') {
        Some(rest) => Cow::Owned(format!("   {rest}")),
        None => Cow::Borrowed(text),
    };
    if let Err(e) = super::guard::check(&src) {
        return Err(ParseError {
            kind: ParseErrorKind::TooManyKeys,
            offset: e.offset,
            message: format!(
                "object literal of {} keys: the HCL parser compares every key of an object with every other, and this file's objects are over its budget of {} comparisons (about one object of 10,000 keys): not parsed",
                e.keys,
                super::guard::MAX_KEY_PAIRS
            ),
        });
    }
    let mut huge = 0;
    loop {
        let e = match hcl_edit::parser::parse_body(&src) {
            Ok(body) => return Ok(body),
            Err(e) => e,
        };
        let offset = e.location().offset().min(text.len());
        // hcl-edit refuses numbers a 64-bit float cannot hold; Terraform reads them. Each one
        // becomes a name of the same length (unknown to the evaluator), and the text is parsed
        // again, a few times at most.
        if huge < MAX_HUGE_NUMBERS
            && let Some(at) = huge_number(&src, offset)
        {
            huge += 1;
            src.to_mut()
                .replace_range(at.clone(), &"x".repeat(at.len()));
            continue;
        }
        return Err(ParseError {
            kind: ParseErrorKind::Syntax,
            // hcl-edit may point into a character (found by fuzzing: the second byte of `ޚ`).
            offset: on_char(text, offset),
            message: clean_message(e.message()),
        });
    }
}

/// `at` (at most the text's length) moved back to the start of the character it falls in.
fn on_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Number literals too large for a float that one file may hold (each costs a parse).
const MAX_HUGE_NUMBERS: usize = 8;

/// A number literal too large for a 64-bit float where the parser stopped: the one at or just
/// before `offset` (`1e400` stops it at the `e`), else the first on the rest of that line (a
/// long integer makes it give up at the start of the attribute).
fn huge_number(src: &str, offset: usize) -> Option<Range<usize>> {
    let b = src.as_bytes();
    let offset = offset.min(b.len());
    let mut start = offset;
    while start > 0 && (b[start - 1].is_ascii_digit() || b[start - 1] == b'.') {
        start -= 1;
    }
    if let Some(r) = huge_at(src, start).filter(|r| offset <= r.end) {
        return Some(r);
    }
    let line_end = b[offset..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| offset + p);
    (offset..line_end).find_map(|p| huge_at(src, p))
}

/// The number literal starting at `start`, when it is one and too large for a float.
fn huge_at(src: &str, start: usize) -> Option<Range<usize>> {
    let b = src.as_bytes();
    let before = start.checked_sub(1).map(|i| b[i]);
    if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.') {
        return None; // inside a name or another number
    }
    let end = number_end(b, start)?;
    let value: f64 = src[start..end].parse().ok()?;
    value.is_infinite().then_some(start..end)
}

/// Where the number literal starting at `start` ends: digits, `.digits`, `e[+-]digits`.
fn number_end(b: &[u8], start: usize) -> Option<usize> {
    let digits = |from: usize| {
        let n = b
            .get(from..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (n > 0).then_some(from + n)
    };
    let mut end = digits(start)?;
    if b.get(end) == Some(&b'.')
        && let Some(e) = digits(end + 1)
    {
        end = e;
    }
    if matches!(b.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
        if let Some(e) = digits(end + 1 + sign) {
            end = e;
        }
    }
    Some(end)
}

/// hcl-edit's messages read "invalid attribute; expected unique attribute key; found redefined
/// attribute": keep them, on one line.
fn clean_message(m: &str) -> String {
    let one_line: String = m.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        "invalid HCL".to_string()
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f` on a 2 MiB thread, as cargo's test threads and rayon's defaults have: an
    /// overflow would abort the test binary, so passing proves the limits hold.
    fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap()
    }

    fn err(text: String) -> ParseError {
        on_small_stack(move || parse_body(&text, &TfLimits::default()).unwrap_err())
    }

    #[test]
    fn valid_body_has_spans() {
        let text = "resource \"a\" \"b\" {\n  x = 1\n}\n";
        let body = parse_body(text, &TfLimits::default()).unwrap();
        let block = body.blocks().next().unwrap();
        use hcl_edit::Span;
        assert_eq!(block.span(), Some(0..text.len() - 1));
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        for (open, close) in [
            ("a {\n", "}\n"),
            ("x = [", "]"),
            ("x = (", ")"),
            ("x = {a = ", "}"),
            ("x = \"${", "}\""),
            ("x = f(", ")"),
        ] {
            let n = 100_000;
            let text = format!("{}{}", open.repeat(n), close.repeat(n));
            let e = err(text);
            assert_eq!(e.kind, ParseErrorKind::Syntax, "{open}");
        }
        let conds = format!("x = {}1", "true ? 1 : ".repeat(100_000));
        assert_eq!(err(conds).kind, ParseErrorKind::Syntax);
        let nots = format!("x = {}true", "!".repeat(100_000));
        assert_eq!(err(nots).kind, ParseErrorKind::Syntax);
        let ops = format!("x = 1{}", " + 1".repeat(100_000));
        assert_eq!(err(ops).kind, ParseErrorKind::Syntax);
    }

    #[test]
    fn worst_accepted_nesting_parses_and_drops_on_a_small_stack() {
        // Just under the limits: 63 nested blocks; 63 nested arrays; 127 operators.
        let blocks = format!("{}{}", "a {\n".repeat(63), "}\n".repeat(63));
        let arrays = format!("x = {}1{}\n", "[".repeat(63), "]".repeat(63));
        let ops = format!("x = 1{}\n", " + 1".repeat(127));
        for text in [blocks, arrays, ops] {
            on_small_stack(move || {
                let body = parse_body(&text, &TfLimits::default());
                assert!(body.is_ok(), "{:?}", body.err());
            });
        }
    }

    #[test]
    fn flat_long_traversal_is_fine() {
        let text = format!("x = a{}\n", ".b".repeat(100_000));
        on_small_stack(move || assert!(parse_body(&text, &TfLimits::default()).is_ok()));
    }

    #[test]
    fn numbers_too_large_for_a_float_are_no_syntax_error() {
        let big = format!("1{}", "0".repeat(400));
        for n in ["1e400", "-1.5E+999", "9.9e308", big.as_str()] {
            let text = format!("r \"a\" \"b\" {{\n  count = {n}\n  y = 2\n}}\n");
            let body =
                parse_body(&text, &TfLimits::default()).unwrap_or_else(|e| panic!("{n}: {e}"));
            let block = body.blocks().next().unwrap();
            use hcl_edit::Span;
            let count = block.body.get_attribute("count").unwrap();
            assert_eq!(&text[count.value.span().unwrap()], n, "spans are kept");
        }
        let e = parse_body("x = 1e400 +\n", &TfLimits::default()).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::Syntax, "a real error is still one");
        let many = "x = [".to_string() + &vec!["1e400"; 20].join(", ") + "]\n";
        let e = parse_body(&many, &TfLimits::default()).unwrap_err();
        assert_eq!(
            e.kind,
            ParseErrorKind::Syntax,
            "past {MAX_HUGE_NUMBERS}, an error"
        );
        assert!(parse_body("x1e400 = 1\n", &TfLimits::default()).is_ok());
    }

    #[test]
    fn size_cap_is_checked_first() {
        let limits = TfLimits { file_size: 10 };
        let e = parse_body("x = \"0123456789\"\n", &limits).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::TooLarge);
        assert!(e.message.contains("limit of 10 bytes"));
    }

    #[test]
    fn huge_list_within_the_cap_parses() {
        // ~1 MiB of a dense list: slow-ish in debug, but neither an error nor a crash.
        let text = format!("x = [{}]\n", "1,".repeat(500_000));
        on_small_stack(move || {
            let body = parse_body(&text, &TfLimits::default()).unwrap();
            assert_eq!(
                body.get_attribute("x")
                    .unwrap()
                    .value
                    .as_array()
                    .unwrap()
                    .len(),
                500_000
            );
        });
    }

    #[test]
    fn broken_inputs_are_errors_with_offsets() {
        let heredoc = "x = <<EOT\nnever closed\n".to_string();
        let e = err(heredoc);
        assert_eq!(e.kind, ParseErrorKind::Syntax);
        let string = "x = \"never closed\n".to_string();
        assert_eq!(err(string).kind, ParseErrorKind::Syntax);
        let dup = "a {\n  x = 1\n  y = 2\n  x = 3\n}\n".to_string();
        let e = err(dup.clone());
        assert!(e.message.contains("redefined"), "{}", e.message);
        assert_eq!(&dup[e.offset..e.offset + 5], "x = 3");
        let binary = "x = 1\n\u{0}\u{1}\u{2}\u{7f}garbage{{{\n".to_string();
        assert_eq!(err(binary).kind, ParseErrorKind::Syntax);
        let noise: String = (0..4096u32)
            .map(|i| char::from_u32((i * 7919) % 0x2000 + 1).unwrap_or('?'))
            .collect();
        assert_eq!(err(noise).kind, ParseErrorKind::Syntax);
    }

    #[test]
    fn an_error_inside_a_character_is_at_its_start() {
        // hcl-edit reported this one at the second byte of the last character.
        let text = "#{\n  \u{79a}ormat_veThis m\u{79a}";
        let e = parse_body(text, &TfLimits::default()).unwrap_err();
        assert!(text.is_char_boundary(e.offset), "{e:?}");
    }

    #[test]
    fn bom_keeps_offsets() {
        let text = "\u{feff}x = 1\ny = \n";
        let e = parse_body(text, &TfLimits::default()).unwrap_err();
        assert!(e.offset >= text.find("y =").unwrap(), "{e:?}");
        let ok = "\u{feff}x = 1\n";
        let body = parse_body(ok, &TfLimits::default()).unwrap();
        use hcl_edit::Span;
        let a = body.get_attribute("x").unwrap();
        assert_eq!(&ok[a.span().unwrap()], "x = 1");
    }
}
