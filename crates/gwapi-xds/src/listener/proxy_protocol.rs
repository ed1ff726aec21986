//! `envoy.filters.listener.proxy_protocol`: reads the PROXY protocol header clients send
//! (ClientTrafficPolicy `proxyProtocol`).

use envoy_types::pb::envoy::config::listener::v3::{Listener, ListenerFilter, listener_filter};
use envoy_types::pb::envoy::extensions::filters::listener::proxy_protocol::v3::ProxyProtocol;
use gwapi_ir::ir::ProxyProtocolSettings;

use crate::any::pack;

/// The name of the PROXY protocol listener filter.
pub(crate) const PROXY_PROTOCOL: &str = "envoy.filters.listener.proxy_protocol";

/// Puts the PROXY protocol filter first among the listener filters of `listener` (it must read the header
/// before any other filter inspects the connection), unless `settings` is unset or the listener has it.
pub(crate) fn add(listener: &mut Listener, settings: Option<&ProxyProtocolSettings>) {
    let Some(settings) = settings else {
        return;
    };
    if listener
        .listener_filters
        .iter()
        .any(|f| f.name == PROXY_PROTOCOL)
    {
        return;
    }
    let config = ProxyProtocol {
        allow_requests_without_proxy_protocol: settings.optional,
        ..ProxyProtocol::default()
    };
    listener.listener_filters.insert(
        0,
        ListenerFilter {
            name: PROXY_PROTOCOL.to_owned(),
            config_type: Some(listener_filter::ConfigType::TypedConfig(pack(&config))),
            ..ListenerFilter::default()
        },
    );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn goes_first_once() {
        let mut listener = Listener::default();
        crate::listener::tls::add_tls_inspector(&mut listener);
        add(
            &mut listener,
            Some(&ProxyProtocolSettings { optional: true }),
        );
        add(&mut listener, Some(&ProxyProtocolSettings::default()));
        assert_eq!(listener.listener_filters.len(), 2);
        assert_eq!(listener.listener_filters[0].name, PROXY_PROTOCOL);
        let Some(listener_filter::ConfigType::TypedConfig(any)) =
            &listener.listener_filters[0].config_type
        else {
            panic!("no config");
        };
        let config = <ProxyProtocol as prost::Message>::decode(any.value.as_slice()).unwrap();
        assert!(config.allow_requests_without_proxy_protocol);
    }

    #[test]
    fn unset_adds_nothing() {
        let mut listener = Listener::default();
        add(&mut listener, None);
        assert!(listener.listener_filters.is_empty());
    }
}
