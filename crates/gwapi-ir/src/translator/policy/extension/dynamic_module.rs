//! `dynamicModule`: filters from shared libraries (`ir.DynamicModule`). A policy names a module by the
//! logical name the fleet's EnvoyProxy registers (`dynamicModules`), which says where the library is
//! and how it loads; an unregistered module fails the routes closed.

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{DynamicModule, DynamicModuleEntry, EnvoyProxy};

use super::Built;
use crate::ir::{DynamicModule as IrDynamicModule, DynamicModuleSource, RemoteDynamicModule};

/// The IR dynamic modules of a policy's `dynamicModule` list, named
/// `envoyextensionpolicy/<ns>/<name>/dynamic-module/<index>`.
pub(super) fn convert(
    meta: &ObjectMeta,
    modules: &[DynamicModule],
    proxy: Option<&EnvoyProxy>,
) -> Built<IrDynamicModule> {
    let registered = proxy
        .map(|p| p.spec.dynamic_modules.as_slice())
        .unwrap_or_default();
    let mut built = Built::default();
    for (i, module) in modules.iter().enumerate() {
        let name = format!(
            "envoyextensionpolicy/{}/{}/dynamic-module/{i}",
            meta.namespace.as_deref().unwrap_or_default(),
            meta.name.as_deref().unwrap_or_default()
        );
        built.push(one(name, module, registered), false);
    }
    built
}

fn one(
    name: String,
    module: &DynamicModule,
    registered: &[DynamicModuleEntry],
) -> Result<IrDynamicModule, String> {
    let Some(entry) = registered.iter().find(|e| e.name == module.name) else {
        return Err(format!(
            "dynamic module {:?} is not registered in the EnvoyProxy dynamicModules allowlist",
            module.name
        ));
    };
    let source = if let Some(remote) = &entry.source.remote {
        DynamicModuleSource::Remote(RemoteDynamicModule {
            url: remote.url.clone(),
            sha256: remote.sha256.clone(),
        })
    } else if let Some(local) = &entry.source.local {
        DynamicModuleSource::Local(local.path.clone())
    } else {
        return Err(format!(
            "dynamic module {:?} has no source in the EnvoyProxy dynamicModules allowlist",
            module.name
        ));
    };
    Ok(IrDynamicModule {
        name,
        filter_name: module.filter_name.clone().unwrap_or_default(),
        source,
        config: module.config.clone().filter(|c| !c.is_null()),
        terminal_filter: module.terminal_filter == Some(true),
        do_not_close: entry.do_not_close == Some(true),
        load_globally: entry.load_globally == Some(true),
    })
}
