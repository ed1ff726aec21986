//! Fuzzes xDS JSON parsing, the proto3 JSON -> message path gwapi-xds offers for patches and tests: the
//! first byte picks the resource type, the rest is a JSON (or YAML) resource, or a list of them. Each is
//! parsed, rendered back, and canonicalized; rendering a parsed message must succeed, and canonicalizing
//! must be idempotent. With the high bit of the first byte set, the rest is decoded as protobuf bytes.
#![no_main]

use gwapi_xds::ResourceKind;
use gwapi_xds::render::{bytes_to_json, bytes_to_proto_name_json, canonical_json, json_to_bytes};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn check(name: &str, value: &Value) {
    let Ok(bytes) = json_to_bytes(name, value) else {
        return;
    };
    let rendered = match bytes_to_json(name, &bytes) {
        Ok(rendered) => rendered,
        Err(e) => panic!("a parsed {name} does not render: {e}"),
    };
    let _ = bytes_to_proto_name_json(name, &bytes);
    match canonical_json(name, &rendered) {
        Ok(again) => assert_eq!(
            again, rendered,
            "canonical JSON of {name} is not idempotent"
        ),
        Err(e) => panic!("a rendered {name} does not parse back: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let kinds = ResourceKind::ALL;
    let name = kinds[usize::from(selector & 0x7f) % kinds.len()].message_name();
    if selector & 0x80 != 0 {
        let _ = bytes_to_json(name, rest);
        return;
    }
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let value = match serde_json::from_str::<Value>(text) {
        Ok(value) => value,
        Err(_) => match serde_norway::from_str::<Value>(text) {
            Ok(value) => value,
            Err(_) => return,
        },
    };
    match &value {
        Value::Array(items) => items.iter().for_each(|item| check(name, item)),
        other => check(name, other),
    }
});
