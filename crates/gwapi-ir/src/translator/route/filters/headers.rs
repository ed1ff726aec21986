//! RequestHeaderModifier and ResponseHeaderModifier: headers to add (appending), set (replacing) and remove;
//! duplicates (case-insensitive) are dropped, the first one wins.

use gwapi_model::gateway_api::{HttpHeader, HttpHeaderFilter};

use crate::ir::{AddHeader, HttpRoute};
use crate::translator::route::NotAccepted;

/// Which headers a modifier changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeaderTarget {
    /// Request headers.
    Request,
    /// Response headers.
    Response,
}

impl HeaderTarget {
    fn filter_name(self) -> &'static str {
        match self {
            Self::Request => "RequestHeaderModifier",
            Self::Response => "ResponseHeaderModifier",
        }
    }
}

fn unsupported(message: String) -> NotAccepted {
    NotAccepted {
        reason: "UnsupportedValue",
        message,
    }
}

/// Applies one header modifier to `out`; returns the problems found.
pub(crate) fn apply(
    filter: &HttpHeaderFilter,
    target: HeaderTarget,
    out: &mut HttpRoute,
) -> Vec<NotAccepted> {
    let name = target.filter_name();
    let (adds, removes) = match target {
        HeaderTarget::Request => (
            &mut out.add_request_headers,
            &mut out.remove_request_headers,
        ),
        HeaderTarget::Response => (
            &mut out.add_response_headers,
            &mut out.remove_response_headers,
        ),
    };
    let mut errors = Vec::new();
    let empty = filter.add.is_empty() && filter.set.is_empty() && filter.remove.is_empty();
    for (header, append) in filter
        .add
        .iter()
        .map(|h| (h, true))
        .chain(filter.set.iter().map(|h| (h, false)))
    {
        if let Err(e) = add_header(name, header, append, adds) {
            errors.push(e);
        }
    }
    for header in &filter.remove {
        if header.is_empty() {
            errors.push(unsupported(format!(
                "{name} Filter cannot remove a header with an empty name"
            )));
            continue;
        }
        if !removes.iter().any(|h| h.eq_ignore_ascii_case(header)) {
            removes.push(header.clone());
        }
    }
    if adds.is_empty() && removes.is_empty() && !empty {
        errors.push(unsupported(format!(
            "{name} Filter did not provide valid configuration to add/remove any headers"
        )));
    }
    errors
}

fn add_header(
    name: &str,
    header: &HttpHeader,
    append: bool,
    adds: &mut Vec<AddHeader>,
) -> Result<(), NotAccepted> {
    let verb = if append { "add" } else { "set" };
    if header.name.is_empty() {
        return Err(unsupported(format!(
            "{name} Filter cannot {verb} a header with an empty name"
        )));
    }
    if header.name.contains('/') || header.name.contains(':') {
        // Not a valid header name: skipped (the filter reports when nothing valid is left).
        return Ok(());
    }
    if header.value.is_empty() || header.value.contains(['\r', '\n']) {
        return Err(unsupported(format!(
            "Header: {:?}. {name} Filter cannot {verb} a header with an invalid value.",
            header.name
        )));
    }
    if adds
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case(&header.name))
    {
        return Ok(());
    }
    adds.push(AddHeader {
        name: header.name.clone(),
        value: header.value.split(',').map(str::to_owned).collect(),
        append,
        add_if_absent: false,
    });
    Ok(())
}
