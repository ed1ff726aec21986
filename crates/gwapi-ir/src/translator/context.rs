//! The per-call context of one translation: the input, the options, the indexes and the attachment graph.
//! Everything here lives for one `translate` call; nothing reads the clock or does I/O.

use gwapi_model::Snapshot;

use super::TranslatorConfig;
use super::graph::{AttachmentGraph, Edge, Node};
use super::index::{Indexes, ns_name};
use super::reference_grant::{RefSide, is_permitted};

/// What every pass reads (and the graph every pass extends).
pub(crate) struct Context<'a> {
    /// The options.
    pub config: &'a TranslatorConfig,
    /// The input.
    pub snapshot: &'a Snapshot,
    /// Lookups over the input.
    pub idx: Indexes<'a>,
    /// The attachment graph.
    pub graph: AttachmentGraph,
}

impl<'a> Context<'a> {
    /// The context of translating `snapshot`.
    pub fn new(config: &'a TranslatorConfig, snapshot: &'a Snapshot) -> Self {
        let idx = Indexes::new(snapshot);
        let mut graph = AttachmentGraph::default();
        for grant in &idx.reference_grants {
            let (namespace, name) = ns_name(&grant.metadata);
            graph.edge(
                Node::ReferenceGrant(namespace.clone(), name),
                Node::Namespace(namespace),
                Edge::Grants,
            );
        }
        Self {
            config,
            snapshot,
            idx,
            graph,
        }
    }

    /// Whether a reference from `from` to `to_name` in `to` is allowed (same namespace or a grant).
    pub fn permitted(&self, from: RefSide<'_>, to: RefSide<'_>, to_name: &str) -> bool {
        is_permitted(self.idx.reference_grants.iter().copied(), from, to, to_name)
    }
}
