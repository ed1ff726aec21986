//! The EnvoyProxy of a fleet: the class's (through its parametersRef) merged over the configured defaults,
//! replaced by the Gateway's own (through `spec.infrastructure.parametersRef`) when it names one.

use gwapi_model::envoy_gateway::{EnvoyProxy, EnvoyProxySpec};
use gwapi_model::gateway_api::{Gateway, GatewayClass};
use serde_json::Value;

use crate::translator::context::Context;
use crate::translator::index::ns_name;
use crate::translator::telemetry::validate;

/// Which object a fleet's EnvoyProxy comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ProxyOrigin {
    /// None: the fleet runs on the defaults.
    Defaults,
    /// The GatewayClass's parametersRef.
    Class,
    /// The Gateway's `spec.infrastructure.parametersRef`.
    Gateway,
}

/// The EnvoyProxy a Gateway uses, where it comes from, and what makes it invalid.
#[derive(Clone, Debug)]
pub(crate) struct ProxyCheck {
    /// Where the EnvoyProxy comes from.
    pub origin: ProxyOrigin,
    /// Its namespace and name (empty for the defaults).
    pub key: (String, String),
    /// Why it is invalid (empty = valid).
    pub problems: Vec<String>,
    /// Settings that cannot be used together (the EnvoyProxy itself stays accepted).
    pub conflict: Option<&'static str>,
}

impl ProxyCheck {
    /// Whether the Gateway cannot use the EnvoyProxy (it is then not accepted).
    pub fn is_invalid(&self) -> bool {
        !self.problems.is_empty() || self.conflict.is_some()
    }

    /// The problems as one message (the EnvoyProxy's condition).
    pub fn message(&self) -> String {
        validate::aggregate(&self.problems)
    }

    /// The message of the Gateway's `Accepted: False` condition.
    pub fn gateway_message(&self) -> String {
        match self.conflict {
            Some(conflict) if self.problems.is_empty() => conflict.to_owned(),
            _ => format!("Invalid parametersRef:: {}", self.message()),
        }
    }
}

/// Checks the EnvoyProxy `proxy` a Gateway uses.
pub(super) fn check(
    ctx: &Context<'_>,
    gateway: &Gateway,
    proxy: Option<&EnvoyProxy>,
) -> ProxyCheck {
    let Some(proxy) = proxy else {
        return ProxyCheck {
            origin: ProxyOrigin::Defaults,
            key: (String::new(), String::new()),
            problems: Vec::new(),
            conflict: None,
        };
    };
    let origin = if own_ref(ctx, gateway).is_some() {
        ProxyOrigin::Gateway
    } else {
        ProxyOrigin::Class
    };
    ProxyCheck {
        origin,
        key: ns_name(&proxy.metadata),
        problems: problems(&proxy.spec),
        conflict: (proxy.spec.merge_gateways == Some(true) && proxy.spec.merge_backends.is_some())
            .then_some("mergeGateways and mergeBackends cannot both be enabled"),
    }
}

/// Why an EnvoyProxy with `spec` cannot be used (empty = it can): its custom bootstrap, then its
/// telemetry.
pub(super) fn problems(spec: &EnvoyProxySpec) -> Vec<String> {
    spec.bootstrap
        .as_ref()
        .and_then(super::envoy_proxy_bootstrap::problem)
        .into_iter()
        .chain(validate::problems(spec))
        .collect()
}

/// The EnvoyProxy the class names, merged over the defaults.
pub(super) fn of_class(ctx: &Context<'_>, class: &GatewayClass) -> Option<EnvoyProxy> {
    let found = class.spec.parameters_ref.as_ref().and_then(|r| {
        if r.kind != "EnvoyProxy" {
            return None;
        }
        find(ctx, r.namespace.as_deref().unwrap_or_default(), &r.name)
    });
    let defaults = ctx.config.envoy_proxy_defaults.as_deref();
    match (found, defaults) {
        (Some(mut proxy), Some(defaults)) => {
            proxy.spec = merge_spec(defaults, &proxy.spec);
            Some(proxy)
        }
        (found, _) => found,
    }
}

/// The EnvoyProxy of a Gateway's fleet.
pub(super) fn of_gateway(
    ctx: &Context<'_>,
    gateway: &Gateway,
    class_proxy: Option<&EnvoyProxy>,
) -> Option<EnvoyProxy> {
    own_ref(ctx, gateway).or_else(|| class_proxy.cloned())
}

/// The EnvoyProxy the Gateway names itself, if it exists.
fn own_ref(ctx: &Context<'_>, gateway: &Gateway) -> Option<EnvoyProxy> {
    gateway
        .spec
        .infrastructure
        .as_ref()
        .and_then(|i| i.parameters_ref.as_ref())
        .filter(|r| r.kind == "EnvoyProxy")
        .and_then(|r| {
            find(
                ctx,
                gateway.metadata.namespace.as_deref().unwrap_or_default(),
                &r.name,
            )
        })
}

fn find(ctx: &Context<'_>, namespace: &str, name: &str) -> Option<EnvoyProxy> {
    ctx.snapshot
        .envoy_proxies()
        .find(|p| {
            p.metadata.namespace.as_deref().unwrap_or_default() == namespace
                && p.metadata.name.as_deref() == Some(name)
        })
        .cloned()
}

/// `over` merged over `base` (objects merge key by key, everything else is replaced).
fn merge_spec(base: &EnvoyProxySpec, over: &EnvoyProxySpec) -> EnvoyProxySpec {
    let (Ok(mut b), Ok(o)) = (serde_json::to_value(base), serde_json::to_value(over)) else {
        return over.clone();
    };
    merge_json(&mut b, o);
    serde_json::from_value(b).unwrap_or_else(|_| over.clone())
}

fn merge_json(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge_json(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}
