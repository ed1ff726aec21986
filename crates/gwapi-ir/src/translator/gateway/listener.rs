//! Validation of one listener: protocol and supported route kinds, allowed namespaces, TLS, hostname.

use gwapi_model::core::LabelSelector;
use gwapi_model::gateway_api::{
    FromNamespaces, Listener, ProtocolType, RouteGroupKind, TlsModeType,
};
use gwapi_model::{Condition, KnownValues as _};

use super::tls;
use super::{ListenerCtx, ListenerOwner};
use crate::translator::conditions::{failed, set_condition, types};
use crate::translator::context::Context;

/// The group of every Gateway API route kind.
pub(crate) const GATEWAY_API_GROUP: &str = "gateway.networking.k8s.io";

/// Validates `listener` of `gateway`.
pub(super) fn validate<'a>(
    ctx: &Context<'a>,
    owner: ListenerOwner,
    listener: &'a Listener,
) -> ListenerCtx<'a> {
    let mut out = ListenerCtx {
        listener,
        owner,
        conditions: Vec::new(),
        supported_kinds: Vec::new(),
        certificates: Vec::new(),
        notes: Vec::new(),
        tls_overlaps: false,
        client_validation: None,
    };
    match &listener.protocol {
        ProtocolType::Http | ProtocolType::Https => {
            allowed_routes(&mut out, &["HTTPRoute", "GRPCRoute"]);
        }
        // A TLS listener that terminates also carries TCPRoutes.
        ProtocolType::Tls
            if listener.tls.as_ref().and_then(|t| t.mode.as_ref())
                == Some(&TlsModeType::Passthrough) =>
        {
            allowed_routes(&mut out, &["TLSRoute"]);
        }
        ProtocolType::Tls => allowed_routes(&mut out, &["TCPRoute", "TLSRoute"]),
        ProtocolType::Tcp => allowed_routes(&mut out, &["TCPRoute"]),
        ProtocolType::Udp => allowed_routes(&mut out, &["UDPRoute"]),
        ProtocolType::Unknown(other) => set_condition(
            &mut out.conditions,
            failed(
                types::ACCEPTED,
                "UnsupportedProtocol",
                format!("Protocol {other} is unsupported, must be HTTP, HTTPS, TCP or UDP."),
            ),
        ),
    }
    allowed_namespaces(&mut out);
    tls::validate(ctx, &mut out);
    if listener.protocol == ProtocolType::Udp && listener.hostname.is_some() {
        invalid(
            &mut out.conditions,
            "Listener must not have hostname set when protocol is UDP.",
        );
    }
    out
}

/// Sets `Programmed: False` with reason `Invalid`.
pub(super) fn invalid(conditions: &mut Vec<Condition>, message: &str) {
    set_condition(
        conditions,
        failed(types::PROGRAMMED, "Invalid", message.to_owned()),
    );
}

/// Computes the supported kinds from `allowedRoutes.kinds` and the kinds the protocol can carry.
fn allowed_routes(out: &mut ListenerCtx<'_>, can_support: &[&str]) {
    let kinds = out
        .listener
        .allowed_routes
        .as_ref()
        .map(|a| a.kinds.as_slice())
        .unwrap_or_default();
    if kinds.is_empty() {
        out.supported_kinds = can_support
            .iter()
            .map(|k| RouteGroupKind {
                group: Some(GATEWAY_API_GROUP.to_owned()),
                kind: (*k).to_owned(),
            })
            .collect();
        return;
    }
    let mut supported = Vec::new();
    let mut unsupported = Vec::new();
    for kind in kinds {
        if kind
            .group
            .as_deref()
            .is_some_and(|g| g != GATEWAY_API_GROUP)
        {
            set_condition(
                &mut out.conditions,
                failed(
                    types::RESOLVED_REFS,
                    "InvalidRouteKinds",
                    format!("Group is not supported, group must be {GATEWAY_API_GROUP}"),
                ),
            );
            continue;
        }
        if can_support.contains(&kind.kind.as_str()) {
            supported.push(kind.clone());
        } else {
            unsupported.push(kind.kind.clone());
        }
    }
    let printed: Vec<&str> = if supported.is_empty() {
        can_support.to_vec()
    } else {
        supported.iter().map(|k| k.kind.as_str()).collect()
    };
    for kind in unsupported {
        set_condition(
            &mut out.conditions,
            failed(
                types::RESOLVED_REFS,
                "InvalidRouteKinds",
                format!(
                    "{kind} is not supported, kind must be one of [{}]",
                    printed.join(" ")
                ),
            ),
        );
    }
    out.supported_kinds = supported;
}

/// Checks that an `allowedRoutes.namespaces.selector` can be parsed.
fn allowed_namespaces(out: &mut ListenerCtx<'_>) {
    let Some(namespaces) = out
        .listener
        .allowed_routes
        .as_ref()
        .and_then(|a| a.namespaces.as_ref())
    else {
        return;
    };
    if namespaces.from != Some(FromNamespaces::Selector) {
        return;
    }
    if let Some(error) = namespaces.selector.as_ref().and_then(selector_error) {
        invalid(
            &mut out.conditions,
            &format!("The allowedRoutes.namespaces.selector could not be parsed: {error}."),
        );
    }
}

/// Why a label selector cannot be parsed (Kubernetes' `LabelSelectorAsSelector` messages).
pub(crate) fn selector_error(selector: &LabelSelector) -> Option<String> {
    for expr in selector.match_expressions.iter().flatten() {
        let values = expr.values.clone().unwrap_or_default();
        match expr.operator.as_str() {
            "In" | "NotIn" if values.is_empty() => {
                return Some(
                    "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"
                        .to_owned(),
                );
            }
            "Exists" | "DoesNotExist" if !values.is_empty() => {
                let list = serde_json::to_string(&values).unwrap_or_default();
                return Some(format!(
                    "values: Invalid value: {list}: values set must be empty for exists and does not exist"
                ));
            }
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => return Some(format!("{other:?} is not a valid label selector operator")),
        }
    }
    None
}

/// Whether `labels` match `selector` (an unparseable selector matches nothing).
pub(crate) fn selector_matches(
    selector: &LabelSelector,
    labels: &std::collections::BTreeMap<String, String>,
) -> bool {
    if selector_error(selector).is_some() {
        return false;
    }
    let labels_ok = selector
        .match_labels
        .iter()
        .flatten()
        .all(|(k, v)| labels.get(k) == Some(v));
    labels_ok
        && selector.match_expressions.iter().flatten().all(|e| {
            let values = e.values.clone().unwrap_or_default();
            let value = labels.get(&e.key);
            match e.operator.as_str() {
                "In" => value.is_some_and(|v| values.contains(v)),
                "NotIn" => value.is_none_or(|v| !values.contains(v)),
                "Exists" => value.is_some(),
                _ => value.is_none(),
            }
        })
}

/// The protocol name of a listener, as written (`HTTP`, ...).
pub(crate) fn protocol_name(protocol: &ProtocolType) -> &str {
    protocol.as_str()
}
