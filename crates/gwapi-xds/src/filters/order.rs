//! The EnvoyProxy `filterOrder`: filters moved before or after another filter type, after the default
//! order of [`super::FilterKind`].

use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use gwapi_ir::ir::FilterPosition;

/// Whether `filter` is of the filter type `kind` (`envoy.filters.http.wasm` covers every
/// `envoy.filters.http.wasm/...` instance).
fn is_kind(filter: &HttpFilter, kind: &str) -> bool {
    filter
        .name
        .strip_prefix(kind)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/') || rest.starts_with('.'))
}

/// Applies every position of `positions` in turn; a position whose filters or anchor are absent
/// changes nothing.
pub(super) fn apply(filters: &mut Vec<HttpFilter>, positions: &[FilterPosition]) {
    for position in positions {
        let (anchor, after) = match (&position.before, &position.after) {
            (Some(before), _) => (before.as_str(), false),
            (None, Some(after)) => (after.as_str(), true),
            (None, None) => continue,
        };
        if anchor == position.name {
            continue;
        }
        let has_moved = filters.iter().any(|f| is_kind(f, &position.name));
        let has_anchor = filters
            .iter()
            .any(|f| is_kind(f, anchor) && !is_kind(f, &position.name));
        if !has_moved || !has_anchor {
            continue;
        }
        let (moved, mut rest): (Vec<_>, Vec<_>) = std::mem::take(filters)
            .into_iter()
            .partition(|f| is_kind(f, &position.name));
        let index = if after {
            rest.iter().rposition(|f| is_kind(f, anchor)).map(|i| i + 1)
        } else {
            rest.iter().position(|f| is_kind(f, anchor))
        }
        .unwrap_or(rest.len());
        let tail = rest.split_off(index);
        rest.extend(moved);
        rest.extend(tail);
        *filters = rest;
    }
}
