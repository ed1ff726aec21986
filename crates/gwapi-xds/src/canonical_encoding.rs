//! Deterministic protobuf encoding. prost encodes map fields in `HashMap` order, so the bytes of a message
//! with a map (a `google.protobuf.Struct`, `Metadata`, ...) change from one run to the next. Messages packed
//! into an `Any` keep those bytes, which would make the same IR give different xDS. [`canonicalize`]
//! rewrites encoded bytes with every map's entries sorted by key (recursively, guided by the descriptors);
//! everything else keeps prost's field order.

use std::collections::BTreeMap;
use std::sync::{LazyLock, RwLock};

use prost::bytes::Buf;
use prost::encoding::{WireType, decode_key, decode_varint, encode_key, encode_varint};
use prost_reflect::{Kind, MessageDescriptor};

use crate::render::descriptor_pool;

/// Whether messages of a type can contain a map (directly or through non-`Any` sub-messages), by type name.
static HAS_MAPS: LazyLock<RwLock<BTreeMap<String, bool>>> =
    LazyLock::new(|| RwLock::new(BTreeMap::new()));

/// `bytes` (an encoded `full_name`) with every map's entries in key order; the input when the type is
/// unknown, has no map, or the bytes cannot be read.
pub(crate) fn canonicalize(full_name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let Some(desc) = descriptor_pool()
        .ok()
        .and_then(|pool| pool.get_message_by_name(full_name))
    else {
        return bytes;
    };
    if !has_maps(&desc) {
        return bytes;
    }
    rewrite(&desc, &bytes).unwrap_or(bytes)
}

fn has_maps(desc: &MessageDescriptor) -> bool {
    if let Some(known) = HAS_MAPS
        .read()
        .ok()
        .and_then(|m| m.get(desc.full_name()).copied())
    {
        return known;
    }
    let mut seen = Vec::new();
    let found = reaches_map(desc, &mut seen);
    if let Ok(mut cache) = HAS_MAPS.write() {
        cache.insert(desc.full_name().to_owned(), found);
    }
    found
}

fn reaches_map(desc: &MessageDescriptor, seen: &mut Vec<String>) -> bool {
    if seen.iter().any(|s| s == desc.full_name()) {
        return false;
    }
    seen.push(desc.full_name().to_owned());
    desc.fields().any(|f| {
        f.is_map()
            || match f.kind() {
                Kind::Message(m) if m.full_name() != "google.protobuf.Any" => reaches_map(&m, seen),
                _ => false,
            }
    })
}

/// One field as read from the wire: its number, wire type and raw payload (for length-delimited fields,
/// without the length).
struct RawField<'a> {
    number: u32,
    wire_type: WireType,
    payload: &'a [u8],
}

fn read_fields(mut buf: &[u8]) -> Option<Vec<RawField<'_>>> {
    let mut fields = Vec::new();
    while !buf.is_empty() {
        let (number, wire_type) = decode_key(&mut buf).ok()?;
        let start = buf;
        let len = match wire_type {
            WireType::Varint => {
                decode_varint(&mut buf).ok()?;
                start.len() - buf.len()
            }
            WireType::SixtyFourBit => 8,
            WireType::ThirtyTwoBit => 4,
            WireType::LengthDelimited => {
                let len = usize::try_from(decode_varint(&mut buf).ok()?).ok()?;
                let payload = buf.get(..len)?;
                buf.advance(len);
                fields.push(RawField {
                    number,
                    wire_type,
                    payload,
                });
                continue;
            }
            WireType::StartGroup | WireType::EndGroup => return None,
        };
        let payload = start.get(..len)?;
        buf = start.get(len..)?;
        fields.push(RawField {
            number,
            wire_type,
            payload,
        });
    }
    Some(fields)
}

fn write_field(out: &mut Vec<u8>, number: u32, wire_type: WireType, payload: &[u8]) {
    encode_key(number, wire_type, out);
    if wire_type == WireType::LengthDelimited {
        encode_varint(payload.len() as u64, out);
    }
    out.extend_from_slice(payload);
}

fn rewrite(desc: &MessageDescriptor, bytes: &[u8]) -> Option<Vec<u8>> {
    let fields = read_fields(bytes)?;
    let mut out = Vec::with_capacity(bytes.len());
    let mut maps_done: Vec<u32> = Vec::new();
    for field in &fields {
        let field_desc = desc.get_field(field.number);
        let Some(field_desc) = field_desc.filter(|_| field.wire_type == WireType::LengthDelimited)
        else {
            write_field(&mut out, field.number, field.wire_type, field.payload);
            continue;
        };
        let Kind::Message(sub) = field_desc.kind() else {
            write_field(&mut out, field.number, field.wire_type, field.payload);
            continue;
        };
        if field_desc.is_map() {
            if maps_done.contains(&field.number) {
                continue;
            }
            maps_done.push(field.number);
            let mut entries: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
            for entry in fields.iter().filter(|f| f.number == field.number) {
                let canonical = rewrite(&sub, entry.payload)?;
                let key = read_fields(&canonical)?
                    .iter()
                    .find(|f| f.number == 1)
                    .map(|f| f.payload.to_vec())
                    .unwrap_or_default();
                entries.push((key, canonical));
            }
            entries.sort();
            for (_, entry) in entries {
                write_field(&mut out, field.number, WireType::LengthDelimited, &entry);
            }
            continue;
        }
        if sub.full_name() == "google.protobuf.Any" || !has_maps(&sub) {
            write_field(&mut out, field.number, field.wire_type, field.payload);
            continue;
        }
        let canonical = rewrite(&sub, field.payload)?;
        write_field(
            &mut out,
            field.number,
            WireType::LengthDelimited,
            &canonical,
        );
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use envoy_types::pb::google::protobuf::{Struct, Value, value::Kind as ValueKind};
    use prost::Message as _;

    use super::canonicalize;

    fn text(s: &str) -> Value {
        Value {
            kind: Some(ValueKind::StringValue(s.to_owned())),
        }
    }

    #[test]
    fn map_entries_come_out_in_key_order_whatever_the_hash_order() {
        let names = [
            "zeta", "alpha", "mid", "beta", "omega", "gamma", "kappa", "delta",
        ];
        let encodings: Vec<Vec<u8>> = (0..8)
            .map(|_| {
                let message = Struct {
                    fields: names.iter().map(|n| ((*n).to_owned(), text(n))).collect(),
                };
                canonicalize("google.protobuf.Struct", message.encode_to_vec())
            })
            .collect();
        assert!(encodings.windows(2).all(|w| w.first() == w.get(1)));
        let decoded = Struct::decode(encodings.first().unwrap().as_slice()).unwrap();
        assert_eq!(decoded.fields.len(), names.len());
    }

    #[test]
    fn unknown_types_and_messages_without_maps_are_left_alone() {
        let bytes = vec![8, 1];
        assert_eq!(canonicalize("no.such.Type", bytes.clone()), bytes);
        assert_eq!(
            canonicalize("google.protobuf.Duration", bytes.clone()),
            bytes
        );
    }
}
