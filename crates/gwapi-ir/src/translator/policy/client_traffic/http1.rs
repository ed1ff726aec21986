//! `http1`: HTTP/1.1 trailers, header case, HTTP/1.0 and ignored upgrades on client connections.

use gwapi_model::envoy_gateway::Http1Settings;

use super::string_match;
use crate::ir::{Http1Settings as IrHttp1, Http10Settings};

/// The IR HTTP/1 settings of a policy's `http1`; with `useDefaultHost`, the listener's only hostname
/// (when it has exactly one that is not a wildcard) answers HTTP/1.0 requests without a Host.
pub(crate) fn convert(http1: Option<&Http1Settings>, hostnames: &[String]) -> Option<IrHttp1> {
    let h = http1?;
    let http10 = h.http10.as_ref().map(|t| Http10Settings {
        default_host: if t.use_default_host == Some(true) {
            match hostnames {
                [only] if !only.contains('*') => Some(only.clone()),
                _ => None,
            }
        } else {
            None
        },
    });
    Some(IrHttp1 {
        enable_trailers: h.enable_trailers == Some(true),
        preserve_header_case: h.preserve_header_case == Some(true),
        http10,
        disable_safe_max_connection_duration: h.disable_safe_max_connection_duration == Some(true),
        ignored_upgrade_types: string_match::convert_all(&h.ignored_upgrade_types),
    })
}
