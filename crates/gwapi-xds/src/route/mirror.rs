//! Request mirroring: a copy of each request (or of a share of them) to other clusters.

use envoy_types::pb::envoy::config::core::v3::RuntimeFractionalPercent;
use envoy_types::pb::envoy::config::route::v3::route_action::RequestMirrorPolicy;
use envoy_types::pb::envoy::r#type::v3::{FractionalPercent, fractional_percent::DenominatorType};
use gwapi_ir::ir::MirrorPolicy;

use crate::names;

/// The mirror policy of `mirror`: all requests, or `percentage` of them (to a millionth).
pub(crate) fn policy(mirror: &MirrorPolicy) -> RequestMirrorPolicy {
    let fraction = match mirror.percentage {
        Some(p) => FractionalPercent {
            // A percentage of at most 100 times 10 000 fits a u32.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            numerator: (f64::from(p) * 10_000.0).round() as u32,
            denominator: DenominatorType::Million.into(),
        },
        None => FractionalPercent {
            numerator: 100,
            denominator: DenominatorType::Hundred.into(),
        },
    };
    RequestMirrorPolicy {
        cluster: names::cluster(&mirror.destination.name),
        runtime_fraction: Some(RuntimeFractionalPercent {
            default_value: Some(fraction),
            ..RuntimeFractionalPercent::default()
        }),
        disable_shadow_host_suffix_append: true,
        ..RequestMirrorPolicy::default()
    }
}
