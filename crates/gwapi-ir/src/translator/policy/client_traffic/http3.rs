//! `http3`: HTTP/3 (QUIC) on HTTPS listeners. The fleet's infrastructure must also open the UDP port of
//! each listener that serves it.

use std::collections::BTreeMap;

use crate::ir::{Infra, Xds};

/// Marks the infrastructure listener of every HTTP listener that serves HTTP/3.
pub(crate) fn mirror_to_infra(xds: &BTreeMap<String, Xds>, infra: &mut BTreeMap<String, Infra>) {
    for (fleet, x) in xds {
        let Some(proxy) = infra.get_mut(fleet).and_then(|i| i.proxy.as_mut()) else {
            continue;
        };
        for l in x.http.iter().filter(|l| l.http3.is_some()) {
            if let Some(p) = proxy.listeners.iter_mut().find(|p| p.name == l.name) {
                p.http3.clone_from(&l.http3);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use std::collections::BTreeMap;

    use super::mirror_to_infra;
    use crate::ir::{Http3Settings, HttpListener, Infra, ProxyInfra, ProxyListener, Xds};

    #[test]
    fn http3_listeners_open_their_udp_port() {
        let xds = BTreeMap::from([(
            "ns/gw".to_owned(),
            Xds {
                http: vec![HttpListener {
                    name: "ns/gw/https".into(),
                    http3: Some(Http3Settings::default()),
                    ..HttpListener::default()
                }],
                ..Xds::default()
            },
        )]);
        let mut infra = BTreeMap::from([(
            "ns/gw".to_owned(),
            Infra {
                proxy: Some(ProxyInfra {
                    listeners: vec![ProxyListener {
                        name: "ns/gw/https".into(),
                        ..ProxyListener::default()
                    }],
                    ..ProxyInfra::default()
                }),
            },
        )]);
        mirror_to_infra(&xds, &mut infra);
        assert!(
            infra["ns/gw"].proxy.as_ref().unwrap().listeners[0]
                .http3
                .is_some()
        );
    }
}
