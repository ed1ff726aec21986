//! Protobuf well-known wrapper values (envoy-types ships its own, without `From` conversions).

use envoy_types::pb::google::protobuf::{BoolValue, Duration, UInt32Value};

/// A `google.protobuf.UInt32Value`.
pub(crate) fn uint32(value: u32) -> UInt32Value {
    UInt32Value { value }
}

/// A `google.protobuf.BoolValue`.
pub(crate) fn boolean(value: bool) -> BoolValue {
    BoolValue { value }
}

/// A `google.protobuf.Duration` of whole seconds.
pub(crate) fn seconds(seconds: i64) -> Duration {
    Duration { seconds, nanos: 0 }
}
