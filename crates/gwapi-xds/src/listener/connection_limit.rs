//! `envoy.filters.network.connection_limit`: caps the concurrent connections of a filter chain
//! (ClientTrafficPolicy `connection.connectionLimit`).

use envoy_types::pb::envoy::config::listener::v3::{Filter, filter};
use envoy_types::pb::envoy::extensions::filters::network::connection_limit::v3::ConnectionLimit;
use envoy_types::pb::google::protobuf::UInt64Value;
use gwapi_ir::ir::ClientConnection;

use crate::any::pack;
use crate::wkt::duration;

/// The name of the connection limit network filter.
pub(crate) const CONNECTION_LIMIT: &str = "envoy.filters.network.connection_limit";

/// The connection limit filter of a chain with stats under `stat_prefix`, if `connection` limits the
/// number of connections.
pub(crate) fn filter(stat_prefix: &str, connection: Option<&ClientConnection>) -> Option<Filter> {
    let limit = connection?.limit.as_ref()?;
    let max = limit.value?;
    let config = ConnectionLimit {
        stat_prefix: stat_prefix.to_owned(),
        max_connections: Some(UInt64Value { value: max }),
        delay: limit.close_delay.as_ref().map(duration),
        ..ConnectionLimit::default()
    };
    Some(Filter {
        name: CONNECTION_LIMIT.to_owned(),
        config_type: Some(filter::ConfigType::TypedConfig(pack(&config))),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use gwapi_ir::ir::ConnectionLimit as IrLimit;

    #[test]
    fn limit_and_delay() {
        let connection: ClientConnection =
            serde_json::from_str(r#"{"limit": {"value": 7, "closeDelay": "3s"}}"#).unwrap();
        let f = filter("tcp-1", Some(&connection)).unwrap();
        let Some(filter::ConfigType::TypedConfig(any)) = &f.config_type else {
            panic!("no config");
        };
        let config = <ConnectionLimit as prost::Message>::decode(any.value.as_slice()).unwrap();
        assert_eq!(config.stat_prefix, "tcp-1");
        assert_eq!(config.max_connections, Some(UInt64Value { value: 7 }));
        assert_eq!(config.delay.unwrap().seconds, 3);
    }

    #[test]
    fn no_value_no_filter() {
        let connection = ClientConnection {
            limit: Some(IrLimit::default()),
            ..ClientConnection::default()
        };
        assert!(filter("tcp-1", Some(&connection)).is_none());
        assert!(filter("tcp-1", None).is_none());
    }
}
