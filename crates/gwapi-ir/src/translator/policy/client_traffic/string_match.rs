//! Envoy Gateway `StringMatch`es (type + value) as IR string matches.

use gwapi_model::envoy_gateway::{StringMatch, StringMatchType};

use crate::ir::{MatchPattern, StringMatch as IrStringMatch};

/// The IR match of `m`, named `name` (`Exact` when no type is given); `None` for an unknown type.
pub(crate) fn convert(name: &str, m: &StringMatch) -> Option<IrStringMatch> {
    let value = m.value.clone();
    let pattern = match &m.type_ {
        None | Some(StringMatchType::Exact) => MatchPattern::Exact(value),
        Some(StringMatchType::Prefix) => MatchPattern::Prefix(value),
        Some(StringMatchType::Suffix) => MatchPattern::Suffix(value),
        Some(StringMatchType::RegularExpression) => MatchPattern::SafeRegex(value),
        Some(StringMatchType::Unknown(_)) => return None,
    };
    Some(IrStringMatch {
        name: name.to_owned(),
        ..IrStringMatch::new(pattern)
    })
}

/// The unnamed IR matches of `list`, in order.
pub(crate) fn convert_all(list: &[StringMatch]) -> Vec<IrStringMatch> {
    list.iter().filter_map(|m| convert("", m)).collect()
}
