//! Access logs, tracing and metrics.
//!
//! (Being written: owned by IR helper 3.)

use serde::{Deserialize, Serialize};

/// Placeholder until its fields are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessLog {}

/// Placeholder until its fields are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tracing {}

/// Placeholder until its fields are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {}
