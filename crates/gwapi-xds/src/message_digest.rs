//! Names derived from a message's content, as the reference builds them (JWT providers and
//! requirements): the first 8 bytes of the SHA-256 of the message's encoding, in hex. The encoding is
//! the one Go's protobuf runtime produces: the plain fields in field-number order, then the members of
//! oneofs in field-number order, at every level of nesting, and map entries by key. prost writes every
//! field in field-number order, so its encoding is re-ordered field record by field record through the
//! message descriptors (a message the descriptors do not know keeps prost's order).

use std::fmt::Write as _;

use prost::{Message, Name};
use prost_reflect::{Kind, MessageDescriptor};
use sha2::{Digest, Sha256};

use crate::render::descriptor_pool;

/// The 16 hex digits that identify the content of `message`.
pub(crate) fn digest<M: Message + Name>(message: &M) -> String {
    let bytes = message.encode_to_vec();
    let encoding = descriptor_pool()
        .ok()
        .and_then(|pool| pool.get_message_by_name(&M::full_name()))
        .and_then(|desc| go_order(&desc, &bytes))
        .unwrap_or(bytes);
    let hash = Sha256::digest(encoding);
    hash.iter().take(8).fold(String::new(), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

/// One field record of an encoded message: its number, and its bytes (key included).
struct Record<'a> {
    number: u32,
    /// The payload of a length-delimited record (without key and length).
    payload: Option<&'a [u8]>,
    bytes: Vec<u8>,
}

/// `bytes` (an encoding of `desc`) with its records in Go's order, or `None` when it does not parse.
fn go_order(desc: &MessageDescriptor, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut records = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let (record, tail) = next_record(desc, rest)?;
        records.push(record);
        rest = tail;
    }
    let in_oneof = |number: u32| {
        desc.get_field(number)
            .and_then(|f| f.containing_oneof())
            .is_some_and(|o| !o.is_synthetic())
    };
    let map_key = |record: &Record| -> Option<Vec<u8>> {
        let field = desc.get_field(record.number)?;
        if !field.is_map() {
            return None;
        }
        record.payload.and_then(map_entry_key)
    };
    // A stable sort keeps repeated values (and entries of the same map) in their order, maps aside.
    records.sort_by(|a, b| {
        (in_oneof(a.number), a.number, map_key(a)).cmp(&(in_oneof(b.number), b.number, map_key(b)))
    });
    Some(records.into_iter().flat_map(|r| r.bytes).collect())
}

/// The first record of `bytes` (re-ordered inside when it holds a message) and the bytes after it.
fn next_record<'a>(desc: &MessageDescriptor, bytes: &'a [u8]) -> Option<(Record<'a>, &'a [u8])> {
    let (key, after_key) = varint(bytes)?;
    let number = u32::try_from(key >> 3).ok()?;
    let key_bytes = bytes.get(..bytes.len() - after_key.len())?;
    let (payload, tail) = match key & 7 {
        0 => {
            let (_, tail) = varint(after_key)?;
            (None, tail)
        }
        1 => (None, after_key.get(8..)?),
        5 => (None, after_key.get(4..)?),
        2 => {
            let (len, after_len) = varint(after_key)?;
            let len = usize::try_from(len).ok()?;
            (Some(after_len.get(..len)?), after_len.get(len..)?)
        }
        _ => return None,
    };
    let nested = desc.get_field(number).and_then(|f| match f.kind() {
        Kind::Message(m) => Some(m),
        _ => None,
    });
    let bytes_out = match (payload, nested) {
        (Some(inner), Some(message)) => {
            let ordered = go_order(&message, inner)?;
            let mut out = key_bytes.to_vec();
            prost::encoding::encode_varint(ordered.len() as u64, &mut out);
            out.extend(ordered);
            out
        }
        _ => bytes.get(..bytes.len() - tail.len())?.to_vec(),
    };
    Some((
        Record {
            number,
            payload,
            bytes: bytes_out,
        },
        tail,
    ))
}

/// The key of an encoded map entry (field 1), as encoded.
fn map_entry_key(entry: &[u8]) -> Option<Vec<u8>> {
    let (key, after_key) = varint(entry)?;
    if key >> 3 != 1 {
        return None;
    }
    match key & 7 {
        2 => {
            let (len, after_len) = varint(after_key)?;
            Some(after_len.get(..usize::try_from(len).ok()?)?.to_vec())
        }
        0 => varint(after_key).map(|(v, _)| v.to_be_bytes().to_vec()),
        _ => None,
    }
}

/// A varint at the start of `bytes`, and the bytes after it.
fn varint(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let mut value = 0u64;
    for (i, byte) in bytes.iter().enumerate().take(10) {
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, bytes.get(i + 1..)?));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use envoy_types::pb::envoy::config::core::v3::{HttpUri, http_uri::HttpUpstreamType};
    use envoy_types::pb::google::protobuf::Duration;

    use super::*;

    #[test]
    fn oneof_members_come_after_the_plain_fields() {
        let uri = HttpUri {
            uri: "https://example.com/keys".to_owned(),
            http_upstream_type: Some(HttpUpstreamType::Cluster("keys".to_owned())),
            timeout: Some(Duration {
                seconds: 10,
                nanos: 0,
            }),
        };
        let desc = descriptor_pool()
            .unwrap()
            .get_message_by_name(&HttpUri::full_name())
            .unwrap();
        let prost_order = uri.encode_to_vec();
        let go = go_order(&desc, &prost_order).unwrap();
        // uri (1), timeout (3), then the oneof member cluster (2).
        let mut expected = vec![0x0a, 24];
        expected.extend(b"https://example.com/keys");
        expected.extend([0x1a, 2, 0x08, 10, 0x12, 4]);
        expected.extend(b"keys");
        assert_eq!(go, expected);
        assert_ne!(go, prost_order);
    }

    #[test]
    fn a_truncated_encoding_is_not_reordered() {
        let desc = descriptor_pool()
            .unwrap()
            .get_message_by_name(&HttpUri::full_name())
            .unwrap();
        assert!(go_order(&desc, &[0x0a, 5, b'a']).is_none());
    }
}
