//! Authorization rules on client locations (`clientIPGeoLocations`) need the fleet's GeoIP provider
//! (EnvoyProxy `geoIP`) and a client address the listener trusts (ClientTrafficPolicy
//! `clientIPDetection`, not `xForwardedFor.trustedCIDRs`). Checked per listener once policies are
//! attached: the routes of a listener that lacks them fail closed and the policy is invalid there.

use std::collections::BTreeMap;

use gwapi_model::ConditionStatus;
use gwapi_model::envoy_gateway::{Authorization, GeoIpDbSource, SecurityPolicy};
use gwapi_model::resource::{ObjectKey, ResourceKind};

use super::authorization;
use crate::ir::{DirectResponse, GeoIpProvider, HttpListener, MaxMindDatabases, Xds};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::index::ns_name;
use crate::translator::{ObjectStatus, Statuses};

/// Why `listener` of `gateway` cannot match client locations, if it cannot.
fn requirement(gateway: &GatewayCtx<'_>, listener: &HttpListener) -> Option<&'static str> {
    if gateway
        .envoy_proxy
        .as_ref()
        .and_then(|p| p.spec.geo_ip.as_ref())
        .is_none()
    {
        return Some(
            "authorization clientIPGeoLocations requires EnvoyProxy.spec.geoIP.provider to be \
             configured",
        );
    }
    let Some(detection) = &listener.client_ip_detection else {
        return Some(
            "authorization clientIPGeoLocations requires \
             ClientTrafficPolicy.spec.clientIPDetection to be configured",
        );
    };
    if detection
        .x_forwarded_for
        .as_ref()
        .is_some_and(|x| !x.trusted_cidrs.is_empty())
    {
        return Some(
            "authorization clientIPGeoLocations does not support \
             ClientIPDetection.XForwardedFor.TrustedCIDRs",
        );
    }
    None
}

/// The GeoIP databases of `gateway`'s fleet, as its listeners use them.
fn provider(gateway: &GatewayCtx<'_>) -> Option<GeoIpProvider> {
    let geo = gateway.envoy_proxy.as_ref()?.spec.geo_ip.as_ref()?;
    let path = |s: Option<&GeoIpDbSource>| s.map(|s| s.local.path.clone());
    Some(GeoIpProvider {
        max_mind: geo.provider.max_mind.as_ref().map(|m| MaxMindDatabases {
            city_db_path: path(m.city_db_source.as_ref()),
            country_db_path: path(m.country_db_source.as_ref()),
            asn_db_path: path(m.asn_db_source.as_ref()),
            isp_db_path: path(m.isp_db_source.as_ref()),
            anonymous_ip_db_path: path(m.anonymous_ip_db_source.as_ref()),
        }),
    })
}

fn uses_locations(a: &Authorization) -> bool {
    a.rules.iter().any(|r| {
        r.principal
            .as_ref()
            .is_some_and(|p| !p.client_ip_geo_locations.is_empty())
    })
}

/// Fails closed the routes whose location rules their listener cannot serve, and marks their policies
/// invalid on the Gateways (and listeners) concerned.
pub(crate) fn check(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    for policy in ctx.snapshot.security_policies() {
        let Some(a) = policy
            .spec
            .authorization
            .as_ref()
            .filter(|a| uses_locations(a))
        else {
            continue;
        };
        let Ok(Some(rules)) = authorization::convert(&policy.metadata, Some(a)) else {
            continue;
        };
        // (Gateway namespace, Gateway name, listener section, why).
        let mut problems = Vec::new();
        for gateway in gateways {
            let Some(fleet) = xds.get_mut(&gateway.ir_key) else {
                continue;
            };
            let prefix = format!("{}/{}/", gateway.namespace, gateway.name);
            for listener in &mut fleet.http {
                let Some(section) = listener.name.strip_prefix(prefix.as_str()) else {
                    continue;
                };
                let Some(why) = requirement(gateway, listener) else {
                    let governed = listener.routes.iter().any(|r| {
                        r.security.as_ref().and_then(|s| s.authorization.as_ref()) == Some(&rules)
                    });
                    if governed {
                        listener.geo_ip_provider = provider(gateway);
                    }
                    continue;
                };
                let section = section.to_owned();
                for route in &mut listener.routes {
                    let governed = route
                        .security
                        .as_ref()
                        .and_then(|s| s.authorization.as_ref())
                        == Some(&rules);
                    if governed {
                        route.direct_response = Some(DirectResponse {
                            status_code: 500,
                            body: None,
                        });
                        problems.push((
                            gateway.namespace.clone(),
                            gateway.name.clone(),
                            section.clone(),
                            why,
                        ));
                    }
                }
            }
        }
        mark_invalid(policy, &problems, statuses);
    }
}

/// `Accepted=False, Invalid` on the ancestors of `policy` that name a Gateway (and listener) with a
/// problem.
fn mark_invalid(
    policy: &SecurityPolicy,
    problems: &[(String, String, String, &str)],
    statuses: &mut Statuses,
) {
    let (namespace, name) = ns_name(&policy.metadata);
    let key = ObjectKey {
        kind: ResourceKind::SecurityPolicy,
        namespace,
        name,
    };
    let Some(ObjectStatus::Policy(status)) = statuses.get_mut(&key) else {
        return;
    };
    for ancestor in &mut status.ancestors {
        let r = &ancestor.ancestor_ref;
        let Some((_, _, _, why)) = problems.iter().find(|(ns, gw, section, _)| {
            r.namespace.as_deref() == Some(ns.as_str())
                && r.name == *gw
                && r.section_name.as_deref().is_none_or(|s| s == section)
        }) else {
            continue;
        };
        for c in ancestor
            .conditions
            .iter_mut()
            .filter(|c| c.type_ == "Accepted")
        {
            c.status = ConditionStatus::False;
            "Invalid".clone_into(&mut c.reason);
            c.message = format!("Authorization: {why}.");
        }
    }
}
