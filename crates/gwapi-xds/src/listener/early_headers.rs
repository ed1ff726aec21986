//! Early header mutation of an HTTP connection manager: request headers added or removed before route
//! selection and before any HTTP filter (ClientTrafficPolicy `headers.earlyRequestHeaders`).

use envoy_types::pb::envoy::config::core::v3::TypedExtensionConfig;
use envoy_types::pb::envoy::extensions::http::early_header_mutation::header_mutation::v3::HeaderMutation;
use gwapi_ir::ir::HeaderSettings;

use crate::any::pack;
use crate::route::headers::mutations;

/// The name of the early header mutation extension.
pub(crate) const EARLY_HEADER_MUTATION: &str = "envoy.http.early_header_mutation.header_mutation";

/// The early header mutation extensions of a listener with `headers`: none when it changes no request
/// header early, otherwise one holding the additions, then the removals, then the removals on match.
pub(crate) fn extensions(headers: Option<&HeaderSettings>) -> Vec<TypedExtensionConfig> {
    let Some(headers) = headers else {
        return Vec::new();
    };
    let mutations = mutations(
        &headers.early_add_request_headers,
        &headers.early_remove_request_headers,
        &headers.early_remove_request_headers_on_match,
    );
    if mutations.is_empty() {
        return Vec::new();
    }
    vec![TypedExtensionConfig {
        name: EARLY_HEADER_MUTATION.to_owned(),
        typed_config: Some(pack(&HeaderMutation { mutations })),
    }]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use envoy_types::pb::envoy::config::common::mutation_rules::v3::header_mutation::Action;

    #[test]
    fn additions_then_removals() {
        let headers: HeaderSettings = serde_json::from_str(
            r#"{"earlyAddRequestHeaders": [{"name": "a", "value": ["1"], "addIfAbsent": true}],
                "earlyRemoveRequestHeaders": ["b"],
                "earlyRemoveRequestHeadersOnMatch": [{"name": "", "prefix": "c-"}]}"#,
        )
        .unwrap();
        let ext = extensions(Some(&headers));
        assert_eq!(ext.len(), 1);
        assert_eq!(ext[0].name, EARLY_HEADER_MUTATION);
        let config: HeaderMutation =
            prost::Message::decode(ext[0].typed_config.as_ref().unwrap().value.as_slice()).unwrap();
        assert_eq!(config.mutations.len(), 3);
        assert!(matches!(
            config.mutations[0].action,
            Some(Action::Append(_))
        ));
        assert_eq!(
            config.mutations[1].action,
            Some(Action::Remove("b".to_owned()))
        );
        assert!(matches!(
            config.mutations[2].action,
            Some(Action::RemoveOnMatch(_))
        ));
    }

    #[test]
    fn nothing_early_no_extension() {
        assert!(extensions(None).is_empty());
        let late: HeaderSettings =
            serde_json::from_str(r#"{"lateRemoveResponseHeaders": ["x"]}"#).unwrap();
        assert!(extensions(Some(&late)).is_empty());
    }
}
