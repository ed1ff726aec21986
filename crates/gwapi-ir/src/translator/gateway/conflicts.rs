//! Conflicts between the listeners of a Gateway: the same port and hostname, incompatible protocols on one
//! port, more than one TCP or UDP listener on a port.

use std::collections::BTreeMap;

use gwapi_model::gateway_api::ProtocolType;

use super::GatewayCtx;
use crate::translator::conditions::{ok, set_condition, types};

/// The family of protocols that can share a port.
fn family(protocol: &ProtocolType) -> Option<&'static str> {
    match protocol {
        ProtocolType::Http | ProtocolType::Https | ProtocolType::Tls => Some("L7"),
        ProtocolType::Tcp => Some("TCP"),
        ProtocolType::Udp => Some("UDP"),
        ProtocolType::Unknown(_) => None,
    }
}

/// Sets `Conflicted` on every listener that conflicts with another of its Gateway.
pub(super) fn check(gateways: &mut [GatewayCtx<'_>]) {
    for gateway in gateways {
        let names: Vec<String> = gateway
            .listeners
            .iter()
            .map(|l| gateway.listener_ir_name(&l.listener.name))
            .collect();
        // Listeners already invalid take no part in conflicts; on a shared port they are still accepted.
        let mut by_port: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        let mut shared: BTreeMap<i32, usize> = BTreeMap::new();
        for (i, l) in gateway.listeners.iter().enumerate() {
            *shared.entry(l.listener.port).or_default() += 1;
            if l.is_valid() {
                by_port.entry(l.listener.port).or_default().push(i);
            }
        }
        for l in &mut gateway.listeners {
            let on_shared_port = shared.get(&l.listener.port).is_some_and(|n| *n > 1);
            if on_shared_port
                && !l.is_valid()
                && !l.conditions.iter().any(|c| c.type_ == types::ACCEPTED)
            {
                l.conditions.push(ok(
                    types::ACCEPTED,
                    "Accepted",
                    crate::translator::conditions::listener::ACCEPTED,
                ));
            }
        }
        for indexes in by_port.values() {
            let mut conflicts: Vec<(usize, &'static str, String)> = Vec::new();
            let l7: Vec<usize> = indexes
                .iter()
                .copied()
                .filter(|i| family_of(gateway, *i) == Some("L7"))
                .collect();
            let tcp = of_family(gateway, indexes, "TCP");
            let udp = of_family(gateway, indexes, "UDP");
            let mut by_host: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for i in &l7 {
                if let Some(l) = gateway.listeners.get(*i) {
                    by_host.entry(l.hostname()).or_default().push(*i);
                }
            }
            for same in by_host.values().filter(|v| v.len() > 1) {
                let list = same
                    .iter()
                    .filter_map(|i| names.get(*i).cloned())
                    .collect::<Vec<_>>()
                    .join(", ");
                let message = format!(
                    "All listeners for a given port must use a unique hostname, conflicting listeners: {list}"
                );
                conflicts.extend(
                    same.iter()
                        .map(|i| (*i, "HostnameConflict", message.clone())),
                );
            }
            if !l7.is_empty() && !tcp.is_empty() {
                let all: Vec<usize> = l7.iter().chain(&tcp).copied().collect();
                let list = all
                    .iter()
                    .filter_map(|i| names.get(*i).cloned())
                    .collect::<Vec<_>>()
                    .join(", ");
                let message = format!(
                    "All listeners for a given port must use a compatible protocol, conflicting listeners: {list}"
                );
                conflicts.extend(
                    all.iter()
                        .map(|i| (*i, "ProtocolConflict", message.clone())),
                );
            } else if tcp.len() > 1 {
                let message = "Only one TCP listener is allowed in a given port".to_owned();
                conflicts.extend(
                    tcp.iter()
                        .map(|i| (*i, "ProtocolConflict", message.clone())),
                );
            }
            if udp.len() > 1 {
                let message = "Only one UDP listener is allowed in a given port".to_owned();
                conflicts.extend(
                    udp.iter()
                        .map(|i| (*i, "ProtocolConflict", message.clone())),
                );
            }
            for (i, reason, message) in conflicts {
                if let Some(l) = gateway.listeners.get_mut(i) {
                    set_condition(&mut l.conditions, ok(types::CONFLICTED, reason, &message));
                }
            }
        }
    }
}

fn family_of(gateway: &GatewayCtx<'_>, i: usize) -> Option<&'static str> {
    gateway
        .listeners
        .get(i)
        .and_then(|l| family(&l.listener.protocol))
}

fn of_family(gateway: &GatewayCtx<'_>, indexes: &[usize], f: &str) -> Vec<usize> {
    indexes
        .iter()
        .copied()
        .filter(|i| family_of(gateway, *i) == Some(f))
        .collect()
}
