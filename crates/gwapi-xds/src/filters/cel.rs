//! CEL expressions of authorization rules, parsed the way the reference's parser (cel-go) does, into
//! a `cel.expr.ParsedExpr` (proto3 JSON): the same tree, node ids and source positions, so that Envoy
//! gets the parsed expression and never parses it itself.
//!
//! Supported: identifiers, field selection, function and method calls, indexing, literals (strings,
//! numbers, booleans, null), lists, the unary, arithmetic, relational and logical operators, and the
//! conditional. Macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`) and maps are not: the
//! expression is then reported as unsupported (`None`).

use std::collections::BTreeMap;

use serde_json::{Value, json};

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Int(i64),
    Uint(u64),
    Double(f64),
    Punct(&'static str),
}

const PUNCTS: [&str; 22] = [
    "==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", ".", ",",
    "(", ")", "[", "]",
];

/// The tokens of `text` with their offsets (in characters).
fn lex(text: &str) -> Option<Vec<(Tok, usize)>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let start = i;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_alphabetic() || c == '_' {
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
            {
                i += 1;
            }
            let word: String = chars.get(start..i)?.iter().collect();
            out.push((Tok::Ident(word), start));
        } else if c.is_ascii_digit() {
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.')
            {
                i += 1;
            }
            let number: String = chars.get(start..i)?.iter().collect();
            let tok = if chars.get(i) == Some(&'u') {
                i += 1;
                Tok::Uint(number.parse().ok()?)
            } else if number.contains('.') {
                Tok::Double(number.parse().ok()?)
            } else {
                Tok::Int(number.parse().ok()?)
            };
            out.push((tok, start));
        } else if c == '\'' || c == '"' {
            i += 1;
            let mut value = String::new();
            loop {
                let d = *chars.get(i)?;
                i += 1;
                match d {
                    _ if d == c => break,
                    '\\' => {
                        let e = *chars.get(i)?;
                        i += 1;
                        value.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '\\' | '\'' | '"' => e,
                            _ => return None,
                        });
                    }
                    _ => value.push(d),
                }
            }
            out.push((Tok::Str(value), start));
        } else {
            let rest: String = chars.get(i..(i + 2).min(chars.len()))?.iter().collect();
            let punct = PUNCTS.iter().find(|p| rest.starts_with(**p))?;
            i += punct.len();
            out.push((Tok::Punct(punct), start));
        }
    }
    Some(out)
}

