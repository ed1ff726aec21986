//! PROXY protocol towards the backend (`ProxyProtocol`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// The PROXY protocol version (`ProxyProtocolVersion`).
    pub enum ProxyProtocolVersion {
        /// Version 1 (human readable).
        V1 = "V1",
        /// Version 2 (binary).
        V2 = "V2",
    }
}

/// Sends the PROXY protocol header on upstream connections (`ProxyProtocol`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyProtocol {
    /// The PROXY protocol version.
    pub version: ProxyProtocolVersion,
}
