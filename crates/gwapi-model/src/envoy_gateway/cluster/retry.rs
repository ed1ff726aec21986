//! Retry.
//!
//! (Being written: owned by helper B1 (cluster settings, BackendTrafficPolicy, Backend).)

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Placeholder until its fields are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Retry {}
