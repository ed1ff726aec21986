//! Header additions and removals on routes and weighted clusters.

use envoy_types::pb::envoy::config::common::mutation_rules::v3::{
    HeaderMutation, header_mutation::Action, header_mutation::RemoveOnMatch,
};
use envoy_types::pb::envoy::config::core::v3::{
    HeaderValue, HeaderValueOption, header_value_option::HeaderAppendAction,
};
use gwapi_ir::ir::{AddHeader, StringMatch};

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

/// The header mutations that add `add`, then remove `remove`, then remove the headers whose name matches
/// one of `remove_on_match` (the order Envoy Gateway writes them in).
pub(crate) fn mutations(
    add: &[AddHeader],
    remove: &[String],
    remove_on_match: &[StringMatch],
) -> Vec<HeaderMutation> {
    let additions = options(add).into_iter().map(Action::Append);
    let removals = remove.iter().cloned().map(Action::Remove);
    let on_match = remove_on_match
        .iter()
        .filter_map(crate::route::matching::string_matcher)
        .map(|m| {
            Action::RemoveOnMatch(RemoveOnMatch {
                key_matcher: Some(m),
            })
        });
    additions
        .chain(removals)
        .chain(on_match)
        .map(|action| HeaderMutation {
            action: Some(action),
        })
        .collect()
}