struct Parser {
    tokens: Vec<(Tok, usize)>,
    next: usize,
    id: u64,
    positions: BTreeMap<u64, usize>,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.next).map(|(t, _)| t)
    }

    fn is(&self, punct: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(p)) if *p == punct)
    }

    /// Consumes the punctuation `punct` and returns its offset.
    fn eat(&mut self, punct: &str) -> Option<usize> {
        if !self.is(punct) {
            return None;
        }
        let offset = self.tokens.get(self.next)?.1;
        self.next += 1;
        Some(offset)
    }

    fn new_id(&mut self, offset: usize) -> u64 {
        self.id += 1;
        self.positions.insert(self.id, offset);
        self.id
    }

    fn call(id: u64, function: &str, target: Option<Value>, args: &[Value]) -> Value {
        let mut call = serde_json::Map::new();
        call.insert("function".to_owned(), json!(function));
        call.insert("args".to_owned(), json!(args));
        if let Some(target) = target {
            call.insert("target".to_owned(), target);
        }
        json!({ "id": id.to_string(), "callExpr": call })
    }

    fn expr(&mut self) -> Option<Value> {
        let condition = self.binary_level(0)?;
        let Some(offset) = self.eat("?") else {
            return Some(condition);
        };
        let id = self.new_id(offset);
        let yes = self.binary_level(0)?;
        self.eat(":")?;
        let no = self.expr()?;
        Some(Self::call(id, "_?_:_", None, &[condition, yes, no]))
    }

    /// `||` (level 0) and `&&` (level 1): every term, then the operators, balanced like cel-go.
    fn binary_level(&mut self, level: usize) -> Option<Value> {
        let (op, function) = if level == 0 {
            ("||", "_||_")
        } else {
            ("&&", "_&&_")
        };
        let first = if level == 0 {
            self.binary_level(1)?
        } else {
            self.relation()?
        };
        let mut terms = vec![first];
        let mut ops = Vec::new();
        while let Some(offset) = self.eat(op) {
            let term = if level == 0 {
                self.binary_level(1)?
            } else {
                self.relation()?
            };
            ops.push(self.new_id(offset));
            terms.push(term);
        }
        Some(balance(function, &terms, &ops))
    }

    fn relation(&mut self) -> Option<Value> {
        const OPS: [(&str, &str); 6] = [
            ("==", "_==_"),
            ("!=", "_!=_"),
            ("<=", "_<=_"),
            (">=", "_>=_"),
            ("<", "_<_"),
            (">", "_>_"),
        ];
        let mut lhs = self.calc(0)?;
        loop {
            let found = OPS.iter().find(|(p, _)| self.is(p)).map(|(p, f)| (*p, *f));
            let (punct, function) = match found {
                Some(op) => op,
                None if matches!(self.peek(), Some(Tok::Ident(w)) if w == "in") => ("in", "@in"),
                None => return Some(lhs),
            };
            let offset = self.tokens.get(self.next)?.1;
            self.next += 1;
            let id = self.new_id(offset);
            let _ = punct;
            let rhs = self.calc(0)?;
            lhs = Self::call(id, function, None, &[lhs, rhs]);
        }
    }

    /// `+ -` (level 0) and `* / %` (level 1), left-associative.
    fn calc(&mut self, level: usize) -> Option<Value> {
        let ops: &[(&str, &str)] = if level == 0 {
            &[("+", "_+_"), ("-", "_-_")]
        } else {
            &[("*", "_*_"), ("/", "_/_"), ("%", "_%_")]
        };
        let mut lhs = if level == 0 {
            self.calc(1)?
        } else {
            self.unary()?
        };
        while let Some((punct, function)) = ops.iter().find(|(p, _)| self.is(p)).copied() {
            let offset = self.eat(punct)?;
            let id = self.new_id(offset);
            let rhs = if level == 0 {
                self.calc(1)?
            } else {
                self.unary()?
            };
            lhs = Self::call(id, function, None, &[lhs, rhs]);
        }
        Some(lhs)
    }

    fn unary(&mut self) -> Option<Value> {
        for (punct, function) in [("!", "!_"), ("-", "-_")] {
            let mut offsets = Vec::new();
            while let Some(offset) = self.eat(punct) {
                offsets.push(offset);
            }
            let Some(&first) = offsets.first() else {
                continue;
            };
            if punct == "-"
                && offsets.len() == 1
                && let Some(literal) = self.negative_literal(first)
            {
                return self.member_suffix(literal);
            }
            if offsets.len() % 2 == 0 {
                return self.member();
            }
            let id = self.new_id(first);
            let target = self.member()?;
            return Some(Self::call(id, function, None, &[target]));
        }
        self.member()
    }

    fn negative_literal(&mut self, offset: usize) -> Option<Value> {
        let value = match self.peek()? {
            Tok::Int(n) => json!({ "int64Value": (-n).to_string() }),
            Tok::Double(x) => json!({ "doubleValue": -x }),
            _ => return None,
        };
        self.next += 1;
        let id = self.new_id(offset);
        Some(json!({ "id": id.to_string(), "constExpr": value }))
    }

    fn member(&mut self) -> Option<Value> {
        let primary = self.primary()?;
        self.member_suffix(primary)
    }

    fn member_suffix(&mut self, mut operand: Value) -> Option<Value> {
        loop {
            if let Some(dot) = self.eat(".") {
                let Some((Tok::Ident(field), _)) = self.tokens.get(self.next).cloned() else {
                    return None;
                };
                self.next += 1;
                if let Some(open) = self.eat("(") {
                    if MACROS.contains(&field.as_str()) {
                        return None;
                    }
                    let id = self.new_id(open);
                    let args = self.args(")")?;
                    operand = Self::call(id, &field, Some(operand), &args);
                } else {
                    let id = self.new_id(dot);
                    operand = json!({
                        "id": id.to_string(),
                        "selectExpr": { "operand": operand, "field": field },
                    });
                }
            } else if let Some(open) = self.eat("[") {
                let id = self.new_id(open);
                let index = self.expr()?;
                self.eat("]")?;
                operand = Self::call(id, "_[_]", None, &[operand, index]);
            } else {
                return Some(operand);
            }
        }
    }

    /// Comma-separated expressions up to `close`.
    fn args(&mut self, close: &str) -> Option<Vec<Value>> {
        let mut args = Vec::new();
        if self.eat(close).is_some() {
            return Some(args);
        }
        loop {
            args.push(self.expr()?);
            if self.eat(",").is_none() {
                self.eat(close)?;
                return Some(args);
            }
        }
    }

    fn primary(&mut self) -> Option<Value> {
        let (tok, offset) = self.tokens.get(self.next).cloned()?;
        self.next += 1;
        let constant = |value: Value, parser: &mut Self| {
            let id = parser.new_id(offset);
            Some(json!({ "id": id.to_string(), "constExpr": value }))
        };
        match tok {
            Tok::Str(s) => constant(json!({ "stringValue": s }), self),
            Tok::Int(n) => constant(json!({ "int64Value": n.to_string() }), self),
            Tok::Uint(n) => constant(json!({ "uint64Value": n.to_string() }), self),
            Tok::Double(x) => constant(json!({ "doubleValue": x }), self),
            Tok::Ident(w) if w == "true" || w == "false" => {
                constant(json!({ "boolValue": w == "true" }), self)
            }
            Tok::Ident(w) if w == "null" => constant(json!({ "nullValue": "NULL_VALUE" }), self),
            Tok::Ident(name) => {
                if let Some(open) = self.eat("(") {
                    if MACROS.contains(&name.as_str()) {
                        return None;
                    }
                    let id = self.new_id(open);
                    let args = self.args(")")?;
                    return Some(Self::call(id, &name, None, &args));
                }
                let id = self.new_id(offset);
                Some(json!({ "id": id.to_string(), "identExpr": { "name": name } }))
            }
            Tok::Punct("(") => {
                let inner = self.expr()?;
                self.eat(")")?;
                Some(inner)
            }
            Tok::Punct("[") => {
                let id = self.new_id(offset);
                let elements = self.args("]")?;
                Some(json!({ "id": id.to_string(), "listExpr": { "elements": elements } }))
            }
            Tok::Punct(_) => None,
        }
    }
}

