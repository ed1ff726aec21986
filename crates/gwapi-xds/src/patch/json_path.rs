//! The JSONPath expressions of EnvoyPatchPolicy (`jsonPath`): evaluated on a resource's JSON form, they give
//! the JSON pointers the patch operation is applied at. The subset users write: an optional `$`, child names
//! (`.name`, `['name']`, or a bare name first), recursive descent (`..name`), indices (`[0]`), wildcards
//! (`[*]`, `.*`) and filters on a child's value (`[?(@.name=='x')]`, `!=`, `=~` for a regex, `<`, `<=`, `>`,
//! `>=`, or `[?(@.name)]` for presence).

use serde_json::Value;

/// One step of a parsed expression.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    /// The child of this name.
    Child(String),
    /// Every child.
    Wildcard,
    /// The array item at this index (negative from the end).
    Index(i64),
    /// The node and all its descendants.
    Descendants,
    /// The children that pass the filter.
    Filter(Filter),
}

/// `@.path op literal`, or `@.path` alone (presence).
#[derive(Clone, Debug, PartialEq)]
struct Filter {
    path: Vec<String>,
    test: Option<(Comparison, Value)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Comparison {
    Eq,
    Ne,
    Match,
    Lt,
    Le,
    Gt,
    Ge,
}

/// The JSON pointers of the nodes of `doc` that `expression` selects, in document order.
///
/// # Errors
/// When the expression cannot be parsed.
pub(crate) fn pointers(doc: &Value, expression: &str) -> Result<Vec<String>, String> {
    let steps = parse(expression)?;
    let mut nodes: Vec<(String, &Value)> = vec![(String::new(), doc)];
    for step in &steps {
        let mut next = Vec::new();
        for (pointer, node) in nodes {
            select(step, &pointer, node, &mut next)?;
        }
        nodes = next;
    }
    let mut out: Vec<String> = Vec::new();
    for (pointer, _) in nodes {
        if !out.contains(&pointer) {
            out.push(pointer);
        }
    }
    Ok(out)
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn select<'v>(
    step: &Step,
    pointer: &str,
    node: &'v Value,
    out: &mut Vec<(String, &'v Value)>,
) -> Result<(), String> {
    match (step, node) {
        (Step::Child(name), Value::Object(map)) => {
            if let Some(v) = map.get(name) {
                out.push((format!("{pointer}/{}", escape(name)), v));
            }
        }
        (Step::Wildcard, Value::Object(map)) => {
            for (k, v) in map {
                out.push((format!("{pointer}/{}", escape(k)), v));
            }
        }
        (Step::Wildcard, Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                out.push((format!("{pointer}/{i}"), v));
            }
        }
        (Step::Index(i), Value::Array(items)) => {
            let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
            let at = if *i < 0 { len + i } else { *i };
            if let Some(v) = usize::try_from(at).ok().and_then(|at| items.get(at)) {
                out.push((format!("{pointer}/{at}"), v));
            }
        }
        (Step::Descendants, _) => descendants(pointer, node, out),
        (Step::Filter(filter), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                if filter.accepts(v)? {
                    out.push((format!("{pointer}/{i}"), v));
                }
            }
        }
        (Step::Filter(filter), Value::Object(map)) => {
            for (k, v) in map {
                if filter.accepts(v)? {
                    out.push((format!("{pointer}/{}", escape(k)), v));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn descendants<'v>(pointer: &str, node: &'v Value, out: &mut Vec<(String, &'v Value)>) {
    out.push((pointer.to_owned(), node));
    match node {
        Value::Object(map) => {
            for (k, v) in map {
                descendants(&format!("{pointer}/{}", escape(k)), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                descendants(&format!("{pointer}/{i}"), v, out);
            }
        }
        _ => {}
    }
}

impl Filter {
    fn accepts(&self, item: &Value) -> Result<bool, String> {
        let mut here = Some(item);
        for key in &self.path {
            here = here.and_then(|v| v.get(key.as_str()));
        }
        let Some((comparison, literal)) = &self.test else {
            return Ok(here.is_some());
        };
        let Some(found) = here else {
            return Ok(*comparison == Comparison::Ne);
        };
        Ok(match comparison {
            Comparison::Eq => found == literal,
            Comparison::Ne => found != literal,
            Comparison::Match => {
                let pattern = literal.as_str().unwrap_or_default();
                let re = regex::Regex::new(pattern)
                    .map_err(|e| format!("invalid regular expression {pattern:?}: {e}"))?;
                found.as_str().is_some_and(|s| re.is_match(s))
            }
            Comparison::Lt | Comparison::Le | Comparison::Gt | Comparison::Ge => {
                match (found.as_f64(), literal.as_f64()) {
                    (Some(a), Some(b)) => match comparison {
                        Comparison::Lt => a < b,
                        Comparison::Le => a <= b,
                        Comparison::Gt => a > b,
                        _ => a >= b,
                    },
                    _ => false,
                }
            }
        })
    }
}

/// Parses an expression into steps.
fn parse(expression: &str) -> Result<Vec<Step>, String> {
    let invalid = |why: &str| format!("invalid jsonPath {expression:?}: {why}");
    let mut rest = expression.trim();
    rest = rest.strip_prefix('$').unwrap_or(rest);
    let mut steps = Vec::new();
    if !rest.is_empty() && !rest.starts_with(['.', '[']) {
        let (name, tail) = split_name(rest);
        steps.push(Step::Child(name.to_owned()));
        rest = tail;
    }
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix("..") {
            steps.push(Step::Descendants);
            rest = tail;
            if rest.starts_with('[') {
                continue;
            }
            let (name, tail) = split_name(rest);
            if name.is_empty() {
                return Err(invalid("a name must follow '..'"));
            }
            steps.push(name_step(name));
            rest = tail;
        } else if let Some(tail) = rest.strip_prefix('.') {
            let (name, tail) = split_name(tail);
            if name.is_empty() {
                return Err(invalid("a name must follow '.'"));
            }
            steps.push(name_step(name));
            rest = tail;
        } else if let Some(tail) = rest.strip_prefix('[') {
            let end = closing_bracket(tail).ok_or_else(|| invalid("unclosed '['"))?;
            let (inside, tail) = tail.split_at(end);
            steps.push(bracket(inside.trim()).map_err(|e| invalid(&e))?);
            rest = tail.get(1..).unwrap_or_default();
        } else {
            return Err(invalid(&format!("unexpected {rest:?}")));
        }
    }
    Ok(steps)
}

fn name_step(name: &str) -> Step {
    if name == "*" {
        Step::Wildcard
    } else {
        Step::Child(name.to_owned())
    }
}

/// A name up to the next `.` or `[`, and the rest.
fn split_name(text: &str) -> (&str, &str) {
    let end = text.find(['.', '[']).unwrap_or(text.len());
    text.split_at(end)
}

/// The position of the `]` closing a bracket whose content starts `text` (quotes and parentheses nest).
fn closing_bracket(text: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, ']') if depth == 0 => return Some(i),
            (None, ']') => depth -= 1,
            (Some(_) | None, _) => {}
        }
    }
    None
}

fn bracket(inside: &str) -> Result<Step, String> {
    if inside == "*" {
        return Ok(Step::Wildcard);
    }
    if let Some(filter) = inside.strip_prefix('?') {
        let filter = filter.trim();
        let filter = filter
            .strip_prefix('(')
            .and_then(|f| f.strip_suffix(')'))
            .unwrap_or(filter);
        return parse_filter(filter.trim()).map(Step::Filter);
    }
    if let Some(name) = unquote(inside) {
        return Ok(Step::Child(name));
    }
    inside
        .parse::<i64>()
        .map(Step::Index)
        .map_err(|_| format!("unsupported selector [{inside}]"))
}

fn unquote(text: &str) -> Option<String> {
    let quoted = (text.starts_with('\'') && text.ends_with('\''))
        || (text.starts_with('"') && text.ends_with('"'));
    (quoted && text.len() >= 2).then(|| text.get(1..text.len() - 1).unwrap_or_default().to_owned())
}

fn parse_filter(text: &str) -> Result<Filter, String> {
    const OPERATORS: [(&str, Comparison); 7] = [
        ("==", Comparison::Eq),
        ("!=", Comparison::Ne),
        ("=~", Comparison::Match),
        ("<=", Comparison::Le),
        (">=", Comparison::Ge),
        ("<", Comparison::Lt),
        (">", Comparison::Gt),
    ];
    let found = OPERATORS
        .iter()
        .filter_map(|(op, c)| text.find(op).map(|at| (at, *op, *c)))
        .min_by_key(|(at, op, _)| (*at, std::cmp::Reverse(op.len())));
    let (left, comparison) = match found {
        Some((at, op, comparison)) => {
            let right = text.get(at + op.len()..).unwrap_or_default().trim();
            let literal = unquote(right).map_or_else(
                || serde_json::from_str(right).map_err(|_| format!("unsupported value {right}")),
                |s| Ok(Value::String(s)),
            )?;
            (
                text.get(..at).unwrap_or_default().trim(),
                Some((comparison, literal)),
            )
        }
        None => (text, None),
    };
    let path = left
        .strip_prefix('@')
        .ok_or_else(|| format!("unsupported filter {text}"))?;
    let path = path
        .split('.')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    Ok(Filter {
        path,
        test: comparison,
    })
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use serde_json::json;

    use super::pointers;

    #[test]
    fn children_indices_and_bare_names() {
        let doc = json!({"a": [{"b": 1}, {"b": 2}]});
        assert_eq!(pointers(&doc, "$.a[1].b").unwrap(), ["/a/1/b"]);
        assert_eq!(pointers(&doc, "a[0]").unwrap(), ["/a/0"]);
        assert_eq!(pointers(&doc, "a[*].b").unwrap(), ["/a/0/b", "/a/1/b"]);
        assert_eq!(pointers(&doc, "a[-1]").unwrap(), ["/a/1"]);
        assert!(pointers(&doc, "..missing").unwrap().is_empty());
    }

    #[test]
    fn recursive_descent_and_filters() {
        let doc = json!({"v": [{"routes": [{"name": "r-1"}, {"name": "x"}, {"name": "r-10"}]}]});
        assert_eq!(
            pointers(&doc, "..routes[?(@.name=='x')]").unwrap(),
            ["/v/0/routes/1"]
        );
        assert_eq!(
            pointers(&doc, r#"..routes[?(@.name=~"r-1")]"#).unwrap(),
            ["/v/0/routes/0", "/v/0/routes/2"]
        );
        assert_eq!(pointers(&doc, "..name").unwrap().len(), 3);
    }
}
