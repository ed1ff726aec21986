//! EnvoyPatchPolicy patches carried in the IR.
//!
//! (Being written: owned by IR helper 3.)

use serde::{Deserialize, Serialize};

/// Placeholder until its fields are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyPatchPolicy {}
