//! The IR of one proxy fleet's xDS (`ir.Xds`).
//!
//! (Being written: owned by IR helper 1.)

use serde::{Deserialize, Serialize};

/// Placeholder until its fields are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Xds {}
