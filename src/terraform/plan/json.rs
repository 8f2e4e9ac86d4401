//! JSON over a plan's text, without a tree: one validating pass ([`Json::parse`]: iterative, its
//! nesting capped at [`MAX_DEPTH`], every container's end recorded), then navigation by byte
//! offsets that jumps over whatever it does not read ([`Json::members`], [`Json::items`]). A plan
//! is mostly what akslint does not judge (other resources, `prior_state`, `configuration`): it is
//! read once and never copied; only the values of the resources the rules judge are built.
//!
//! Every offset handed out lies on a character boundary of the text (a span never splits a
//! character), and nothing here panics on any text: navigation of a validated text only meets
//! what the validator let through, and answers `None` where it would not.

use std::borrow::Cow;

/// Nesting of objects and arrays read at most (a plan's values nest a dozen levels; its
/// configuration three per module call).
pub const MAX_DEPTH: usize = 256;

/// Why a text is no JSON akslint reads: where, what, and whether a limit (not the syntax) was
/// hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub offset: usize,
    pub message: String,
    pub limit: bool,
}

/// What a value is, by its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

impl Kind {
    /// `an object`, `a string`…: for messages.
    pub fn article(self) -> &'static str {
        match self {
            Kind::Object => "an object",
            Kind::Array => "an array",
            Kind::String => "a string",
            Kind::Number => "a number",
            Kind::Bool => "a boolean",
            Kind::Null => "null",
        }
    }
}

/// A validated JSON text and where each of its containers ends.
pub struct Json<'t> {
    pub text: &'t str,
    /// (open, close) byte offsets of every object and array, in the order they open.
    ends: Vec<(u32, u32)>,
    /// Where the top-level value starts (after a byte order mark and blanks).
    pub root: usize,
}

/// One `"key": value` of an object: the key's span (quotes included) and where its value starts.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    pub key_start: usize,
    pub key_end: usize,
    pub value: usize,
}

impl<'t> Json<'t> {
    /// Validates `text` as one JSON value. Offsets past `u32::MAX` are not representable: the
    /// caller caps the size first.
    pub fn parse(text: &'t str) -> Result<Json<'t>, Error> {
        let b = text.as_bytes();
        let mut v = Validator {
            b,
            at: if text.starts_with('\u{feff}') { 3 } else { 0 },
            stack: Vec::new(),
            ends: Vec::new(),
        };
        v.ws();
        let root = v.at;
        v.run()?;
        v.ws();
        if v.at < b.len() {
            return Err(v.error("unexpected text after the JSON value"));
        }
        Ok(Json {
            text,
            ends: v.ends,
            root,
        })
    }

    fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    /// What the value at `at` is.
    pub fn kind(&self, at: usize) -> Option<Kind> {
        Some(match self.bytes().get(at)? {
            b'{' => Kind::Object,
            b'[' => Kind::Array,
            b'"' => Kind::String,
            b't' | b'f' => Kind::Bool,
            b'n' => Kind::Null,
            _ => Kind::Number,
        })
    }

    /// Just past the value that starts at `at`.
    pub fn end(&self, at: usize) -> usize {
        let b = self.bytes();
        match b.get(at) {
            Some(b'{' | b'[') => {
                let i = self.ends.partition_point(|(open, _)| (*open as usize) < at);
                match self.ends.get(i) {
                    Some((open, close)) if *open as usize == at => *close as usize + 1,
                    _ => b.len(),
                }
            }
            Some(b'"') => string_end(b, at),
            Some(_) => {
                let mut i = at;
                while i < b.len()
                    && !matches!(b[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                {
                    i += 1;
                }
                i
            }
            None => b.len(),
        }
    }

    /// The members of the object at `at` (none when it is no object), in written order.
    pub fn members(&self, at: usize) -> Members<'_, 't> {
        let next = (self.kind(at) == Some(Kind::Object)).then(|| at + 1);
        Members { json: self, next }
    }

    /// The value of `key` in the object at `at` (the last one written wins, as in Terraform).
    pub fn get(&self, at: usize, key: &str) -> Option<Member> {
        self.members(at).filter(|m| self.key_is(m, key)).last()
    }

    /// The items of the array at `at` (none when it is no array): where each starts.
    pub fn items(&self, at: usize) -> Items<'_, 't> {
        let next = (self.kind(at) == Some(Kind::Array)).then(|| at + 1);
        Items { json: self, next }
    }

    /// Whether a member's key is `name`.
    pub fn key_is(&self, m: &Member, name: &str) -> bool {
        let raw = &self.text[m.key_start + 1..m.key_end.saturating_sub(1).max(m.key_start + 1)];
        if raw.contains('\\') {
            decode(raw) == name
        } else {
            raw == name
        }
    }

    /// A member's key, decoded.
    pub fn key(&self, m: &Member) -> Cow<'t, str> {
        self.string_at(m.key_start).unwrap_or(Cow::Borrowed(""))
    }

    /// The string at `at`, decoded; `None` when the value there is no string.
    pub fn string_at(&self, at: usize) -> Option<Cow<'t, str>> {
        if self.bytes().get(at) != Some(&b'"') {
            return None;
        }
        let end = string_end(self.bytes(), at);
        let raw = self.text.get(at + 1..end.saturating_sub(1).max(at + 1))?;
        Some(if raw.contains('\\') {
            Cow::Owned(decode(raw))
        } else {
            Cow::Borrowed(raw)
        })
    }

    /// The text of the value at `at` (a number, `true`…).
    pub fn raw(&self, at: usize) -> &'t str {
        let end = self.end(at);
        self.text.get(at..end).unwrap_or("")
    }
}

