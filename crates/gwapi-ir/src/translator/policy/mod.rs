//! Envoy Gateway policies: their targets through the attachment graph, precedence between them, their
//! statuses per ancestor, and the features each kind adds to the IR.

pub(crate) mod ancestors;
