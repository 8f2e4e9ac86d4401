//! A JSON document with the byte span of every key and value: what reading Terraform's JSON
//! syntax in place needs (serde_json keeps no positions). Iterative over nothing but its own
//! nesting, which is capped at [`MAX_DEPTH`] levels (hcl-edit's own limit is 64).

/// Nesting of JSON objects and arrays read at most.
pub const MAX_DEPTH: u32 = 60;

/// A JSON value and where it is.
#[derive(Debug)]
pub enum Node {
    Object {
        open: usize,
        close: usize,
        members: Vec<Member>,
    },
    Array {
        open: usize,
        close: usize,
        items: Vec<Node>,
    },
    /// A string: its raw text spans `start..end`, quotes included.
    Str { start: usize, end: usize },
    /// A number, `true`, `false` or `null`.
    Scalar { start: usize, end: usize },
}

/// One `"key": value` of an object.
#[derive(Debug)]
pub struct Member {
    /// The decoded key.
    pub key: String,
    /// The key's raw text, quotes included.
    pub key_start: usize,
    pub key_end: usize,
    /// The `:` after the key.
    pub colon: usize,
    pub value: Node,
}

impl Node {
    pub fn start(&self) -> usize {
        match self {
            Node::Object { open, .. } | Node::Array { open, .. } => *open,
            Node::Str { start, .. } | Node::Scalar { start, .. } => *start,
        }
    }

    /// Just past the value's last byte.
    pub fn end(&self) -> usize {
        match self {
            Node::Object { close, .. } | Node::Array { close, .. } => close + 1,
            Node::Str { end, .. } | Node::Scalar { end, .. } => *end,
        }
    }
}

/// Where and why the text is no JSON.
pub type Error = (usize, String);

/// Parses a whole JSON document.
pub fn parse(text: &str) -> Result<Node, Error> {
    let mut p = Parser {
        b: text.as_bytes(),
        text,
        at: if text.starts_with('\u{feff}') { 3 } else { 0 },
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.at < p.b.len() {
        return Err((p.at, "unexpected text after the JSON value".into()));
    }
    Ok(v)
}

struct Parser<'t> {
    b: &'t [u8],
    text: &'t str,
    at: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.at < self.b.len() && matches!(self.b[self.at], b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Result<usize, Error> {
        self.ws();
        if self.b.get(self.at) == Some(&c) {
            self.at += 1;
            Ok(self.at - 1)
        } else {
            Err((self.at, format!("expected `{}`", c as char)))
        }
    }

    fn value(&mut self, depth: u32) -> Result<Node, Error> {
        self.ws();
        match self.b.get(self.at) {
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => Err((
                self.at,
                format!("JSON nested more than {MAX_DEPTH} levels deep"),
            )),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let (start, end) = self.string()?;
                Ok(Node::Str { start, end })
            }
            Some(_) => self.scalar(),
            None => Err((self.at, "expected a JSON value".into())),
        }
    }

    fn object(&mut self, depth: u32) -> Result<Node, Error> {
        let open = self.expect(b'{')?;
        let mut members = Vec::new();
        self.ws();
        if self.b.get(self.at) == Some(&b'}') {
            self.at += 1;
            let close = self.at - 1;
            return Ok(Node::Object {
                open,
                close,
                members,
            });
        }
        loop {
            self.ws();
            let (key_start, key_end) = self.string()?;
            let key = serde_json::from_str::<String>(&self.text[key_start..key_end])
                .map_err(|e| (key_start, format!("invalid JSON string: {e}")))?;
            let colon = self.expect(b':')?;
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                key_start,
                key_end,
                colon,
                value,
            });
            self.ws();
            match self.b.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    let close = self.at - 1;
                    return Ok(Node::Object {
                        open,
                        close,
                        members,
                    });
                }
                _ => return Err((self.at, "expected `,` or `}`".into())),
            }
        }
    }

    fn array(&mut self, depth: u32) -> Result<Node, Error> {
        let open = self.expect(b'[')?;
        let mut items = Vec::new();
        self.ws();
        if self.b.get(self.at) == Some(&b']') {
            self.at += 1;
            let close = self.at - 1;
            return Ok(Node::Array { open, close, items });
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.b.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    let close = self.at - 1;
                    return Ok(Node::Array { open, close, items });
                }
                _ => return Err((self.at, "expected `,` or `]`".into())),
            }
        }
    }

    /// A string's raw span (quotes included), escapes checked by serde_json where decoded.
    fn string(&mut self) -> Result<(usize, usize), Error> {
        let start = self.expect(b'"')?;
        while let Some(&c) = self.b.get(self.at) {
            self.at += 1;
            match c {
                b'\\' => self.at += 1,
                b'"' => return Ok((start, self.at)),
                b'\n' => return Err((self.at - 1, "newline in a JSON string".into())),
                _ => {}
            }
        }
        Err((start, "unterminated JSON string".into()))
    }

    fn scalar(&mut self) -> Result<Node, Error> {
        let start = self.at;
        while self.at < self.b.len()
            && (self.b[self.at].is_ascii_alphanumeric()
                || matches!(self.b[self.at], b'-' | b'+' | b'.'))
        {
            self.at += 1;
        }
        let word = &self.text[start..self.at];
        let ok = matches!(word, "true" | "false" | "null")
            || (!word.is_empty() && serde_json::from_str::<serde_json::Number>(word).is_ok());
        if ok {
            Ok(Node::Scalar {
                start,
                end: self.at,
            })
        } else {
            Err((start, "expected a JSON value".into()))
        }
    }
}
