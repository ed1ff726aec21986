//! Fault injection: delayed and aborted requests.

use serde::{Deserialize, Serialize};

use super::Percent;
use crate::ir::GoDuration;

/// Injected faults (EG's `ir.FaultInjection`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultInjection {
    /// Requests are delayed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<FaultInjectionDelay>,
    /// Requests are answered with an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abort: Option<FaultInjectionAbort>,
}

/// A delay injected before requests are forwarded.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultInjectionDelay {
    /// The delay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_delay: Option<GoDuration>,
    /// The share of requests delayed (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<Percent>,
}

/// An error returned instead of forwarding requests.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawFaultInjectionAbort", into = "RawFaultInjectionAbort")]
pub struct FaultInjectionAbort {
    /// The error returned.
    pub status: Option<AbortStatus>,
    /// The share of requests aborted (all when absent).
    pub percentage: Option<Percent>,
}

/// The error of an aborted request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AbortStatus {
    /// An HTTP status code (`httpStatus`).
    Http(u32),
    /// A gRPC status code (`grpcStatus`).
    Grpc(u32),
}

/// The wire shape of [`FaultInjectionAbort`]: at most one of `httpStatus` / `grpcStatus`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawFaultInjectionAbort {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    http_status: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grpc_status: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    percentage: Option<Percent>,
}

impl TryFrom<RawFaultInjectionAbort> for FaultInjectionAbort {
    type Error = String;

    fn try_from(raw: RawFaultInjectionAbort) -> Result<Self, Self::Error> {
        let status = match (raw.http_status, raw.grpc_status) {
            (Some(code), None) => Some(AbortStatus::Http(code)),
            (None, Some(code)) => Some(AbortStatus::Grpc(code)),
            (None, None) => None,
            (Some(_), Some(_)) => {
                return Err("a fault abort has either httpStatus or grpcStatus, not both".into());
            }
        };
        Ok(Self {
            status,
            percentage: raw.percentage,
        })
    }
}

impl From<FaultInjectionAbort> for RawFaultInjectionAbort {
    fn from(abort: FaultInjectionAbort) -> Self {
        let (http_status, grpc_status) = match abort.status {
            Some(AbortStatus::Http(code)) => (Some(code), None),
            Some(AbortStatus::Grpc(code)) => (None, Some(code)),
            None => (None, None),
        };
        Self {
            http_status,
            grpc_status,
            percentage: abort.percentage,
        }
    }
}
