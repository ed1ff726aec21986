//! A lexer for Lua 5.1 source, enough to validate scripts without running them: names, keywords,
//! numbers, short and long strings, comments (`--` to the end of the line, `--[[ ]]` and
//! `--[==[ ]==]` blocks), and symbols, each with the line and column it starts on.
//!
//! Strings and comments become single tokens (comments are dropped), so nothing inside them is
//! mistaken for code.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokenKind {
    /// A name that is not a keyword.
    Name,
    /// A reserved word (`function`, `end`, ...).
    Keyword,
    /// A numeric literal.
    Number,
    /// A string literal, short or long.
    String,
    /// An operator or punctuation.
    Symbol,
}

/// A token of Lua source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token<'a> {
    /// What it is.
    pub kind: TokenKind,
    /// Its text as written (strings with their quotes).
    pub text: &'a str,
    /// The line it starts on, from 1.
    pub line: usize,
    /// The column it starts on, from 1.
    pub column: usize,
}

impl Token<'_> {
    /// Whether the token is the keyword or symbol `text`.
    pub fn is(&self, text: &str) -> bool {
        matches!(self.kind, TokenKind::Keyword | TokenKind::Symbol) && self.text == text
    }
}

/// Why source does not lex: the message and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct LexError {
    /// What is wrong (`unterminated string`).
    pub message: &'static str,
    /// The line of the offending token.
    pub line: usize,
    /// Its column.
    pub column: usize,
    /// The start of its text.
    pub near: String,
}

const KEYWORDS: [&str; 21] = [
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
    "local", "nil", "not", "or", "repeat", "return", "then", "true", "until",
];

/// Symbols, longest first so that `...` wins over `..` and `.`.
const SYMBOLS: [&str; 14] = [
    "...", "..", "==", "~=", "<=", ">=", "::", "//", "<<", ">>", "+", "-", "*", "/",
];

const SINGLE: &str = "%^#&~|<>=(){}[];:,.";

/// A cursor over the source that keeps the line and column.
struct Cursor<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Moves past `n` bytes' worth of whole characters, counting lines (`\r\n` is one).
    fn advance(&mut self, n: usize) {
        let end = self.pos + n;
        while self.pos < end {
            let Some(c) = self.peek() else { return };
            self.pos += c.len_utf8();
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else if c == '\r' {
                if self.peek() == Some('\n') {
                    self.pos += 1;
                }
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
    }

    fn error(&self, message: &'static str, start: usize, line: usize, column: usize) -> LexError {
        let near: String = self
            .src
            .get(start..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| *c != '\n')
            .take(20)
            .collect();
        LexError {
            message,
            line,
            column,
            near,
        }
    }
}

/// The level of a long bracket opening at the start of `s` (`[[` is 0, `[==[` is 2).
fn long_bracket_level(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('[')?;
    let level = rest.bytes().take_while(|b| *b == b'=').count();
    rest.get(level..)?.starts_with('[').then_some(level)
}

/// The length of a long bracket body at the start of `s` (opening and closing brackets included).
fn long_bracket_len(s: &str, level: usize) -> Option<usize> {
    let close = format!("]{}]", "=".repeat(level));
    let open_len = level + 2;
    let body = s.get(open_len..)?;
    body.find(&close).map(|i| open_len + i + close.len())
}

/// The length of a short string at the start of `s` (quotes included).
fn short_string_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, quote) = chars.next()?;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '\n' | '\r' => return None,
            c if c == quote => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The length of a number at the start of `s`.
fn number_len(s: &str) -> usize {
    let hex = s.starts_with("0x") || s.starts_with("0X");
    let exponent: &[u8] = if hex { b"pP" } else { b"eE" };
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.' {
            i += 1;
            if exponent.contains(b) && matches!(bytes.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
        } else {
            break;
        }
    }
    i
}

