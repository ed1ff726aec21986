//! `RouteRulesOverlap`: routes of different objects whose rules match exactly the same requests on one
//! listener (same hostname, path, header, query parameter and cookie matches). The first in precedence
//! order wins; each of them is told which others it overlaps with. It runs after the policies, which
//! can change what a route matches (CONNECT upgrades).

use std::collections::BTreeMap;

use gwapi_model::resource::{ObjectKey, ResourceKind};

use crate::ir::{HttpRoute, Xds};
use crate::translator::conditions::ok;
use crate::translator::{ObjectStatus, Statuses};

/// A route object: kind, namespace, name.
type RouteObject = (String, String, String);

/// The match conditions of an IR route, as a comparable key (a route that accepts CONNECT requests
/// matches other requests than one that does not).
fn match_key(route: &HttpRoute) -> String {
    let connect = route
        .traffic
        .as_ref()
        .is_some_and(|t| t.http_upgrade.iter().any(|u| u.kind == "CONNECT"));
    format!(
        "{}|{connect}|{:?}|{:?}|{:?}|{:?}",
        route.hostname,
        route.path_match,
        route.header_matches,
        route.query_param_matches,
        route.cookie_matches
    )
}

/// Adds `RouteRulesOverlap` to the parents (on the listener's Gateway) of every route object whose
/// IR routes overlap another object's.
pub(crate) fn mark_rules_overlap(xds: &BTreeMap<String, Xds>, statuses: &mut Statuses) {
    // (route object, gateway namespace, gateway name) -> the other objects, in first-seen order.
    let mut overlaps: BTreeMap<(RouteObject, String, String), Vec<RouteObject>> = BTreeMap::new();
    for listener in xds.values().flat_map(|f| &f.http) {
        let Some(gateway) = listener.metadata.as_ref() else {
            continue;
        };
        let mut groups: BTreeMap<String, Vec<RouteObject>> = BTreeMap::new();
        for route in &listener.routes {
            let Some(m) = route.metadata.as_ref() else {
                continue;
            };
            let object = (m.kind.clone(), m.namespace.clone(), m.name.clone());
            let group = groups.entry(match_key(route)).or_default();
            if !group.contains(&object) {
                group.push(object);
            }
        }
        for group in groups.values().filter(|g| g.len() > 1) {
            for object in group {
                let key = (
                    object.clone(),
                    gateway.namespace.clone(),
                    gateway.name.clone(),
                );
                let others = overlaps.entry(key).or_default();
                for other in group.iter().filter(|o| *o != object) {
                    if !others.contains(other) {
                        others.push(other.clone());
                    }
                }
            }
        }
    }
    for (((kind, namespace, name), gw_namespace, gw_name), others) in overlaps {
        let Some(resource) = ResourceKind::from_kind(&kind) else {
            continue;
        };
        let key = ObjectKey {
            kind: resource,
            namespace: namespace.clone(),
            name,
        };
        let Some(ObjectStatus::Route(status)) = statuses.get_mut(&key) else {
            continue;
        };
        let listed: Vec<String> = others
            .iter()
            .map(|(k, ns, n)| format!("{k} {ns}/{n}"))
            .collect();
        let message = format!(
            "Overlapping match conditions with route(s): {}",
            listed.join(", ")
        );
        for parent in &mut status.parents {
            let r = &parent.parent_ref;
            let on_gateway = r.kind.as_deref().is_none_or(|k| k == "Gateway")
                && r.name == gw_name
                && r.namespace.as_deref().unwrap_or(&namespace) == gw_namespace;
            if on_gateway {
                parent
                    .conditions
                    .push(ok("RouteRulesOverlap", "RouteRulesOverlap", &message));
            }
        }
    }
}
