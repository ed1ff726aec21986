//! Security features of routes (from SecurityPolicy and route filters).
//!
//! (Being written: owned by IR helper 3.)

use serde::{Deserialize, Serialize};

/// Placeholder until its fields are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityFeatures {}

/// Placeholder until its fields are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Authorization {}

/// Placeholder until its fields are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cors {}
