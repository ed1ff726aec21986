//! Where the IR routes of every fleet are, by the route object they come from: built once per run of the
//! policy engine, so that finding the routes a policy reaches costs what it finds, not a scan of every
//! route of every fleet per policy. (Policies change routes, never which routes a listener has.)

use std::collections::BTreeMap;

use super::scope::Reach;
use crate::ir::{ResourceMetadata, Xds};

/// A route object: kind, namespace, name.
type RouteObject = (String, String, String);

/// The listeners an index covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Routes {
    /// The routes of HTTP listeners (matched by rule too).
    Http,
    /// The routes of TCP listeners (matched by route only).
    Tcp,
}

/// One IR route: its fleet, listener, index on the listener, and the rule it comes from.
#[derive(Debug)]
struct Position {
    fleet: String,
    listener: String,
    index: usize,
    section: String,
}

/// The IR routes of one listener kind of every fleet.
#[derive(Debug)]
pub(crate) struct RouteIndex {
    kind: Routes,
    /// Every listener, in IR order: fleet, listener name, number of routes.
    listeners: Vec<(String, String, usize)>,
    /// The routes of each route object, in IR order.
    by_object: BTreeMap<RouteObject, Vec<Position>>,
}

impl RouteIndex {
    /// Indexes the routes of the `kind` listeners of `xds`.
    pub(crate) fn new(xds: &BTreeMap<String, Xds>, kind: Routes) -> Self {
        let mut index = Self {
            kind,
            listeners: Vec::new(),
            by_object: BTreeMap::new(),
        };
        for (fleet, ir) in xds {
            match kind {
                Routes::Http => {
                    for listener in &ir.http {
                        let metadata = listener.routes.iter().map(|r| r.metadata.as_ref());
                        index.add(fleet, &listener.name, metadata);
                    }
                }
                Routes::Tcp => {
                    for listener in &ir.tcp {
                        let metadata = listener.routes.iter().map(|r| r.metadata.as_ref());
                        index.add(fleet, &listener.name, metadata);
                    }
                }
            }
        }
        index
    }

    fn add<'m>(
        &mut self,
        fleet: &str,
        listener: &str,
        metadata: impl ExactSizeIterator<Item = Option<&'m ResourceMetadata>>,
    ) {
        self.listeners
            .push((fleet.to_owned(), listener.to_owned(), metadata.len()));
        for (index, m) in metadata.enumerate() {
            let Some(m) = m else {
                continue;
            };
            self.by_object
                .entry((m.kind.clone(), m.namespace.clone(), m.name.clone()))
                .or_default()
                .push(Position {
                    fleet: fleet.to_owned(),
                    listener: listener.to_owned(),
                    index,
                    section: m.section_name.clone(),
                });
        }
    }

    /// The IR routes `reach` covers, in IR order: (IR key, listener name, route index).
    pub(crate) fn reached(&self, reach: &Reach) -> Vec<(String, String, usize)> {
        match reach {
            Reach::Listeners(listeners) => self
                .listeners
                .iter()
                .filter(|(fleet, listener, _)| {
                    listeners
                        .iter()
                        .any(|l| l.fleet == *fleet && l.listener == *listener)
                })
                .flat_map(|(fleet, listener, count)| {
                    (0..*count).map(|i| (fleet.clone(), listener.clone(), i))
                })
                .collect(),
            Reach::Route {
                kind,
                namespace,
                name,
                rule,
            } => self
                .by_object
                .get(&(kind.clone(), namespace.clone(), name.clone()))
                .into_iter()
                .flatten()
                .filter(|p| {
                    self.kind == Routes::Tcp || rule.as_ref().is_none_or(|r| p.section == *r)
                })
                .map(|p| (p.fleet.clone(), p.listener.clone(), p.index))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{RouteIndex, Routes};
    use crate::ir::{HttpListener, HttpRoute, ResourceMetadata, Xds};
    use crate::translator::policy::scope::{ListenerRef, Reach};
    use gwapi_model::gateway_api::ParentReference;

    fn route(name: &str, rule: &str) -> HttpRoute {
        HttpRoute {
            metadata: Some(ResourceMetadata {
                kind: "HTTPRoute".to_owned(),
                namespace: "ns".to_owned(),
                name: name.to_owned(),
                section_name: rule.to_owned(),
                ..ResourceMetadata::default()
            }),
            ..HttpRoute::default()
        }
    }

    fn xds() -> BTreeMap<String, Xds> {
        let listener = |name: &str, routes| HttpListener {
            name: name.to_owned(),
            routes,
            ..HttpListener::default()
        };
        let fleet = Xds {
            http: vec![
                listener(
                    "ns/gw/a",
                    vec![route("r", "x"), route("s", ""), route("r", "y")],
                ),
                listener("ns/gw/b", vec![route("r", "x")]),
            ],
            ..Xds::default()
        };
        BTreeMap::from([("ns/gw".to_owned(), fleet)])
    }

    fn reach(name: &str, rule: Option<&str>) -> Reach {
        Reach::Route {
            kind: "HTTPRoute".to_owned(),
            namespace: "ns".to_owned(),
            name: name.to_owned(),
            rule: rule.map(str::to_owned),
        }
    }

    fn at(listener: &str, index: usize) -> (String, String, usize) {
        ("ns/gw".to_owned(), listener.to_owned(), index)
    }

    #[test]
    fn a_route_reaches_its_ir_routes_in_ir_order() {
        let index = RouteIndex::new(&xds(), Routes::Http);
        assert_eq!(
            index.reached(&reach("r", None)),
            [at("ns/gw/a", 0), at("ns/gw/a", 2), at("ns/gw/b", 0)]
        );
        assert_eq!(
            index.reached(&reach("r", Some("x"))),
            [at("ns/gw/a", 0), at("ns/gw/b", 0)]
        );
        assert!(index.reached(&reach("missing", None)).is_empty());
    }

    #[test]
    fn a_listener_reaches_every_route_on_it() {
        let index = RouteIndex::new(&xds(), Routes::Http);
        let listener = |name: &str| ListenerRef {
            fleet: "ns/gw".to_owned(),
            listener: name.to_owned(),
            ancestor: ParentReference::default(),
        };
        assert_eq!(
            index.reached(&Reach::Listeners(vec![
                listener("ns/gw/b"),
                listener("ns/gw/a")
            ])),
            [
                at("ns/gw/a", 0),
                at("ns/gw/a", 1),
                at("ns/gw/a", 2),
                at("ns/gw/b", 0)
            ]
        );
    }

    #[test]
    fn an_index_of_tcp_listeners_has_no_http_routes() {
        let index = RouteIndex::new(&xds(), Routes::Tcp);
        assert!(index.reached(&reach("r", None)).is_empty());
    }
}
