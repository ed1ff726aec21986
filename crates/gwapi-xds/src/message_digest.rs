//! Names derived from a message's content, as the reference builds them (JWT providers and
//! requirements): the first 8 bytes of the SHA-256 of the message's encoding, in hex. The encoding is
//! the one Go's protobuf runtime produces, fields in field-number order (prost writes oneofs after the
//! other fields), so that the same message always gets the same name.

use std::fmt::Write as _;

use prost::{Message, Name};
use prost_reflect::DynamicMessage;
use sha2::{Digest, Sha256};

use crate::render::descriptor_pool;

/// The encoding of `message` with its fields in field-number order (prost's encoding when the
/// message type is unknown to the descriptors).
fn ordered_encoding<M: Message + Name>(message: &M) -> Vec<u8> {
    let bytes = message.encode_to_vec();
    descriptor_pool()
        .ok()
        .and_then(|pool| pool.get_message_by_name(&M::full_name()))
        .and_then(|desc| DynamicMessage::decode(desc, bytes.as_slice()).ok())
        .map_or(bytes, |dynamic| dynamic.encode_to_vec())
}

/// The 16 hex digits that identify the content of `message`.
pub(crate) fn digest<M: Message + Name>(message: &M) -> String {
    let hash = Sha256::digest(ordered_encoding(message));
    hash.iter().take(8).fold(String::new(), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}
