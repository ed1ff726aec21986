//! Merged EnvoyExtensionPolicies keep the identity of the policy each kind of extension comes from: a
//! route's policy merged onto its Gateway's takes each list it sets (`wasm`, `lua`, `extProc`,
//! `dynamicModule`) and the parent's others, and every extension is translated, named and resolved (its
//! backends, its ConfigMaps) as part of the policy that owns it.

use gwapi_model::envoy_gateway::{EnvoyExtensionPolicy, EnvoyExtensionPolicySpec, EnvoyProxy};

use super::{Extensions, translate_spec};
use crate::translator::context::Context;

/// The two halves of a merged spec: what the policy sets, and what it takes from its parent.
fn split(
    parent: &EnvoyExtensionPolicySpec,
    own: &EnvoyExtensionPolicySpec,
) -> (EnvoyExtensionPolicySpec, EnvoyExtensionPolicySpec) {
    fn pick<T: Clone>(own: &[T], parent: &[T]) -> (Vec<T>, Vec<T>) {
        if own.is_empty() {
            (Vec::new(), parent.to_vec())
        } else {
            (own.to_vec(), Vec::new())
        }
    }
    let (own_wasm, parent_wasm) = pick(&own.wasm, &parent.wasm);
    let (own_lua, parent_lua) = pick(&own.lua, &parent.lua);
    let (own_ext_proc, parent_ext_proc) = pick(&own.ext_proc, &parent.ext_proc);
    let (own_dm, parent_dm) = pick(&own.dynamic_module, &parent.dynamic_module);
    (
        EnvoyExtensionPolicySpec {
            wasm: own_wasm,
            lua: own_lua,
            ext_proc: own_ext_proc,
            dynamic_module: own_dm,
            ..EnvoyExtensionPolicySpec::default()
        },
        EnvoyExtensionPolicySpec {
            wasm: parent_wasm,
            lua: parent_lua,
            ext_proc: parent_ext_proc,
            dynamic_module: parent_dm,
            ..EnvoyExtensionPolicySpec::default()
        },
    )
}

/// The extensions of `policy` merged onto those of `parent`.
pub(super) fn translate(
    ctx: &Context<'_>,
    parent: &EnvoyExtensionPolicy,
    policy: &EnvoyExtensionPolicy,
    proxy: Option<&EnvoyProxy>,
) -> Result<Extensions, String> {
    let (own, inherited) = split(&parent.spec, &policy.spec);
    let own = translate_spec(ctx, &policy.metadata, &own, proxy);
    let inherited = translate_spec(ctx, &parent.metadata, &inherited, proxy);
    match (own, inherited) {
        (Ok(own), Ok(inherited)) => {
            let mut features = inherited.features;
            features.wasms.extend(own.features.wasms);
            features.luas.extend(own.features.luas);
            features.ext_procs.extend(own.features.ext_procs);
            features
                .dynamic_modules
                .extend(own.features.dynamic_modules);
            let failed: Vec<String> = [own.failed_open, inherited.failed_open]
                .into_iter()
                .flatten()
                .collect();
            Ok(Extensions {
                features,
                failed_open: (!failed.is_empty()).then(|| failed.join("\n")),
            })
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}
