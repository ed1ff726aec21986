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

/// A `google.protobuf.Duration` of a Go duration (the IR's spelling).
pub(crate) fn duration(d: &gwapi_ir::ir::GoDuration) -> Duration {
    Duration {
        seconds: i64::try_from(d.0.as_secs()).unwrap_or(i64::MAX),
        nanos: i32::try_from(d.0.subsec_nanos()).unwrap_or(0),
    }
}
