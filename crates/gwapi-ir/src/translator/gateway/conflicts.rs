//! Conflicts between the listeners of a Gateway (its own and its ListenerSets'): the same port and hostname,
//! incompatible protocols on one port, more than one TCP or UDP listener on a port. A Gateway's own listener
//! wins over ListenerSet listeners: its protocol is the port's, and listeners of another protocol lose (and
//! take no part in hostname checks); among ListenerSet listeners with one hostname, the first wins.
//! ListenerSet listeners in conflict are neither accepted nor programmed.

use std::collections::BTreeMap;

use gwapi_model::gateway_api::ProtocolType;

use super::GatewayCtx;
use crate::translator::conditions::{failed, ok, set_condition, types};

/// The family of protocols that can share a port (HTTPS and TLS both start with a TLS handshake).
fn family(protocol: &ProtocolType) -> Option<&'static str> {
    match protocol {
        ProtocolType::Http => Some("HTTP"),
        ProtocolType::Https | ProtocolType::Tls => Some("TLS"),
        ProtocolType::Tcp => Some("TCP"),
        ProtocolType::Udp => Some("UDP"),
        ProtocolType::Unknown(_) => None,
    }
}

/// A set of listeners that conflict, and why.
struct Conflict {
    members: Vec<usize>,
    /// The members that keep their listener (the winners).
    spared: Vec<usize>,
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
    let http = of_family(gateway, indexes, "HTTP");
    let tls = of_family(gateway, indexes, "TLS");
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
    let families = [&http, &tls, &tcp].iter().filter(|f| !f.is_empty()).count();
    let mut losers: Vec<usize> = Vec::new();
    if families > 1 {
        let mut all: Vec<usize> = indexes
            .iter()
            .copied()
            .filter(|i| http.contains(i) || tls.contains(i) || tcp.contains(i))
            .collect();
        all.sort_unstable();
        let message = format!(
            "All listeners for a given port must use a compatible protocol, conflicting listeners: {}",
            names(&all)
        );
        let spared = winner_family(gateway, &all);
        losers = all
            .iter()
            .copied()
            .filter(|i| !spared.contains(i))
            .collect();
        out.push(Conflict {
            members: all,
            spared,
            reason: "ProtocolConflict",
            message,
            always: false,
        });
    }
    let mut by_host: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in http.iter().chain(&tls).filter(|i| !losers.contains(i)) {
        if let Some(l) = gateway.listeners.get(*i) {
            by_host.entry(l.hostname()).or_default().push(*i);
        }
    }
    for mut same in by_host.into_values().filter(|v| v.len() > 1) {
        same.sort_unstable();
        let message = format!(
            "All listeners for a given port must use a unique hostname, conflicting listeners: {}",
            names(&same)
        );
        // Without a Gateway listener among them, the first ListenerSet listener keeps the hostname,
        // unless it conflicts with another listener of its own ListenerSet.
        let set_of = |i: &usize| gateway.listeners.get(*i).map(|l| l.owner.set);
        let first_alone = same
            .first()
            .is_some_and(|f| same.iter().filter(|i| set_of(i) == set_of(f)).count() == 1);
        let spared = if own_count(gateway, &same) == 0 && first_alone {
            same.first().copied().into_iter().collect()
        } else {
            Vec::new()
        };
        out.push(Conflict {
            members: same,
            spared,
            reason: "HostnameConflict",
            message,
            always: false,
        });
    }
    if let Some((_, later)) = tcp.split_first().filter(|(_, later)| !later.is_empty()) {
        // The first TCP listener of a port keeps it.
        out.push(Conflict {
            members: later.to_vec(),
            spared: Vec::new(),
            reason: "ProtocolConflict",
            message: "Only one TCP listener is allowed in a given port".to_owned(),
            always: true,
        });
    }
    if let Some((_, later)) = udp.split_first().filter(|(_, later)| !later.is_empty()) {
        // The first UDP listener of a port keeps it.
        out.push(Conflict {
            members: later.to_vec(),
            spared: Vec::new(),
            reason: "ProtocolConflict",
            message: "Only one UDP listener is allowed in a given port".to_owned(),
            always: true,
        });
    }
    out
}

/// Marks the members of `conflict` (a Gateway's own listener only when it conflicts with another of its own).
fn apply(gateway: &mut GatewayCtx<'_>, conflict: &Conflict) {
    let own = own_count(gateway, &conflict.members);
    for i in conflict
        .members
        .iter()
        .filter(|i| !conflict.spared.contains(i))
    {
        let Some(l) = gateway.listeners.get_mut(*i) else {
            continue;
        };
        let from_set = l.owner.set.is_some();
        if !from_set && own < 2 && !conflict.always {
            continue;
        }
        let (reason, message) = (conflict.reason, conflict.message.clone());
        // A listener that already lost keeps the first reason it was not accepted for.
        let lost = l
            .conditions
            .iter()
            .any(|c| c.type_ == types::ACCEPTED && c.status == gwapi_model::ConditionStatus::False);
        set_condition(&mut l.conditions, ok(types::CONFLICTED, reason, &message));
        if from_set && !lost {
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

/// How many of `members` are the Gateway's own listeners.
fn own_count(gateway: &GatewayCtx<'_>, members: &[usize]) -> usize {
    members
        .iter()
        .filter(|i| {
            gateway
                .listeners
                .get(**i)
                .is_some_and(|l| l.owner.set.is_none())
        })
        .count()
}

/// The listeners of the protocol family of the Gateway's own listeners among `members`, when they all
/// share one (none otherwise: then every member conflicts).
fn winner_family(gateway: &GatewayCtx<'_>, members: &[usize]) -> Vec<usize> {
    let family_of = |i: &usize| {
        gateway
            .listeners
            .get(*i)
            .and_then(|l| family(&l.listener.protocol))
    };
    let mut own_families: Vec<Option<&str>> = members
        .iter()
        .filter(|i| {
            gateway
                .listeners
                .get(**i)
                .is_some_and(|l| l.owner.set.is_none())
        })
        .map(family_of)
        .collect();
    own_families.dedup();
    match own_families.as_slice() {
        [Some(winner)] => members
            .iter()
            .copied()
            .filter(|i| family_of(i) == Some(*winner))
            .collect(),
        _ => Vec::new(),
    }
}
