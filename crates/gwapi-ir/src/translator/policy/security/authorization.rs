//! `authorization`: ordered allow/deny rules on the request's operation (methods, path) and its client
//! (address ranges, headers, JWT claims and scopes, locations), plus CEL expressions (`ir.Authorization`).

use std::net::IpAddr;

use gwapi_model::KnownValues;
use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{
    Authorization, AuthorizationAction, AuthorizationRule, JwtClaimValueType, Operation, Principal,
};
use gwapi_model::gateway_api::PathMatchType as ApiPathMatchType;

use crate::ir::{
    Authorization as IrAuthorization, AuthorizationAction as IrAction, AuthorizationHeaderMatch,
    AuthorizationOperation, AuthorizationPathMatch, AuthorizationRule as IrRule, CidrMatch,
    GeoAnonymousMatch, GeoLocationMatch, JwtClaim, JwtClaimValueType as IrClaimType, JwtPrincipal,
    PathMatchType, Principal as IrPrincipal,
};

/// A CIDR range as the IR writes it: the range, its prefix length and family.
pub(crate) fn cidr(text: &str) -> Result<CidrMatch, String> {
    let invalid = || format!("invalid CIDR {text}");
    let (address, length) = text.split_once('/').ok_or_else(invalid)?;
    let address: IpAddr = address.parse().map_err(|_| invalid())?;
    let mask_len: u32 = length.parse().map_err(|_| invalid())?;
    let max = if address.is_ipv6() { 128 } else { 32 };
    if mask_len > max {
        return Err(invalid());
    }
    Ok(CidrMatch {
        cidr: text.to_owned(),
        mask_len,
        is_ipv6: address.is_ipv6(),
        distinct: false,
        invert: false,
    })
}

fn action(a: &AuthorizationAction) -> Result<IrAction, String> {
    match a {
        AuthorizationAction::Allow => Ok(IrAction::Allow),
        AuthorizationAction::Deny => Ok(IrAction::Deny),
        AuthorizationAction::Unknown(s) => Err(format!("unknown authorization action {s}")),
    }
}

fn operation(op: &Operation) -> Result<AuthorizationOperation, String> {
    let path = op
        .path
        .as_ref()
        .map(|p| {
            let match_type = p
                .type_
                .as_ref()
                .map(|t| match t {
                    ApiPathMatchType::Exact => Ok(PathMatchType::Exact),
                    ApiPathMatchType::PathPrefix => Ok(PathMatchType::PathPrefix),
                    ApiPathMatchType::RegularExpression => Ok(PathMatchType::RegularExpression),
                    ApiPathMatchType::Unknown(s) => Err(format!("unknown path match type {s}")),
                })
                .transpose()?;
            Ok::<_, String>(AuthorizationPathMatch {
                match_type,
                value: p.value.clone(),
                invert: p.invert == Some(true),
            })
        })
        .transpose()?;
    Ok(AuthorizationOperation {
        methods: op.methods.iter().map(|m| m.as_str().to_owned()).collect(),
        path,
    })
}

fn principal(p: &Principal) -> Result<IrPrincipal, String> {
    let client_cidrs = p
        .client_cidrs
        .iter()
        .map(|c| cidr(c))
        .collect::<Result<Vec<_>, _>>()?;
    let jwt = p.jwt.as_ref().map(|j| JwtPrincipal {
        provider: j.provider.clone(),
        claims: j
            .claims
            .iter()
            .map(|c| JwtClaim {
                name: c.name.clone(),
                value_type: c.value_type.as_ref().map(|t| match t {
                    JwtClaimValueType::StringArray => IrClaimType::StringArray,
                    _ => IrClaimType::String,
                }),
                values: c.values.clone(),
            })
            .collect(),
        scopes: j.scopes.clone(),
    });
    Ok(IrPrincipal {
        client_cidrs,
        jwt,
        headers: p
            .headers
            .iter()
            .map(|h| AuthorizationHeaderMatch {
                name: h.name.clone(),
                values: h.values.clone(),
            })
            .collect(),
        client_ip_geo_locations: p
            .client_ip_geo_locations
            .iter()
            .map(|g| GeoLocationMatch {
                country: g.country.clone(),
                region: g.region.clone(),
                city: g.city.clone(),
                asn: g.asn,
                isp: g.isp.clone(),
                anonymous: g.anonymous.as_ref().map(|a| GeoAnonymousMatch {
                    is_anonymous: a.is_anonymous,
                    is_vpn: a.is_vpn,
                    is_hosting: a.is_hosting,
                    is_tor: a.is_tor,
                    is_proxy: a.is_proxy,
                }),
            })
            .collect(),
    })
}

fn rule(meta: &ObjectMeta, index: usize, r: &AuthorizationRule) -> Result<IrRule, String> {
    let name = r.name.clone().unwrap_or_else(|| {
        format!(
            "securitypolicy/{}/{}/authorization/rule/{index}",
            meta.namespace.as_deref().unwrap_or_default(),
            meta.name.as_deref().unwrap_or_default()
        )
    });
    Ok(IrRule {
        name,
        action: action(&r.action)?,
        operation: r.operation.as_ref().map(operation).transpose()?,
        principal: r
            .principal
            .as_ref()
            .map(principal)
            .transpose()?
            .unwrap_or_default(),
        cel: r.cel.clone(),
    })
}

/// The IR authorization of a SecurityPolicy's `authorization`; the default action is Deny.
pub(crate) fn convert(
    meta: &ObjectMeta,
    authorization: Option<&Authorization>,
) -> Result<Option<IrAuthorization>, String> {
    let Some(a) = authorization else {
        return Ok(None);
    };
    let default_action = a
        .default_action
        .as_ref()
        .map(action)
        .transpose()?
        .unwrap_or(IrAction::Deny);
    let rules = a
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| rule(meta, i, r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(IrAuthorization {
        default_action,
        rules,
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn cidrs_carry_length_and_family() {
        let v4 = cidr("10.0.0.0/8").unwrap();
        assert_eq!((v4.mask_len, v4.is_ipv6), (8, false));
        let v6 = cidr("2001:db8::/32").unwrap();
        assert_eq!((v6.mask_len, v6.is_ipv6), (32, true));
        assert!(cidr("10.0.0.0/33").is_err());
        assert!(cidr("nope").is_err());
    }

    #[test]
    fn unnamed_rules_are_named_after_the_policy() {
        let meta = ObjectMeta {
            name: Some("p".to_owned()),
            namespace: Some("ns".to_owned()),
            ..ObjectMeta::default()
        };
        let a = Authorization {
            rules: vec![AuthorizationRule {
                name: None,
                action: AuthorizationAction::Allow,
                operation: None,
                principal: None,
                cel: None,
            }],
            default_action: None,
        };
        let ir = convert(&meta, Some(&a)).unwrap().unwrap();
        assert_eq!(ir.default_action, IrAction::Deny);
        assert_eq!(ir.rules[0].name, "securitypolicy/ns/p/authorization/rule/0");
    }
}