/// The tokens of `src`, or where it stops making sense.
pub(super) fn tokenize(src: &str) -> Result<Vec<Token<'_>>, LexError> {
    let mut cur = Cursor {
        src,
        pos: 0,
        line: 1,
        column: 1,
    };
    let mut tokens = Vec::new();
    while let Some(c) = cur.peek() {
        let (start, line, column) = (cur.pos, cur.line, cur.column);
        let rest = cur.rest();
        if c.is_whitespace() {
            cur.advance(c.len_utf8());
            continue;
        }
        if let Some(comment) = rest.strip_prefix("--") {
            let len = match long_bracket_level(comment) {
                Some(level) => long_bracket_len(comment, level)
                    .ok_or_else(|| cur.error("unterminated comment", start, line, column))?,
                None => comment.find(['\n', '\r']).unwrap_or(comment.len()),
            };
            cur.advance(2 + len);
            continue;
        }
        let (kind, len) = if c.is_ascii_alphabetic() || c == '_' {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let word = rest.get(..len).unwrap_or_default();
            let kind = if KEYWORDS.contains(&word) {
                TokenKind::Keyword
            } else {
                TokenKind::Name
            };
            (kind, len)
        } else if c.is_ascii_digit()
            || (c == '.' && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit))
        {
            (TokenKind::Number, number_len(rest))
        } else if c == '"' || c == '\'' {
            let len = short_string_len(rest)
                .ok_or_else(|| cur.error("unterminated string", start, line, column))?;
            (TokenKind::String, len)
        } else if let Some(level) = long_bracket_level(rest) {
            let len = long_bracket_len(rest, level)
                .ok_or_else(|| cur.error("unterminated string", start, line, column))?;
            (TokenKind::String, len)
        } else if let Some(sym) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
            (TokenKind::Symbol, sym.len())
        } else if SINGLE.contains(c) {
            (TokenKind::Symbol, 1)
        } else {
            return Err(cur.error("invalid character", start, line, column));
        };
        tokens.push(Token {
            kind,
            text: rest.get(..len).unwrap_or_default(),
            line,
            column,
        });
        cur.advance(len);
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::{TokenKind, tokenize};

    fn texts(src: &str) -> Vec<(&str, usize)> {
        tokenize(src)
            .unwrap()
            .into_iter()
            .map(|t| (t.text, t.line))
            .collect()
    }

    #[test]
    fn comments_are_dropped_and_lines_counted() {
        let src = "-- x:Foo(\nlocal a --[[ y:Bar(\n ]] = 1\n--[==[\n]]\n]==] b";
        assert_eq!(
            texts(src),
            vec![("local", 2), ("a", 2), ("=", 3), ("1", 3), ("b", 6)]
        );
    }

    #[test]
    fn strings_are_single_tokens() {
        let src = "f('x:Foo(', \"a\\\"b:Bar(\", [[\nh:Baz(\n]], [=[ ]] ]=])";
        let tokens = tokenize(src).unwrap();
        let strings: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::String)
            .map(|t| t.text)
            .collect();
        assert_eq!(
            strings,
            vec![
                "'x:Foo('",
                "\"a\\\"b:Bar(\"",
                "[[\nh:Baz(\n]]",
                "[=[ ]] ]=]"
            ]
        );
        assert_eq!(tokens.last().unwrap().line, 3);
    }

    #[test]
    fn names_numbers_and_symbols() {
        let tokens = tokenize("h:logInfo(0x1F .. 1.5e-3 ... a~=b)").unwrap();
        let kinds: Vec<(TokenKind, &str)> = tokens.iter().map(|t| (t.kind, t.text)).collect();
        assert_eq!(
            kinds,
            vec![
                (TokenKind::Name, "h"),
                (TokenKind::Symbol, ":"),
                (TokenKind::Name, "logInfo"),
                (TokenKind::Symbol, "("),
                (TokenKind::Number, "0x1F"),
                (TokenKind::Symbol, ".."),
                (TokenKind::Number, "1.5e-3"),
                (TokenKind::Symbol, "..."),
                (TokenKind::Name, "a"),
                (TokenKind::Symbol, "~="),
                (TokenKind::Name, "b"),
                (TokenKind::Symbol, ")"),
            ]
        );
        assert_eq!(tokens[2].column, 3);
    }

    #[test]
    fn unterminated_strings_and_comments_are_errors() {
        let e = tokenize("local a = 'abc\nb").unwrap_err();
        assert_eq!(
            (e.message, e.line, e.column),
            ("unterminated string", 1, 11)
        );
        assert_eq!(
            tokenize("--[[ open").unwrap_err().message,
            "unterminated comment"
        );
        assert_eq!(
            tokenize("x = [==[ ]]").unwrap_err().message,
            "unterminated string"
        );
    }
}
