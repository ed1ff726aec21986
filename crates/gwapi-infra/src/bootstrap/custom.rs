//! `EnvoyProxy` `spec.bootstrap`: Replace uses the given YAML as it is; Merge merges it into the default
//! bootstrap (maps merge, lists append, as protobuf merging does); JSONPatch applies RFC 6902 patches to
//! the default bootstrap.

use gwapi_ir::model::envoy_gateway::{BootstrapType, ProxyBootstrap};
use serde_json::Value;

use crate::patch::apply_json_patch;
use crate::{Error, Result};

/// `default` changed by `custom`.
pub(crate) fn apply(default: String, custom: &ProxyBootstrap) -> Result<String> {
    match custom.type_.as_ref().unwrap_or(&BootstrapType::Replace) {
        BootstrapType::Merge => {
            let Some(value) = custom.value.as_deref() else {
                return Ok(default);
            };
            let mut document = parse(&default)?;
            gwapi_model::envoy_gateway::merge_bootstrap(&mut document, parse(value)?);
            write(&document)
        }
        BootstrapType::JsonPatch => {
            let mut document = parse(&default)?;
            apply_json_patch(&mut document, &custom.json_patches)?;
            write(&document)
        }
        BootstrapType::Replace | BootstrapType::Unknown(_) => {
            Ok(custom.value.clone().unwrap_or(default))
        }
    }
}

fn parse(text: &str) -> Result<Value> {
    serde_norway::from_str(text).map_err(|source| Error::BootstrapYaml { source })
}

fn write(document: &Value) -> Result<String> {
    serde_norway::to_string(document).map_err(|source| Error::Yaml { source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_appends_lists_and_merges_maps() {
        let custom = ProxyBootstrap {
            type_: Some(BootstrapType::Merge),
            value: Some("a: {c: 2}\nl: [2]\n".to_owned()),
            json_patches: Vec::new(),
        };
        let out = apply("a: {b: 1}\nl: [1]\n".to_owned(), &custom).unwrap();
        assert_eq!(
            parse(&out).unwrap(),
            parse("a: {b: 1, c: 2}\nl: [1, 2]").unwrap()
        );
    }
}
