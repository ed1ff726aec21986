//! What the filters share: building an `HttpFilter`, enabling a filter on one route, and putting the
//! instances of a filter type configured per policy in chain order.

use envoy_types::pb::envoy::config::route::v3::FilterConfig;
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpFilter, http_filter::ConfigType,
};
use envoy_types::pb::google::protobuf::Any;

use crate::any::pack;

/// An HTTP filter named `name` configured by `config`; `disabled` filters only run on the routes that
/// enable them through their per-filter configuration.
pub(super) fn filter(name: impl Into<String>, config: Any, disabled: bool) -> HttpFilter {
    HttpFilter {
        name: name.into(),
        config_type: Some(ConfigType::TypedConfig(config)),
        disabled,
        ..HttpFilter::default()
    }
}

/// The per-route configuration that turns on a filter disabled on the listener, keeping the
/// listener's configuration.
pub(super) fn enabled() -> Any {
    pack(&FilterConfig {
        config: Some(Any::default()),
        ..FilterConfig::default()
    })
}

/// The instance index that ends a filter name (`.../lua/1` -> 1), 0 when there is none.
pub(super) fn instance_index(name: &str) -> u64 {
    name.rsplit('/')
        .next()
        .and_then(|last| last.parse().ok())
        .unwrap_or(0)
}

/// The distinct instances of `items` (first one of each name kept), in chain order: by the index that
/// ends their name, then by name.
pub(super) fn instances<T>(items: impl IntoIterator<Item = (String, T)>) -> Vec<(String, T)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<(String, T)> = items
        .into_iter()
        .filter(|(name, _)| seen.insert(name.clone()))
        .collect();
    out.sort_by(|(a, _), (b, _)| {
        instance_index(a)
            .cmp(&instance_index(b))
            .then_with(|| a.cmp(b))
    });
    out
}
