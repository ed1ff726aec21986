//! `headers.earlyRequestHeaders` and `headers.lateResponseHeaders`: headers added, set, added when
//! absent and removed before any other filter sees the request (or after every filter saw the
//! response). Invalid entries are skipped and reported; the valid rest still applies.

use gwapi_model::envoy_gateway::EgHttpHeaderFilter;
use gwapi_model::gateway_api::HttpHeader;

use super::string_match;
use crate::ir::{AddHeader, StringMatch};

/// The headers one filter adds and removes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct HeaderMutation {
    /// Headers added, set or added when absent, in that order.
    pub add: Vec<AddHeader>,
    /// Header names removed.
    pub remove: Vec<String>,
    /// Headers removed when their value matches.
    pub remove_on_match: Vec<StringMatch>,
}

/// How an added header combines with the request's own.
#[derive(Clone, Copy)]
enum Mode {
    Add,
    Set,
    AddIfAbsent,
}

impl Mode {
    fn verb(self) -> &'static str {
        match self {
            Self::Add => "add",
            Self::Set => "set",
            Self::AddIfAbsent => "addIfAbsent",
        }
    }
}

/// Whether a header value cannot be sent as is (line breaks, NUL, surrounding white space).
fn invalid_value(value: &str) -> bool {
    value.contains(['\r', '\n', '\0']) || value.trim_matches([' ', '\t']) != value
}

/// Adds the valid headers of `list` to `out`; the problems, prefixed with `field`, to `errors`.
fn add_headers(
    field: &str,
    mode: Mode,
    list: &[HttpHeader],
    out: &mut Vec<AddHeader>,
    errors: &mut Vec<String>,
) {
    let verb = mode.verb();
    for h in list {
        if h.name.is_empty() {
            errors.push(format!("{field} cannot {verb} a header with an empty name"));
            continue;
        }
        if h.name.contains(['/', ':']) {
            errors.push(format!(
                "{field} cannot {verb} a header with a '/' or ':' character in them. Header: '{:?}'",
                h.name
            ));
            continue;
        }
        if invalid_value(&h.value) {
            errors.push(format!(
                "{field} cannot {verb} a header with an invalid value. Header: '{:?}'",
                h.name
            ));
            continue;
        }
        if out.iter().any(|a| a.name.eq_ignore_ascii_case(&h.name)) {
            continue;
        }
        out.push(AddHeader {
            name: h.name.clone(),
            value: vec![h.value.clone()],
            append: matches!(mode, Mode::Add),
            add_if_absent: matches!(mode, Mode::AddIfAbsent),
        });
    }
}

/// The mutation of one filter (`field` names it in messages), and its problems.
pub(crate) fn convert(
    field: &str,
    filter: Option<&EgHttpHeaderFilter>,
) -> (HeaderMutation, Vec<String>) {
    let mut out = HeaderMutation::default();
    let mut errors = Vec::new();
    let Some(f) = filter else {
        return (out, errors);
    };
    add_headers(field, Mode::Add, &f.add, &mut out.add, &mut errors);
    add_headers(field, Mode::Set, &f.set, &mut out.add, &mut errors);
    add_headers(
        field,
        Mode::AddIfAbsent,
        &f.add_if_absent,
        &mut out.add,
        &mut errors,
    );
    for name in &f.remove {
        if name.is_empty() {
            errors.push(format!("{field} cannot remove a header with an empty name"));
        } else if !out.remove.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            out.remove.push(name.clone());
        }
    }
    out.remove_on_match = string_match::convert_all(&f.remove_on_match);
    let configured = !(f.add.is_empty()
        && f.set.is_empty()
        && f.add_if_absent.is_empty()
        && f.remove.is_empty());
    if configured && out.add.is_empty() && out.remove.is_empty() && out.remove_on_match.is_empty() {
        errors.push(format!(
            "{field} did not provide valid configuration to add/set/remove any headers"
        ));
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::EgHttpHeaderFilter;
    use gwapi_model::gateway_api::HttpHeader;

    use super::convert;

    fn header(name: &str, value: &str) -> HttpHeader {
        HttpHeader {
            name: name.to_owned(),
            value: value.to_owned(),
        }
    }

    #[test]
    fn duplicates_are_dropped_and_modes_kept() {
        let filter = EgHttpHeaderFilter {
            add: vec![header("a", "1"), header("A", "2")],
            set: vec![header("b", "3")],
            add_if_absent: vec![header("c", "4")],
            remove: vec!["d".into(), "d".into()],
            ..EgHttpHeaderFilter::default()
        };
        let (m, errors) = convert("EarlyRequestHeaders", Some(&filter));
        assert!(errors.is_empty());
        let names: Vec<_> = m
            .add
            .iter()
            .map(|h| (h.name.as_str(), h.append, h.add_if_absent))
            .collect();
        assert_eq!(
            names,
            [("a", true, false), ("b", false, false), ("c", false, true)]
        );
        assert_eq!(m.remove, ["d"]);
    }

    #[test]
    fn invalid_entries_are_reported() {
        let filter = EgHttpHeaderFilter {
            add: vec![header("", "x"), header("a/b", "x"), header("c", "v\n")],
            remove: vec![String::new()],
            ..EgHttpHeaderFilter::default()
        };
        let (m, errors) = convert("LateResponseHeaders", Some(&filter));
        assert!(m.add.is_empty());
        assert_eq!(errors.len(), 5);
        assert_eq!(
            errors[1],
            "LateResponseHeaders cannot add a header with a '/' or ':' character in them. Header: '\"a/b\"'"
        );
        assert!(
            errors[4]
                .ends_with("did not provide valid configuration to add/set/remove any headers")
        );
    }
}
