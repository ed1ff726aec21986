//! RE2 validation of the regular expressions users write (path, header and query parameter matches,
//! rewrite patterns), with the error messages of Go's `regexp` package, which Envoy Gateway reports.
//!
//! The `regex` crate's parser accepts a superset of RE2's syntax in a few places (nested repetitions);
//! those are rejected here as RE2 does.

use regex_syntax::ast::{self, Ast, ErrorKind};

/// Checks that `pattern` is a valid RE2 regular expression; the error is Go's message
/// (`error parsing regexp: missing argument to repetition operator: `*``).
pub(crate) fn validate(pattern: &str) -> Result<(), String> {
    let parsed = ast::parse::ParserBuilder::new()
        .nest_limit(1000)
        .build()
        .parse(pattern);
    match parsed {
        Ok(ast) => nested_repetition(&ast, pattern).map_or(Ok(()), |op| {
            Err(go_error("invalid nested repetition operator", &op))
        }),
        Err(e) => {
            let span = e.span();
            let text = if matches!(e.kind(), ErrorKind::RepetitionMissing) {
                operator_at(pattern, span.start.offset)
            } else {
                pattern
                    .get(span.start.offset..span.end.offset)
                    .unwrap_or_default()
            };
            let (code, expr) = describe(e.kind(), text, pattern);
            Err(go_error(code, expr))
        }
    }
}

/// The repetition operator starting at `at` (`*`, `+?`, `{2,3}`).
fn operator_at(pattern: &str, at: usize) -> &str {
    let rest = pattern.get(at..).unwrap_or_default();
    let len = if rest.starts_with('{') {
        rest.find('}').map_or(rest.len(), |i| i + 1)
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    let len = if rest.get(len..).is_some_and(|r| r.starts_with('?')) {
        len + 1
    } else {
        len
    };
    rest.get(..len).unwrap_or_default()
}

/// Go's error text: `error parsing regexp: <code>: `<expr>``.
fn go_error(code: &str, expr: &str) -> String {
    format!("error parsing regexp: {code}: `{expr}`")
}

/// Go's error code for a parse error, and the part of the expression it quotes.
fn describe<'p>(kind: &ErrorKind, text: &'p str, pattern: &'p str) -> (&'static str, &'p str) {
    match kind {
        ErrorKind::RepetitionMissing => ("missing argument to repetition operator", text),
        ErrorKind::GroupUnclosed => ("missing closing )", pattern),
        ErrorKind::GroupUnopened => ("unexpected )", pattern),
        ErrorKind::ClassUnclosed => ("missing closing ]", text),
        ErrorKind::ClassRangeInvalid | ErrorKind::ClassRangeLiteral => {
            ("invalid character class range", text)
        }
        ErrorKind::RepetitionCountInvalid
        | ErrorKind::RepetitionCountDecimalEmpty
        | ErrorKind::RepetitionCountUnclosed
        | ErrorKind::DecimalEmpty
        | ErrorKind::DecimalInvalid => ("invalid repeat count", text),
        ErrorKind::EscapeUnexpectedEof => ("trailing backslash at end of expression", ""),
        ErrorKind::UnicodeClassInvalid => ("invalid character class", text),
        ErrorKind::GroupNameDuplicate { .. }
        | ErrorKind::GroupNameEmpty
        | ErrorKind::GroupNameInvalid
        | ErrorKind::GroupNameUnexpectedEof => ("invalid named capture", text),
        ErrorKind::FlagDanglingNegation
        | ErrorKind::FlagDuplicate { .. }
        | ErrorKind::FlagRepeatedNegation { .. }
        | ErrorKind::FlagUnexpectedEof
        | ErrorKind::FlagUnrecognized
        | ErrorKind::UnsupportedLookAround
        | ErrorKind::UnsupportedBackreference => ("invalid or unsupported Perl syntax", text),
        ErrorKind::NestLimitExceeded(_) => ("expression nests too deeply", pattern),
        _ => ("invalid escape sequence", text),
    }
}

/// The operator text of the first repetition of a repetition (`a**`), which RE2 rejects.
fn nested_repetition(ast: &Ast, pattern: &str) -> Option<String> {
    match ast {
        Ast::Repetition(r) => {
            if let Ast::Repetition(inner) = r.ast.as_ref() {
                let text = pattern
                    .get(inner.op.span.start.offset..r.op.span.end.offset)
                    .unwrap_or_default();
                return Some(text.to_owned());
            }
            nested_repetition(&r.ast, pattern)
        }
        Ast::Group(g) => nested_repetition(&g.ast, pattern),
        Ast::Alternation(a) => a.asts.iter().find_map(|a| nested_repetition(a, pattern)),
        Ast::Concat(c) => c.asts.iter().find_map(|a| nested_repetition(a, pattern)),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::validate;

    #[test]
    fn valid_expressions_pass() {
        for p in [
            "/foo/.*",
            "^/[^/]+/([^/]+).*",
            r"(?i)\.?[a-z_][a-z_0-9]*",
            "a{2,3}",
        ] {
            assert_eq!(validate(p), Ok(()), "{p}");
        }
    }

    #[test]
    fn errors_read_like_go() {
        assert_eq!(
            validate("*.foo.bar.com").unwrap_err(),
            "error parsing regexp: missing argument to repetition operator: `*`"
        );
        assert_eq!(
            validate("(abc").unwrap_err(),
            "error parsing regexp: missing closing ): `(abc`"
        );
        assert_eq!(
            validate("a**").unwrap_err(),
            "error parsing regexp: invalid nested repetition operator: `**`"
        );
        assert!(validate(r"(?=a)").is_err());
    }
}
