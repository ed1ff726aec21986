//! EnvoyProxy `filterOrder`: where HTTP filters move in each listener's filter chain, carried in the
//! fleet's IR in the order given (the xDS translation applies it).

use gwapi_model::KnownValues;
use gwapi_model::envoy_gateway::FilterPosition;

use crate::ir::FilterPosition as IrFilterPosition;

/// The IR filter order of an EnvoyProxy's `filterOrder`.
pub(crate) fn convert(order: &[FilterPosition]) -> Vec<IrFilterPosition> {
    order
        .iter()
        .map(|p| IrFilterPosition {
            name: p.name.as_str().to_owned(),
            before: p.before.as_ref().map(|f| f.as_str().to_owned()),
            after: p.after.as_ref().map(|f| f.as_str().to_owned()),
        })
        .collect()
}
