//! A look at HCL text before hcl-edit parses it, for the one cost the size cap does not bound:
//! hcl-edit checks each key of an object literal against every earlier key of that object (its
//! objects are vectors), so one object of 80,000 keys in a 709 KB file takes minutes. Block
//! bodies (a hash set) and lists are linear.
//!
//! The scan counts the items of every object literal, quadratic cost summed over the file, and
//! refuses the file once that sum is over [`MAX_KEY_PAIRS`]: about one object of 10,000 keys,
//! far beyond any written by hand, a fraction of a second for the parser. It knows just enough
//! HCL to tell an object from a block body: strings and heredocs (with their `${…}` and `%{…}`),
//! comments, brackets, and whether a `{` in a body follows an attribute's `=`. Linear, and on a
//! stack of its own, so nesting costs no recursion.

/// Key comparisons the parser may make over the objects of one file.
pub const MAX_KEY_PAIRS: u64 = 50_000_000;

/// An object literal that pushed the file over [`MAX_KEY_PAIRS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyKeys {
    /// Byte offset of the object's `{`.
    pub offset: usize,
    /// Its items.
    pub keys: u64,
}

/// Where the scan is.
enum Cx {
    /// A file's or block's body; `expr` once an attribute's `=` was seen on the current line.
    Body { expr: bool },
    /// An object literal: where it starts, its items so far, and whether the current item has
    /// anything in it yet.
    Object {
        start: usize,
        items: u64,
        filled: bool,
    },
    /// `[…]` or `(…)`.
    Bracket,
    /// `${…}` or `%{…}` in a string or heredoc.
    Interp,
    /// A quoted string.
    Str,
    /// A heredoc's lines, up to the one holding only its marker.
    Heredoc { marker: Vec<u8> },
}

/// Checks the object literals of `text`; the first that pushes the file over the budget.
pub fn check(text: &str) -> Result<(), TooManyKeys> {
    let b = text.as_bytes();
    let mut stack = vec![Cx::Body { expr: false }];
    let mut pairs: u64 = 0;
    let mut i = 0;
    while i < b.len() {
        let top = stack.last_mut().expect("the file's body is never popped");
        match top {
            Cx::Str => i = in_string(b, i, &mut stack),
            Cx::Heredoc { .. } => i = in_heredoc(b, i, &mut stack),
            _ => {
                if let Some(closed) = in_code(b, &mut i, &mut stack) {
                    pairs = pairs.saturating_add(closed.keys * closed.keys.saturating_sub(1) / 2);
                    if pairs > MAX_KEY_PAIRS {
                        return Err(closed);
                    }
                }
            }
        }
    }
    Ok(())
}

/// One step in code (a body, object, bracket or interpolation) at `*i`; the object it closed,
/// if any.
fn in_code(b: &[u8], i: &mut usize, stack: &mut Vec<Cx>) -> Option<TooManyKeys> {
    let c = b[*i];
    let next = b.get(*i + 1).copied();
    if c == b'#' || (c == b'/' && next == Some(b'/')) {
        *i = line_end(b, *i);
        return None;
    }
    if c == b'/' && next == Some(b'*') {
        *i = find(b, *i + 2, b"*/").map_or(b.len(), |e| e + 2);
        return None;
    }
    *i += 1;
    if let Some(Cx::Object { filled, items, .. }) = stack.last_mut() {
        match c {
            b',' | b'\n' => {
                *items += u64::from(*filled);
                *filled = false;
            }
            b' ' | b'\t' | b'\r' | b'}' => {}
            _ => *filled = true,
        }
    }
    match c {
        b'"' => stack.push(Cx::Str),
        b'<' if next == Some(b'<') => {
            if let Some((marker, body)) = heredoc_start(b, *i + 1) {
                stack.push(Cx::Heredoc { marker });
                *i = body;
            }
        }
        b'[' | b'(' => stack.push(Cx::Bracket),
        b']' | b')' => {
            if matches!(stack.last(), Some(Cx::Bracket)) {
                stack.pop();
            }
        }
        b'{' => {
            let object = !matches!(stack.last(), Some(Cx::Body { expr: false }));
            stack.push(if object {
                Cx::Object {
                    start: *i - 1,
                    items: 0,
                    filled: false,
                }
            } else {
                Cx::Body { expr: false }
            });
        }
        b'}' => return close(stack),
        b'=' => {
            if let Some(Cx::Body { expr }) = stack.last_mut() {
                *expr = true;
            }
        }
        b'\n' => {
            if let Some(Cx::Body { expr }) = stack.last_mut() {
                *expr = false;
            }
        }
        _ => {}
    }
    None
}

/// A `}` in code: closes the innermost object, body or interpolation (never the file's body).
fn close(stack: &mut Vec<Cx>) -> Option<TooManyKeys> {
    if stack.len() == 1 {
        return None;
    }
    match stack.pop() {
        Some(Cx::Object {
            start,
            items,
            filled,
        }) => Some(TooManyKeys {
            offset: start,
            keys: items + u64::from(filled),
        }),
        _ => None,
    }
}

