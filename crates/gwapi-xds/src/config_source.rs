//! The `ConfigSource` every dynamic resource is fetched through: ADS, API v3.

use envoy_types::pb::envoy::config::core::v3::{
    AggregatedConfigSource, ApiVersion, ConfigSource, config_source::ConfigSourceSpecifier,
};
use envoy_types::pb::google::protobuf::Duration;

/// ADS, v3, and (when `wait_forever`) an initial fetch timeout of zero.
pub(crate) fn ads(wait_forever: bool) -> ConfigSource {
    ConfigSource {
        resource_api_version: ApiVersion::V3.into(),
        config_source_specifier: Some(ConfigSourceSpecifier::Ads(AggregatedConfigSource {})),
        initial_fetch_timeout: wait_forever.then_some(Duration {
            seconds: 0,
            nanos: 0,
        }),
        ..ConfigSource::default()
    }
}
