//! Several IR listeners on one port share one HTTP connection manager: the filters the later listeners
//! need are merged into the chain of the first, in chain order.

use envoy_types::pb::envoy::config::listener::v3::{Listener, filter};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::{
    HttpConnectionManager, HttpFilter,
};
use gwapi_ir::ir::{FilterPosition, HttpListener};
use prost::Message;

use super::FilterKind;
use crate::Result;
use crate::any::pack;

/// The rank of `filter` in chain order (its kind's position), and its instance order.
fn rank(filter: &HttpFilter) -> (usize, u64, String) {
    let kind = FilterKind::ALL
        .iter()
        .enumerate()
        .filter(|(_, k)| {
            let prefix = k.type_name();
            filter.name.strip_prefix(prefix).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('/') || rest.starts_with('.')
            })
        })
        .max_by_key(|(_, k)| k.type_name().len())
        .map_or(usize::MAX / 2, |(i, _)| i);
    (
        kind,
        super::per_route::instance_index(&filter.name),
        filter.name.clone(),
    )
}

/// Adds the filters `ir` needs and the default chain of `listener` lacks.
pub(crate) fn merge_into_default_chain(
    listener: &mut Listener,
    ir: &HttpListener,
    positions: &[FilterPosition],
) -> Result<()> {
    let needed = super::chain(ir)?;
    let Some(chain) = listener.default_filter_chain.as_mut() else {
        return Ok(());
    };
    for f in &mut chain.filters {
        let Some(filter::ConfigType::TypedConfig(any)) = &mut f.config_type else {
            continue;
        };
        let Ok(mut hcm) = HttpConnectionManager::decode(any.value.as_slice()) else {
            continue;
        };
        let before = hcm.http_filters.len();
        for filter in &needed {
            if !hcm.http_filters.iter().any(|f| f.name == filter.name) {
                hcm.http_filters.push(filter.clone());
            }
        }
        if hcm.http_filters.len() != before {
            hcm.http_filters.sort_by_key(rank);
            super::reorder(&mut hcm.http_filters, positions);
            *any = pack(&hcm);
        }
    }
    Ok(())
}
