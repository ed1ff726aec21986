//! A syntax check of CEL expressions (access log `matches`): balanced brackets, closed strings, and
//! operators between operands. It is not a CEL parser; it rejects what cannot parse.

/// What the previous token was.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of the expression, an opening bracket, a comma or an operator: an operand must follow.
    NeedOperand,
    /// An operand or a closing bracket: an operator, a closing bracket or a member access may follow.
    Operand,
}

/// Whether `expr` is a syntactically plausible CEL expression.
pub(super) fn is_valid(expr: &str) -> bool {
    let chars: Vec<char> = expr.chars().collect();
    let mut stack: Vec<char> = Vec::new();
    let mut prev = Prev::NeedOperand;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            ' ' | '\t' | '\n' | '\r' => {}
            '(' | '[' | '{' => {
                stack.push(c);
                prev = Prev::NeedOperand;
            }
            ')' | ']' | '}' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if stack.pop() != Some(open) {
                    return false;
                }
                prev = Prev::Operand;
            }
            '"' | '\'' => {
                let Some(end) = string_end(&chars, i, c) else {
                    return false;
                };
                i = end;
                prev = Prev::Operand;
            }
            ',' | ':' | '?' => {
                if prev == Prev::NeedOperand && c != ':' {
                    return false;
                }
                prev = Prev::NeedOperand;
            }
            '!' | '-' if prev == Prev::NeedOperand => {}
            '.' if prev == Prev::Operand => prev = Prev::NeedOperand,
            '+' | '-' | '*' | '/' | '%' | '<' | '>' | '=' | '!' | '&' | '|' => {
                if prev == Prev::NeedOperand {
                    return false;
                }
                // Two-character operators (`==`, `!=`, `<=`, `>=`, `&&`, `||`).
                if chars.get(i).is_some_and(|n| matches!(n, '=' | '&' | '|')) {
                    i += 1;
                }
                prev = Prev::NeedOperand;
            }
            c if c.is_alphanumeric() || c == '_' || c == '.' => {
                while chars
                    .get(i)
                    .is_some_and(|n| n.is_alphanumeric() || matches!(n, '_' | '.'))
                {
                    i += 1;
                }
                prev = Prev::Operand;
            }
            _ => return false,
        }
    }
    stack.is_empty() && prev == Prev::Operand
}

/// The index after the closing `quote` of a string starting at `start`.
fn string_end(chars: &[char], start: usize, quote: char) -> Option<usize> {
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if c == '\\' {
            i += 1;
        } else if c == quote {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn accepts_expressions() {
        for e in [
            "response.code >= 400",
            "request.headers['x-user'] == 'a' && !(response.code < 300)",
            "'x' in request.headers",
            "xds.route_name.startsWith(\"a\")",
            "size(request.path) > -1 ? true : false",
        ] {
            assert!(is_valid(e), "{e}");
        }
    }

    #[test]
    fn rejects_broken_expressions() {
        for e in [")++++", "", "a ==", "(a", "'open", "a >= >= 1", "a b)"] {
            assert!(!is_valid(e), "{e}");
        }
    }
}
