//! Fault injection (`FaultInjection`): delays and aborts that mimic failing or overloaded services.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Duration;

/// Injected faults (`FaultInjection`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FaultInjection {
    /// Delays requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<FaultInjectionDelay>,
    /// Aborts requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abort: Option<FaultInjectionAbort>,
}

/// An injected delay (`FaultInjectionDelay`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FaultInjectionDelay {
    /// The delay.
    pub fixed_delay: Duration,
    /// The percentage of requests delayed; defaults to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<f32>,
}

/// An injected abort (`FaultInjectionAbort`): an HTTP or a gRPC status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FaultInjectionAbort {
    /// The HTTP status returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<i32>,
    /// The gRPC status returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc_status: Option<i32>,
    /// The percentage of requests aborted; defaults to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<f32>,
}
