//! `envoy.filters.http.buffer`: whole-request buffering up to a limit (BackendTrafficPolicy
//! `requestBuffer`). The listener gets a disabled filter, each buffering route its limit.

use envoy_types::pb::envoy::config::route::v3::{Route, route::Action};
use envoy_types::pb::envoy::extensions::filters::http::buffer::v3::{
    Buffer, BufferPerRoute, buffer_per_route::Override,
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::filter;
use crate::Result;
use crate::any::pack;
use crate::wkt::uint32;

/// The filter name, also the key of its per-route configuration.
const NAME: &str = "envoy.filters.http.buffer";

/// The limit of `route` in bytes, if it buffers requests and its limit is a valid quantity.
fn limit(route: &HttpRoute) -> Option<u32> {
    let buffer = route.traffic.as_ref()?.request_buffer.as_ref()?;
    quantity_bytes(&buffer.limit)
}

/// A Kubernetes quantity (`4Mi`, `512k`, `1024`) in bytes, if it fits in 32 bits.
fn quantity_bytes(quantity: &str) -> Option<u32> {
    let quantity = quantity.trim();
    let digits = quantity
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(quantity.len());
    let (number, suffix) = quantity.split_at(digits);
    let number: u64 = number.parse().ok()?;
    let factor: u64 = match suffix {
        "" => 1,
        "k" => 1_000,
        "M" => 1_000_000,
        "G" => 1_000_000_000,
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        _ => return None,
    };
    u32::try_from(number.checked_mul(factor)?).ok()
}

fn buffer(bytes: u32) -> Buffer {
    Buffer {
        max_request_bytes: Some(uint32(bytes)),
    }
}

/// The request buffer filter.
pub(crate) struct BufferFilter;

impl HttpFilterBuilder for BufferFilter {
    fn build(&self, listener: &HttpListener) -> Result<Option<HttpFilter>> {
        Ok(listener
            .routes
            .iter()
            .find_map(limit)
            .map(|bytes| filter(NAME, pack(&buffer(bytes)), true)))
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        limit(route).map_or_else(Vec::new, |bytes| {
            let config = BufferPerRoute {
                r#override: Some(Override::Buffer(buffer(bytes))),
            };
            vec![(NAME.to_owned(), pack(&config))]
        })
    }

    /// Buffered routes cannot be upgraded (to WebSocket): a buffered request has no stream to hand over.
    fn patch_route(&self, route: &HttpRoute, out: &mut Route) {
        if limit(route).is_some()
            && let Some(Action::Route(action)) = &mut out.action
        {
            action.upgrade_configs.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    #[test]
    fn quantities() {
        assert_eq!(super::quantity_bytes("4Mi"), Some(4_194_304));
        assert_eq!(super::quantity_bytes("10k"), Some(10_000));
        assert_eq!(super::quantity_bytes("12"), Some(12));
        assert_eq!(super::quantity_bytes("8Ti"), None);
        assert_eq!(super::quantity_bytes("x"), None);
    }
}
