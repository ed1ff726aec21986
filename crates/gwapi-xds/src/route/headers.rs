//! Header additions and removals on routes and weighted clusters.

use envoy_types::pb::envoy::config::core::v3::{
    HeaderValue, HeaderValueOption, header_value_option::HeaderAppendAction,
};
use gwapi_ir::ir::AddHeader;

/// One header option per value of every header of `headers`.
pub(crate) fn options(headers: &[AddHeader]) -> Vec<HeaderValueOption> {
    headers
        .iter()
        .flat_map(|h| {
            let action = if h.add_if_absent {
                HeaderAppendAction::AddIfAbsent
            } else if h.append {
                HeaderAppendAction::AppendIfExistsOrAdd
            } else {
                HeaderAppendAction::OverwriteIfExistsOrAdd
            };
            let values = if h.value.is_empty() {
                vec![String::new()]
            } else {
                h.value.clone()
            };
            values.into_iter().map(move |value| HeaderValueOption {
                keep_empty_value: value.is_empty(),
                header: Some(HeaderValue {
                    key: h.name.clone(),
                    value,
                    ..HeaderValue::default()
                }),
                append_action: action.into(),
                ..HeaderValueOption::default()
            })
        })
        .collect()
}