/// One step in a quoted string: an escape, an interpolation's start, or its end.
fn in_string(b: &[u8], i: usize, stack: &mut Vec<Cx>) -> usize {
    match b[i] {
        b'\\' => i + 2,
        b'"' | b'\n' => {
            // A line break ends a string that was never closed: the parser will say so.
            stack.pop();
            i + 1
        }
        _ => template_step(b, i, stack),
    }
}

/// One step in a heredoc: at a line's start, the marker line ends it.
fn in_heredoc(b: &[u8], i: usize, stack: &mut Vec<Cx>) -> usize {
    if i == 0 || b[i - 1] == b'\n' {
        let end = line_end(b, i);
        let line = trim(&b[i..end]);
        if let Some(Cx::Heredoc { marker }) = stack.last()
            && line == marker.as_slice()
        {
            stack.pop();
            return end;
        }
    }
    template_step(b, i, stack)
}

/// `${` or `%{` opens an interpolation (`$${` and `%%{` are literal).
fn template_step(b: &[u8], i: usize, stack: &mut Vec<Cx>) -> usize {
    let c = b[i];
    if (c == b'$' || c == b'%') && b.get(i + 1) == Some(&c) {
        return i + 2;
    }
    if (c == b'$' || c == b'%') && b.get(i + 1) == Some(&b'{') {
        stack.push(Cx::Interp);
        return i + 2;
    }
    i + 1
}

/// After `<<`: `-`? then a marker and a line break; the marker and where the body starts.
fn heredoc_start(b: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    let mut j = at;
    if b.get(j) == Some(&b'-') {
        j += 1;
    }
    let start = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-') {
        j += 1;
    }
    if j == start {
        return None;
    }
    let marker = b[start..j].to_vec();
    match (b.get(j), b.get(j + 1)) {
        (Some(b'\n'), _) => Some((marker, j + 1)),
        (Some(b'\r'), Some(b'\n')) => Some((marker, j + 2)),
        _ => None,
    }
}

fn line_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| i + p)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn trim(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let start = line
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t'))
        .unwrap_or(line.len());
    &line[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys of the one object literal in `text` that is over the budget, counted with the
    /// budget at zero.
    fn keys_of(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        let mut stack = vec![Cx::Body { expr: false }];
        let mut i = 0;
        while i < b.len() {
            match stack.last().unwrap() {
                Cx::Str => i = in_string(b, i, &mut stack),
                Cx::Heredoc { .. } => i = in_heredoc(b, i, &mut stack),
                _ => out.extend(in_code(b, &mut i, &mut stack).map(|c| c.keys)),
            }
        }
        out
    }

    #[test]
    fn objects_are_counted_blocks_are_not() {
        let text = r#"
resource "a" "b" {
  tags = {
    a = 1, b = 2
    "c" = { d = [1, 2, { e = 3 }] }  # { not = counted }
  }
  nested { x = 1 }
  s = "{ ${ {f = 1, g = 2}.f } }"
  h = <<-EOT
    { not = an, object = here }
    ${ {i = 1} }
    EOT
  /* { x = 1, y = 2 } */
  m = merge({j = 1}, {k = 1
    l = 2})
  esc = "$${ {} }"
}
"#;
        // In the order they close: e; c's value; tags; f, g; i; j; k, l.
        assert_eq!(keys_of(text), [1, 1, 3, 2, 1, 1, 2]);
    }

    #[test]
    fn a_big_object_is_refused_a_big_block_is_not() {
        let keys = |n: usize| -> String { (0..n).map(|i| format!("    k{i} = {i}\n")).collect() };
        let object = format!("locals {{\n  x = {{\n{}  }}\n}}\n", keys(20_000));
        let e = check(&object).unwrap_err();
        assert_eq!(e.keys, 20_000);
        assert_eq!(&object[e.offset..e.offset + 2], "{\n");
        assert_eq!(object[..e.offset].lines().count(), 2);
        let block = format!("locals {{\n{}}}\n", keys(100_000));
        assert!(check(&block).is_ok());
        let small = format!("locals {{\n  x = {{\n{}  }}\n}}\n", keys(5_000));
        assert!(check(&small).is_ok());
        let list = format!("x = [{}]\n", "1,".repeat(200_000));
        assert!(check(&list).is_ok());
    }

    #[test]
    fn many_objects_add_up() {
        let obj: String = format!(
            "{{{}}}",
            (0..3_000).map(|i| format!("k{i}=1,")).collect::<String>()
        );
        let text = format!("x = [{}]\n", vec![obj; 20].join(","));
        assert!(
            check(&text).is_err(),
            "20 objects of 3,000 keys: 90M comparisons"
        );
    }

    #[test]
    fn broken_text_ends_the_scan_quietly() {
        for text in [
            "x = \"never closed",
            "x = <<EOT\nnever closed",
            "}}}]]])))",
            "x = {",
            "/*",
        ] {
            assert!(check(text).is_ok(), "{text}");
        }
    }
}
