//! Packing messages into `google.protobuf.Any`.

use envoy_types::pb::google::protobuf::Any;
use prost::{Message, Name};

/// Packs a message into an `Any` with its canonical type URL, encoded deterministically (map entries in key
/// order), so that the same message always packs to the same bytes.
pub(crate) fn pack<M: Message + Name>(message: &M) -> Any {
    Any {
        type_url: M::type_url(),
        value: crate::canonical_encoding::canonicalize(&M::full_name(), message.encode_to_vec()),
    }
}