/// The members of an object, each found by jumping over the previous value.
pub struct Members<'j, 't> {
    json: &'j Json<'t>,
    next: Option<usize>,
}

impl Iterator for Members<'_, '_> {
    type Item = Member;

    fn next(&mut self) -> Option<Member> {
        let b = self.json.bytes();
        let mut at = skip_ws(b, self.next?);
        if b.get(at) == Some(&b',') {
            at = skip_ws(b, at + 1);
        }
        if b.get(at) != Some(&b'"') {
            self.next = None;
            return None;
        }
        let key_end = string_end(b, at);
        let colon = skip_ws(b, key_end);
        if b.get(colon) != Some(&b':') {
            self.next = None;
            return None;
        }
        let value = skip_ws(b, colon + 1);
        self.next = Some(self.json.end(value));
        Some(Member {
            key_start: at,
            key_end,
            value,
        })
    }
}

/// The items of an array.
pub struct Items<'j, 't> {
    json: &'j Json<'t>,
    next: Option<usize>,
}

impl Iterator for Items<'_, '_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let b = self.json.bytes();
        let mut at = skip_ws(b, self.next?);
        if b.get(at) == Some(&b',') {
            at = skip_ws(b, at + 1);
        }
        if matches!(b.get(at), None | Some(b']')) {
            self.next = None;
            return None;
        }
        self.next = Some(self.json.end(at));
        Some(at)
    }
}

fn skip_ws(b: &[u8], mut at: usize) -> usize {
    while at < b.len() && matches!(b[at], b' ' | b'\t' | b'\n' | b'\r') {
        at += 1;
    }
    at
}

