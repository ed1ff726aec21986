//! The attachment graph of one translation: GatewayClass -> Gateway -> Listener <- Route -> Backend, and
//! ReferenceGrant -> namespace edges. Built once per translation (passes add the edges they decide) and
//! queried by every later pass, e.g. for the number of routes attached to a listener.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

/// A node of the attachment graph.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Node {
    /// A GatewayClass, by name.
    GatewayClass(String),
    /// A Gateway, by namespace and name.
    Gateway(String, String),
    /// A listener: Gateway namespace, Gateway name, listener name.
    Listener(String, String, String),
    /// A route: kind, namespace, name.
    Route(&'static str, String, String),
    /// A backend: kind, namespace, name.
    Backend(String, String, String),
    /// A ReferenceGrant, by namespace and name.
    ReferenceGrant(String, String),
    /// A namespace.
    Namespace(String),
}

/// What an edge means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edge {
    /// A class owns a Gateway, a Gateway owns a listener.
    Owns,
    /// A route is attached to a listener.
    AttachedTo,
    /// A route sends traffic to a backend.
    RoutesTo,
    /// A grant allows references into its namespace (ReferenceGrant -> Namespace).
    Grants,
}

/// The attachment graph.
#[derive(Debug, Default)]
pub(crate) struct AttachmentGraph {
    graph: DiGraph<Node, Edge>,
    nodes: BTreeMap<Node, NodeIndex>,
}

impl AttachmentGraph {
    /// The index of `node`, added when new.
    pub fn node(&mut self, node: Node) -> NodeIndex {
        if let Some(i) = self.nodes.get(&node) {
            return *i;
        }
        let i = self.graph.add_node(node.clone());
        self.nodes.insert(node, i);
        i
    }

    /// Adds the edge `from -> to` unless it exists.
    pub fn edge(&mut self, from: Node, to: Node, edge: Edge) {
        let a = self.node(from);
        let b = self.node(to);
        if !self
            .graph
            .edges_connecting(a, b)
            .any(|e| *e.weight() == edge)
        {
            self.graph.add_edge(a, b, edge);
        }
    }

    /// The number of distinct sources with an `edge` edge into `node`.
    pub fn incoming(&self, node: &Node, edge: Edge) -> usize {
        let Some(i) = self.nodes.get(node) else {
            return 0;
        };
        self.graph
            .edges_directed(*i, Direction::Incoming)
            .filter(|e| *e.weight() == edge)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::{AttachmentGraph, Edge, Node};

    #[test]
    fn counts_each_route_once_per_listener() {
        let mut g = AttachmentGraph::default();
        let l = Node::Listener("ns".into(), "gw".into(), "http".into());
        let r = Node::Route("HTTPRoute", "ns".into(), "r".into());
        g.edge(r.clone(), l.clone(), Edge::AttachedTo);
        g.edge(r, l.clone(), Edge::AttachedTo);
        assert_eq!(g.incoming(&l, Edge::AttachedTo), 1);
    }
}
