//! Packing messages into `google.protobuf.Any`.

use envoy_types::pb::google::protobuf::Any;
use prost::{Message, Name};

/// Packs a message into an `Any` with its canonical type URL.
pub(crate) fn pack<M: Message + Name>(message: &M) -> Any {
    Any {
        type_url: M::type_url(),
        value: message.encode_to_vec(),
    }
}
