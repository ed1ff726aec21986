//! EnvoyExtensionPolicy: extensions (ext_proc, Lua, Wasm, dynamic modules) on the requests of the targeted
//! Gateways, listeners and routes. Attachment, precedence and statuses go through the engine; each kind
//! of extension translates in its own module.
//!
//! Errors are reported per kind (`Wasm: ...`, `Lua: ...`, `ExtProc: ...`, `DynamicModule: ...`, one line
//! each) and make the policy `Invalid`. An extension that fails open (`failOpen: true`) is left out and
//! the rest still applies; any other failure fails the routes closed (a 500 direct response).

mod backend_tls_use;
mod destination;
mod dynamic_module;
mod ext_proc;
mod field_owner;
mod lua;
mod lua_check;
mod lua_lexer;
#[cfg(test)]
mod tests;
mod wasm;

use std::collections::BTreeMap;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{
    EnvoyExtensionPolicy, EnvoyExtensionPolicySpec, EnvoyProxy, MergeType,
};
use gwapi_model::resource::ResourceKind;

use super::engine::{self, PolicyKind};
use crate::ir::{EnvoyExtensionFeatures, HttpRoute, Xds};
use crate::translator::Statuses;
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::global_resources::envoy_client_certificate;

/// What translating one kind of extension produced: the extensions that translated, and the errors
/// of those that did not.
#[derive(Debug)]
pub(super) struct Built<T> {
    /// The translated extensions, in spec order.
    items: Vec<T>,
    /// What failed, one message each.
    errors: Vec<String>,
    /// Whether a failure must fail the routes closed (an extension without `failOpen` failed).
    fail_closed: bool,
}

impl<T> Default for Built<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            errors: Vec::new(),
            fail_closed: false,
        }
    }
}

impl<T> Built<T> {
    /// Records the outcome of one extension that fails open when `fail_open`.
    fn push(&mut self, result: Result<T, String>, fail_open: bool) {
        match result {
            Ok(item) => self.items.push(item),
            Err(e) => {
                self.errors.push(e);
                self.fail_closed |= !fail_open;
            }
        }
    }

    /// Records a failure of the whole kind (fails closed).
    fn fail(&mut self, error: String) {
        self.errors.push(error);
        self.fail_closed = true;
    }
}

/// What an EnvoyExtensionPolicy sets on a route, and why parts that failed open are missing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Extensions {
    features: EnvoyExtensionFeatures,
    failed_open: Option<String>,
}

/// Adds the errors of one kind of extension (prefixed with `label`) to `messages`.
fn report<T>(messages: &mut Vec<String>, closed: &mut bool, label: &str, built: &Built<T>) {
    if !built.errors.is_empty() {
        messages.push(format!("{label}: {}", built.errors.join("\n")));
    }
    *closed |= built.fail_closed;
}

/// Translates `spec` for routes of fleets configured by `proxy`.
fn translate_spec(
    ctx: &Context<'_>,
    meta: &ObjectMeta,
    spec: &EnvoyExtensionPolicySpec,
    proxy: Option<&EnvoyProxy>,
) -> Result<Extensions, String> {
    let wasms = wasm::convert(ctx, meta, &spec.wasm);
    let luas = lua::convert(ctx, meta, &spec.lua, proxy);
    let ext_procs = ext_proc::convert(ctx, meta, &spec.ext_proc);
    let dynamic_modules = dynamic_module::convert(meta, &spec.dynamic_module, proxy);
    let mut messages = Vec::new();
    let mut closed = false;
    report(&mut messages, &mut closed, "Wasm", &wasms);
    report(&mut messages, &mut closed, "Lua", &luas);
    report(&mut messages, &mut closed, "ExtProc", &ext_procs);
    report(
        &mut messages,
        &mut closed,
        "DynamicModule",
        &dynamic_modules,
    );
    let message = (!messages.is_empty()).then(|| messages.join("\n"));
    match message {
        Some(m) if closed => Err(m),
        failed_open => Ok(Extensions {
            features: EnvoyExtensionFeatures {
                ext_procs: ext_procs.items,
                wasms: wasms.items,
                luas: luas.items,
                dynamic_modules: dynamic_modules.items,
            },
            failed_open,
        }),
    }
}

impl PolicyKind for EnvoyExtensionPolicy {
    const KIND: &'static str = "EnvoyExtensionPolicy";
    const PLURAL: &'static str = "envoyExtensionPolicies";
    const RULES_WORD: &'static str = "envoyExtensionPolicies";
    const RESOURCE: ResourceKind = ResourceKind::EnvoyExtensionPolicy;
    const ROUTE_METADATA: bool = false;
    // A route whose own policy is invalid still gets the extensions of its Gateway's.
    const INVALID_CLAIMS_ROUTES: bool = false;
    type Spec = EnvoyExtensionPolicySpec;
    type Features = Extensions;

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn spec(&self) -> &Self::Spec {
        &self.spec
    }

    fn merge_type(spec: &Self::Spec) -> Option<&MergeType> {
        spec.merge_type.as_ref()
    }

    fn deprecated_fields(_spec: &Self::Spec) -> Vec<String> {
        Vec::new()
    }

    fn translate(
        ctx: &Context<'_>,
        meta: &ObjectMeta,
        spec: &Self::Spec,
    ) -> Result<Self::Features, String> {
        translate_spec(ctx, meta, spec, None)
    }

    fn translate_for(
        ctx: &Context<'_>,
        meta: &ObjectMeta,
        spec: &Self::Spec,
        proxy: Option<&EnvoyProxy>,
    ) -> Result<Self::Features, String> {
        translate_spec(ctx, meta, spec, proxy)
    }

    fn translate_merged(
        ctx: &Context<'_>,
        parent: &Self,
        policy: &Self,
        _merged: &Self::Spec,
        proxy: Option<&EnvoyProxy>,
    ) -> Result<Self::Features, String> {
        field_owner::translate(ctx, parent, policy, proxy)
    }

    fn partial_error(features: &Self::Features) -> Option<String> {
        features.failed_open.clone()
    }

    fn apply(features: &Self::Features, route: &mut HttpRoute) {
        route.envoy_extensions = Some(features.features.clone());
    }
}

/// Attaches every EnvoyExtensionPolicy (oldest first) and sets their statuses, then adds the policies
/// as ancestors of the BackendTLSPolicies of their backends.
pub(crate) fn process(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    let policies: Vec<&EnvoyExtensionPolicy> = ctx.snapshot.envoy_extension_policies().collect();
    engine::run(ctx, gateways, &policies, xds, statuses);
    backend_tls_use::record(ctx, &policies, statuses);
    backend_tls_use::fill_client_settings(ctx, gateways, xds);
    for fleet in xds.values_mut() {
        let uses_wasm = fleet.http.iter().flat_map(|l| &l.routes).any(|r| {
            r.envoy_extensions
                .as_ref()
                .is_some_and(|e| !e.wasms.is_empty())
        });
        if uses_wasm {
            // Envoy fetches Wasm code from Envoy Gateway with its client certificate.
            envoy_client_certificate::ensure(ctx, fleet);
        }
    }
}
