//! HTTP (not HTTPS) listeners that share a port share one Envoy listener, so one policy cannot apply
//! to some of them only: a policy on a section, or on a Gateway or ListenerSet whose listeners share the
//! port with another parent's, is invalid there.

use crate::ir::Xds;
use crate::translator::policy::scope::ListenerRef;

/// The parent of an IR listener name (`ns/gateway` or `ns/gateway/ns/listenerset`).
fn parent(name: &str) -> &str {
    name.rsplit_once('/').map_or(name, |(p, _)| p)
}

/// Why the policy cannot apply to `l` (attached to its whole parent when `whole_parent`), if it cannot.
pub(crate) fn check(xds: &Xds, l: &ListenerRef, whole_parent: bool) -> Option<String> {
    let own = xds
        .http
        .iter()
        .find(|h| h.name == l.listener && h.tls.is_none())?;
    let shared: Vec<&str> = xds
        .http
        .iter()
        .filter(|h| h.name != own.name && h.port == own.port && h.tls.is_none())
        .map(|h| h.name.as_str())
        .filter(|name| !whole_parent || parent(name) != parent(&own.name))
        .collect();
    (!shared.is_empty()).then(|| {
        format!(
            "ClientTrafficPolicy is being applied to multiple http (non https) listeners ({}) on \
             the same port, which is not allowed",
            shared.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::gateway_api::ParentReference;

    use super::check;
    use crate::ir::{HttpListener, Xds};
    use crate::translator::policy::scope::ListenerRef;

    fn listener(name: &str, port: u32) -> HttpListener {
        HttpListener {
            name: name.to_owned(),
            port,
            ..HttpListener::default()
        }
    }

    #[test]
    fn shared_ports_conflict_across_parents_only() {
        let xds = Xds {
            http: vec![
                listener("ns/gw/a", 8080),
                listener("ns/gw/b", 8080),
                listener("ns/gw/ns/ls/c", 8080),
                listener("ns/gw/d", 9090),
            ],
            ..Xds::default()
        };
        let l = ListenerRef {
            fleet: "ns/gw".into(),
            listener: "ns/gw/a".into(),
            ancestor: ParentReference::default(),
        };
        assert_eq!(
            check(&xds, &l, true).unwrap(),
            "ClientTrafficPolicy is being applied to multiple http (non https) listeners \
             (ns/gw/ns/ls/c) on the same port, which is not allowed"
        );
        assert!(
            check(&xds, &l, false)
                .unwrap()
                .contains("(ns/gw/b, ns/gw/ns/ls/c)")
        );
    }
}