/// Just past the closing quote of the string whose opening quote is at `at` (the text's end
/// when it has none).
fn string_end(b: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    while i < b.len() {
        match b[i] {
            b'"' => return i + 1,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    b.len()
}

/// A validated string's content (between its quotes) with its escapes decoded; a lone
/// surrogate becomes U+FFFD.
fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex = |chars: &mut std::str::Chars<'_>| -> Option<u32> {
                    let s: String = chars.by_ref().take(4).collect();
                    u32::from_str_radix(&s, 16).ok()
                };
                let Some(hi) = hex(&mut chars) else {
                    out.push('\u{fffd}');
                    continue;
                };
                if (0xD800..0xDC00).contains(&hi) {
                    let mut ahead = chars.clone();
                    if ahead.next() == Some('\\')
                        && ahead.next() == Some('u')
                        && let Some(lo) = hex(&mut ahead).filter(|lo| (0xDC00..0xE000).contains(lo))
                    {
                        chars = ahead;
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                        continue;
                    }
                }
                out.push(char::from_u32(hi).unwrap_or('\u{fffd}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The validating pass.
struct Validator<'b> {
    b: &'b [u8],
    at: usize,
    /// Open containers: their kind (`{` or `[`) and their entry in `ends`.
    stack: Vec<(u8, usize)>,
    ends: Vec<(u32, u32)>,
}

impl Validator<'_> {
    fn ws(&mut self) {
        self.at = skip_ws(self.b, self.at);
    }

    /// An error at the current offset (on a character boundary: the offset is either the text's
    /// end or a byte the validator examined outside a string, which starts a character).
    fn error(&self, message: impl Into<String>) -> Error {
        self.error_at(self.at, message)
    }

    fn error_at(&self, mut at: usize, message: impl Into<String>) -> Error {
        at = at.min(self.b.len());
        // Continuation bytes of UTF-8 are 0b10xxxxxx: step back to the character's start.
        while at > 0 && at < self.b.len() && self.b[at] & 0xC0 == 0x80 {
            at -= 1;
        }
        Error {
            offset: at,
            message: message.into(),
            limit: false,
        }
    }

    /// The whole value at the current offset, containers iteratively.
    fn run(&mut self) -> Result<(), Error> {
        'value: loop {
            self.ws();
            match self.b.get(self.at) {
                Some(&c @ (b'{' | b'[')) => {
                    if self.stack.len() >= MAX_DEPTH {
                        let mut e =
                            self.error(format!("JSON nested more than {MAX_DEPTH} levels deep"));
                        e.limit = true;
                        return Err(e);
                    }
                    self.stack.push((c, self.ends.len()));
                    self.ends.push((self.at as u32, self.at as u32));
                    self.at += 1;
                    self.ws();
                    let close = if c == b'{' { b'}' } else { b']' };
                    if self.b.get(self.at) == Some(&close) {
                        self.close();
                    } else if c == b'{' {
                        self.key()?;
                        continue 'value;
                    } else {
                        continue 'value;
                    }
                }
                Some(b'"') => self.string()?,
                Some(b't') => self.literal("true")?,
                Some(b'f') => self.literal("false")?,
                Some(b'n') => self.literal("null")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(_) => return Err(self.error("expected a JSON value")),
                None => return Err(self.error("unexpected end of the text: a JSON value expected")),
            }
            // After a value: a separator, or the end of its container(s).
            loop {
                let Some(&(kind, _)) = self.stack.last() else {
                    return Ok(());
                };
                self.ws();
                let close = if kind == b'{' { b'}' } else { b']' };
                match self.b.get(self.at) {
                    Some(b',') => {
                        self.at += 1;
                        if kind == b'{' {
                            self.ws();
                            self.key()?;
                        }
                        continue 'value;
                    }
                    Some(&c) if c == close => self.close(),
                    Some(_) if kind == b'{' => return Err(self.error("expected `,` or `}`")),
                    Some(_) => return Err(self.error("expected `,` or `]`")),
                    None => {
                        return Err(self.error(format!(
                            "unexpected end of the text: `{}` expected",
                            close as char
                        )));
                    }
                }
            }
        }
    }

    /// Closes the innermost container at the current offset.
    fn close(&mut self) {
        if let Some((_, i)) = self.stack.pop()
            && let Some(e) = self.ends.get_mut(i)
        {
            e.1 = self.at as u32;
        }
        self.at += 1;
    }

    /// A key and its colon.
    fn key(&mut self) -> Result<(), Error> {
        if self.b.get(self.at) != Some(&b'"') {
            return Err(self.error("expected a string key"));
        }
        self.string()?;
        self.ws();
        if self.b.get(self.at) != Some(&b':') {
            return Err(self.error("expected `:`"));
        }
        self.at += 1;
        Ok(())
    }

    fn string(&mut self) -> Result<(), Error> {
        let start = self.at;
        let mut i = start + 1;
        while i < self.b.len() {
            match self.b[i] {
                b'"' => {
                    self.at = i + 1;
                    return Ok(());
                }
                b'\\' => match self.b.get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u') => {
                        let hex = self.b.get(i + 2..i + 6);
                        if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                            return Err(self.error_at(i, "invalid `\\u` escape in a string"));
                        }
                        i += 6;
                    }
                    _ => return Err(self.error_at(i, "invalid escape in a string")),
                },
                c if c < 0x20 => {
                    return Err(self.error_at(i, "control character in a string"));
                }
                _ => i += 1,
            }
        }
        Err(self.error_at(start, "unterminated string"))
    }

    fn literal(&mut self, word: &str) -> Result<(), Error> {
        if self.b.get(self.at..self.at + word.len()) == Some(word.as_bytes()) {
            self.at += word.len();
            Ok(())
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<(), Error> {
        let b = self.b;
        let start = self.at;
        let mut i = start;
        let digits = |i: &mut usize| {
            let s = *i;
            while *i < b.len() && b[*i].is_ascii_digit() {
                *i += 1;
            }
            *i > s
        };
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        if b.get(i) == Some(&b'0') {
            i += 1;
        } else if !digits(&mut i) {
            return Err(self.error_at(start, "invalid number"));
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !digits(&mut i) {
                return Err(self.error_at(start, "invalid number"));
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !digits(&mut i) {
                return Err(self.error_at(start, "invalid number"));
            }
        }
        self.at = i;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation() {
        let text = " {\"a\": [1, {\"b\": \"x\\\"y\"}, null], \"c\" : true, \"a\": \"last\"} ";
        let j = Json::parse(text).unwrap();
        let keys: Vec<String> = j.members(j.root).map(|m| j.key(&m).into()).collect();
        assert_eq!(keys, ["a", "c", "a"]);
        let a = j.members(j.root).next().unwrap();
        let items: Vec<&str> = j.items(a.value).map(|i| j.raw(i)).collect();
        assert_eq!(items, ["1", "{\"b\": \"x\\\"y\"}", "null"]);
        let inner = j.items(a.value).nth(1).unwrap();
        let b = j.get(inner, "b").unwrap();
        assert_eq!(j.string_at(b.value).unwrap(), "x\"y");
        assert_eq!(
            j.string_at(j.get(j.root, "a").unwrap().value).unwrap(),
            "last"
        );
        assert_eq!(j.kind(j.get(j.root, "c").unwrap().value), Some(Kind::Bool));
        assert!(j.get(j.root, "zz").is_none());
        assert_eq!(j.members(a.value).count(), 0, "an array has no members");
    }

    #[test]
    fn escapes() {
        assert_eq!(decode(r"\u00e9\n\ud83d\ude00\/"), "é\n😀/");
        assert_eq!(decode(r"\ud83d x"), "\u{fffd} x");
        let j = Json::parse(r#"{"k\u0065y": 1}"#).unwrap();
        let m = j.members(j.root).next().unwrap();
        assert!(j.key_is(&m, "key"));
    }

    #[test]
    fn errors_name_their_place() {
        let cases: &[(&str, usize, &str)] = &[
            ("{\"a\": 1,}", 8, "expected a string key"),
            ("{\"a\" 1}", 5, "expected `:`"),
            ("[1 2]", 3, "expected `,` or `]`"),
            ("{\"a\": tru}", 6, "expected a JSON value"),
            ("{\"a\": \"x", 6, "unterminated string"),
            ("{\"a\": 01}", 7, "expected `,` or `}`"),
            ("{\"a\": -}", 6, "invalid number"),
            ("{\"a\": \"\\x\"}", 7, "invalid escape"),
            ("{\"é\": é}", 7, "expected a JSON value"),
            ("[", 1, "unexpected end of the text"),
            ("{} x", 3, "unexpected text after"),
            ("", 0, "unexpected end"),
        ];
        for (text, at, what) in cases {
            let e = Json::parse(text)
                .err()
                .unwrap_or_else(|| panic!("{text:?} parsed"));
            assert_eq!(e.offset, *at, "{text:?}: {e:?}");
            assert!(e.message.contains(what), "{text:?}: {e:?}");
            assert!(text.is_char_boundary(e.offset));
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let e = Json::parse(&deep).err().unwrap();
        assert!(e.limit && e.offset == MAX_DEPTH, "{e:?}");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(Json::parse(&ok).is_ok());
    }

    /// Every truncation of a valid text is an error at a character boundary, never a panic.
    #[test]
    fn every_truncation() {
        let text = r#"{"a": [1, -2.5e3, {"b": "é\u00e9"}], "c": {"d": null, "e": false}}"#;
        assert!(Json::parse(text).is_ok());
        for n in 0..text.len() {
            if !text.is_char_boundary(n) {
                continue;
            }
            let t = &text[..n];
            if let Err(e) = Json::parse(t) {
                assert!(t.is_char_boundary(e.offset) && e.offset <= t.len());
            }
        }
    }
}
