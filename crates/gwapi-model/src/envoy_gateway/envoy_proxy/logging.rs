//! Log levels of the proxies (`ProxyLogging`) and the log levels shared with the `EnvoyGateway` configuration.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// A log level of Envoy Gateway or of Envoy (`LogLevel`).
    pub enum LogLevel {
        /// Trace.
        Trace = "trace",
        /// Debug.
        Debug = "debug",
        /// Info.
        Info = "info",
        /// Warn.
        Warn = "warn",
        /// Error.
        Error = "error",
        /// Logging disabled.
        Off = "off",
        /// Critical.
        Critical = "critical",
    }
}

crate::string_enum! {
    /// An Envoy logging component (`ProxyLogComponent`).
    pub enum ProxyLogComponent {
        /// Every component without its own level.
        Default = "default",
        /// `upstream`.
        Upstream = "upstream",
        /// `http`.
        Http = "http",
        /// `connection`.
        Connection = "connection",
        /// `admin`.
        Admin = "admin",
        /// `client`.
        Client = "client",
        /// `filter`.
        Filter = "filter",
        /// `main`.
        Main = "main",
        /// `router`.
        Router = "router",
        /// `runtime`.
        Runtime = "runtime",
    }
}

/// Log levels of the proxies (`ProxyLogging`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProxyLogging {
    /// The level of each component; `default: warn` when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub level: BTreeMap<ProxyLogComponent, LogLevel>,
}
