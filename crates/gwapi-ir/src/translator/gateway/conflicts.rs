//! Conflicts between the listeners of a Gateway (its own and its ListenerSets'): the same port and hostname,
//! incompatible protocols on one port, more than one TCP or UDP listener on a port. A Gateway's own listener
//! wins over ListenerSet listeners; ListenerSet listeners in conflict are neither accepted nor programmed.

use std::collections::BTreeMap;

use gwapi_model::gateway_api::ProtocolType;

use super::GatewayCtx;
use crate::translator::conditions::{failed, ok, set_condition, types};

/// The family of protocols that can share a port.
fn family(protocol: &ProtocolType) -> Option<&'static str> {
    match protocol {
        ProtocolType::Http | ProtocolType::Https | ProtocolType::Tls => Some("L7"),
        ProtocolType::Tcp => Some("TCP"),
        ProtocolType::Udp => Some("UDP"),
        ProtocolType::Unknown(_) => None,
    }
}

/// A set of listeners that conflict, and why.
struct Conflict {
    members: Vec<usize>,
    reason: &'static str,
    message: String,
    /// Whether the members lose even when they are the Gateway's own listeners.
    always: bool,
}

/// Sets `Conflicted` on every listener that conflicts with another of its Gateway.
pub(super) fn check(gateways: &mut [GatewayCtx<'_>]) {
    for gateway in gateways {
        // Listeners already invalid take no part in conflicts.
        let mut by_port: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for (i, l) in gateway.listeners.iter().enumerate() {
            if l.is_valid() {
                by_port.entry(l.listener.port).or_default().push(i);
            }
        }
        let conflicts: Vec<Conflict> = by_port
            .values()
            .flat_map(|indexes| port_conflicts(gateway, indexes))
            .collect();
        for conflict in conflicts {
            apply(gateway, &conflict);
        }
    }
}

/// The conflicts among the listeners `indexes` (all on one port).
fn port_conflicts(gateway: &GatewayCtx<'_>, indexes: &[usize]) -> Vec<Conflict> {
    let l7 = of_family(gateway, indexes, "L7");
    let tcp = of_family(gateway, indexes, "TCP");
    let udp = of_family(gateway, indexes, "UDP");
    let names = |members: &[usize]| {
        members
            .iter()
            .filter_map(|i| {
                gateway
                    .listeners
                    .get(*i)
                    .map(super::ListenerCtx::display_name)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    let mut by_host: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in &l7 {
        if let Some(l) = gateway.listeners.get(*i) {
            by_host.entry(l.hostname()).or_default().push(*i);
        }
    }
    for same in by_host.into_values().filter(|v| v.len() > 1) {
        let message = format!(
            "All listeners for a given port must use a unique hostname, conflicting listeners: {}",
            names(&same)
        );
        out.push(Conflict {
            members: same,
            reason: "HostnameConflict",
            message,
            always: false,
        });
    }
    if !l7.is_empty() && !tcp.is_empty() {
        let all: Vec<usize> = l7.iter().chain(&tcp).copied().collect();
        let message = format!(
            "All listeners for a given port must use a compatible protocol, conflicting listeners: {}",
            names(&all)
        );
        out.push(Conflict {
            members: all,
            reason: "ProtocolConflict",
            message,
            always: false,
        });
    } else if let Some((_, later)) = tcp.split_first().filter(|(_, later)| !later.is_empty()) {
        // The first TCP listener of a port keeps it.
        out.push(Conflict {
            members: later.to_vec(),
            reason: "ProtocolConflict",
            message: "Only one TCP listener is allowed in a given port".to_owned(),
            always: true,
        });
    }
    if let Some((_, later)) = udp.split_first().filter(|(_, later)| !later.is_empty()) {
        // The first UDP listener of a port keeps it.
        out.push(Conflict {
            members: later.to_vec(),
            reason: "ProtocolConflict",
            message: "Only one UDP listener is allowed in a given port".to_owned(),
            always: true,
        });
    }
    out
}

/// Marks the members of `conflict` (a Gateway's own listener only when it conflicts with another of its own).
fn apply(gateway: &mut GatewayCtx<'_>, conflict: &Conflict) {
    let own = conflict
        .members
        .iter()
        .filter(|i| {
            gateway
                .listeners
                .get(**i)
                .is_some_and(|l| l.owner.set.is_none())
        })
        .count();
    for i in &conflict.members {
        let Some(l) = gateway.listeners.get_mut(*i) else {
            continue;
        };
        let from_set = l.owner.set.is_some();
        if !from_set && own < 2 && !conflict.always {
            continue;
        }
        let (reason, message) = (conflict.reason, conflict.message.clone());
        set_condition(&mut l.conditions, ok(types::CONFLICTED, reason, &message));
        if from_set {
            set_condition(
                &mut l.conditions,
                failed(types::ACCEPTED, reason, message.clone()),
            );
            set_condition(
                &mut l.conditions,
                failed(types::PROGRAMMED, reason, message),
            );
        }
    }
}

fn of_family(gateway: &GatewayCtx<'_>, indexes: &[usize], f: &str) -> Vec<usize> {
    indexes
        .iter()
        .copied()
        .filter(|i| {
            gateway
                .listeners
                .get(*i)
                .and_then(|l| family(&l.listener.protocol))
                == Some(f)
        })
        .collect()
}