/// The functions cel-go expands as macros.
const MACROS: [&str; 7] = [
    "has",
    "all",
    "exists",
    "exists_one",
    "map",
    "filter",
    "optMap",
];

/// The balanced tree of `terms` joined by the operators `ops` (cel-go's balancer: the middle
/// operator at the root).
fn balance(function: &str, terms: &[Value], ops: &[u64]) -> Value {
    match (terms, ops) {
        ([only], _) => only.clone(),
        (_, []) => terms.first().cloned().unwrap_or_default(),
        _ => {
            let middle = ops.len() / 2;
            let (left_ops, rest) = ops.split_at(middle);
            let (&id, right_ops) = rest.split_first().unwrap_or((&0, &[]));
            let (left_terms, right_terms) = terms.split_at(middle + 1);
            let left = balance(function, left_terms, left_ops);
            let right = balance(function, right_terms, right_ops);
            Parser::call(id, function, None, &[left, right])
        }
    }
}

/// The parsed form of `text` (a `cel.expr.ParsedExpr` in proto3 JSON), `None` when it cannot be
/// parsed or uses what this parser does not support.
pub(crate) fn parse(text: &str) -> Option<Value> {
    let mut parser = Parser {
        tokens: lex(text)?,
        next: 0,
        id: 0,
        positions: BTreeMap::new(),
    };
    let expr = parser.expr()?;
    if parser.next != parser.tokens.len() {
        return None;
    }
    let mut offset = 0;
    let line_offsets: Vec<usize> = text
        .split('\n')
        .map(|line| {
            offset += line.chars().count() + 1;
            offset
        })
        .collect();
    let positions: serde_json::Map<String, Value> = parser
        .positions
        .iter()
        .map(|(id, offset)| (id.to_string(), json!(offset)))
        .collect();
    Some(json!({
        "expr": expr,
        "sourceInfo": {
            "location": "<input>",
            "lineOffsets": line_offsets,
            "positions": positions,
        },
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use serde_json::json;

    use super::parse;

    #[test]
    fn ids_and_positions_follow_the_reference_parser() {
        let parsed = parse("request.path.startsWith('/admin')").unwrap();
        let expr = &parsed["expr"];
        assert_eq!(expr["id"], "3");
        assert_eq!(expr["callExpr"]["function"], "startsWith");
        assert_eq!(expr["callExpr"]["target"]["id"], "2");
        assert_eq!(
            expr["callExpr"]["target"]["selectExpr"]["operand"]["id"],
            "1"
        );
        assert_eq!(expr["callExpr"]["args"][0]["id"], "4");
        let info = &parsed["sourceInfo"];
        assert_eq!(info["lineOffsets"], json!([34]));
        assert_eq!(info["positions"], json!({"1": 0, "2": 7, "3": 23, "4": 24}));
    }

    #[test]
    fn binary_operators_number_the_operator_between_operands() {
        let parsed = parse("request.method == 'POST'").unwrap();
        let call = &parsed["expr"]["callExpr"];
        assert_eq!(parsed["expr"]["id"], "3");
        assert_eq!(call["function"], "_==_");
        assert_eq!(call["args"][1]["constExpr"]["stringValue"], "POST");
        assert_eq!(parsed["sourceInfo"]["positions"]["3"], 15);
    }

    #[test]
    fn logical_operators_number_the_operator_after_both_terms() {
        let parsed = parse("a || b").unwrap();
        assert_eq!(parsed["expr"]["id"], "3");
        assert_eq!(parsed["expr"]["callExpr"]["function"], "_||_");
        let chain = parse("a && b && c").unwrap();
        assert_eq!(chain["expr"]["callExpr"]["function"], "_&&_");
    }

    #[test]
    fn literals_lists_indexes_and_negation() {
        let parsed = parse("!(x[0] in [1, -2, 3u, 1.5, true, null, 'a'])").unwrap();
        assert_eq!(parsed["expr"]["callExpr"]["function"], "!_");
        let inner = &parsed["expr"]["callExpr"]["args"][0]["callExpr"];
        assert_eq!(inner["function"], "@in");
        assert_eq!(inner["args"][0]["callExpr"]["function"], "_[_]");
        let elements = &inner["args"][1]["listExpr"]["elements"];
        assert_eq!(elements[1]["constExpr"]["int64Value"], "-2");
        assert_eq!(elements[2]["constExpr"]["uint64Value"], "3");
    }

    #[test]
    fn macros_and_bad_input_are_not_parsed() {
        assert!(parse("has(request.headers.x)").is_none());
        assert!(parse("request.headers.exists(h, h == 'x')").is_none());
        assert!(parse("a ==").is_none());
        assert!(parse("'unterminated").is_none());
    }
}
