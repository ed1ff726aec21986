//! What an echo pod's spec says about its files and settings: the literal environment variables of a
//! container, and the content of a file mounted into it from a Secret or ConfigMap volume.

use std::collections::BTreeMap;

use serde_json::Value;

use super::world::World;

/// The literal environment variables of a container.
pub(super) fn literal_env(container: &Value) -> BTreeMap<String, String> {
    container
        .get("env")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            Some((
                e.get("name")?.as_str()?.to_owned(),
                e.get("value")?.as_str()?.to_owned(),
            ))
        })
        .collect()
}

/// The content of the file at `path` in `container`: a key of the Secret or ConfigMap mounted there.
pub(super) fn mounted_file(
    world: &World,
    namespace: &str,
    template: &Value,
    container: &Value,
    path: &str,
) -> Option<Vec<u8>> {
    let (volume_name, relative) =
        container
            .get("volumeMounts")?
            .as_array()?
            .iter()
            .find_map(|m| {
                let mount = m.get("mountPath")?.as_str()?.trim_end_matches('/');
                let relative = path.strip_prefix(mount)?.strip_prefix('/')?;
                Some((m.get("name")?.as_str()?, relative))
            })?;
    let volume = template
        .get("volumes")?
        .as_array()?
        .iter()
        .find(|v| v.get("name").and_then(Value::as_str) == Some(volume_name))?;
    let key_of = |source: &Value| -> String {
        source
            .get("items")
            .and_then(Value::as_array)
            .and_then(|items| {
                items.iter().find_map(|i| {
                    (i.get("path")?.as_str()? == relative)
                        .then(|| i.get("key")?.as_str().map(str::to_owned))?
                })
            })
            .unwrap_or_else(|| relative.to_owned())
    };
    if let Some(source) = volume.get("secret") {
        let name = source.get("secretName")?.as_str()?;
        let Some(gwapi_model::resource::Resource::Secret(secret)) =
            world.find("Secret", namespace, name)
        else {
            return None;
        };
        return secret
            .data
            .as_ref()?
            .get(&key_of(source))
            .map(|b| b.0.clone());
    }
    let source = volume.get("configMap")?;
    let name = source.get("name")?.as_str()?;
    let Some(gwapi_model::resource::Resource::ConfigMap(map)) =
        world.find("ConfigMap", namespace, name)
    else {
        return None;
    };
    let key = key_of(source);
    map.data
        .as_ref()
        .and_then(|d| d.get(&key))
        .map(|v| v.as_bytes().to_vec())
        .or_else(|| {
            map.binary_data
                .as_ref()
                .and_then(|d| d.get(&key))
                .map(|b| b.0.clone())
        })
}
