//! RequestMirror: a copy of each request (or a share of them) sent to another backend.

use gwapi_model::gateway_api::{BackendRef, HttpRequestMirrorFilter};

use super::RuleRef;
use crate::ir::{HttpRoute, MirrorPolicy, RouteDestination};
use crate::names;
use crate::translator::context::Context;
use crate::translator::route::NotAccepted;
use crate::translator::route::backend_refs;

/// Adds the mirror of filter `index` to `out`.
pub(crate) fn apply(
    ctx: &Context<'_>,
    rule: RuleRef<'_>,
    index: usize,
    filter: &HttpRequestMirrorFilter,
    out: &mut HttpRoute,
) -> Result<(), NotAccepted> {
    let r = &filter.backend_ref;
    let backend = BackendRef {
        group: r.group.clone(),
        kind: r.kind.clone(),
        name: r.name.clone(),
        namespace: r.namespace.clone(),
        port: r.port,
        weight: None,
    };
    let mut setting =
        backend_refs::resolve(ctx, rule.route, &backend, rule.protocol).map_err(|e| {
            NotAccepted {
                reason: e.reason,
                message: backend_refs::sentence(format!(
                    "Failed to validate the RequestMirror filter: {}",
                    e.message
                )),
            }
        })?;
    if setting.endpoints.is_empty() {
        let e = backend_refs::no_endpoints(&setting);
        return Err(NotAccepted {
            reason: e.reason,
            message: format!("Failed to validate the RequestMirror filter: {}", e.message),
        });
    }
    let name = names::mirror_name(rule.rule_name, index);
    setting.name = format!("{name}/backend/-1");
    setting.weight = Some(1);
    let percentage = match (filter.percent, &filter.fraction) {
        (Some(p), _) => Some(f64::from(p)),
        (None, Some(f)) => {
            let denominator = f.denominator.unwrap_or(100);
            (denominator != 0).then(|| f64::from(f.numerator) * 100.0 / f64::from(denominator))
        }
        (None, None) => None,
    };
    #[allow(clippy::cast_possible_truncation)] // a percentage fits in f32
    let percentage = percentage.map(|p| p as f32);
    out.mirrors.push(MirrorPolicy {
        destination: RouteDestination {
            name,
            settings: vec![setting],
            ..RouteDestination::default()
        },
        percentage,
    });
    Ok(())
}
