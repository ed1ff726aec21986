//! `responseOverride`: responses matched by status code and headers are replaced by a custom response
//! (body inline or from a ConfigMap of the policy's namespace, status, headers) or a redirect.

use gwapi_model::envoy_gateway::{
    CustomRedirect, CustomResponse as ApiResponse, CustomResponseBody, ResponseOverride,
    ResponseValueType, StatusCodeValueType, StringMatch as ApiStringMatch, StringMatchType,
};
use gwapi_model::gateway_api::HttpPathModifierType;

use crate::ir::{
    AddHeader, Blob, CustomResponse, MatchPattern, PathModifier, Redirect, ResponseMatch,
    ResponseOverride as IrResponseOverride, ResponseOverrideAction, ResponseOverrideRule,
    StatusCodeMatch, StatusCodeRange, StringMatch,
};
use crate::translator::context::Context;

/// The key of a ConfigMap that holds a response body.
const BODY_KEY: &str = "response.body";

/// The IR response overrides of a policy's `responseOverride`, named
/// `backendtrafficpolicy/<namespace>/<name>`; the ConfigMaps of each entry are looked up in
/// `namespace_of` it (the policy's namespace, or its parent's for entries a merge brought in).
pub(crate) fn convert(
    ctx: &Context<'_>,
    list: &[ResponseOverride],
    namespace_of: &dyn Fn(&ResponseOverride) -> String,
    namespace: &str,
    name: &str,
) -> Result<Option<IrResponseOverride>, String> {
    if list.is_empty() {
        return Ok(None);
    }
    let prefix = format!("backendtrafficpolicy/{namespace}/{name}");
    let rules = list
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let action = match (&o.response, &o.redirect) {
                (_, Some(r)) => Some(ResponseOverrideAction::Redirect(redirect(r))),
                (Some(r), None) => Some(ResponseOverrideAction::Response(response(
                    ctx,
                    r,
                    &namespace_of(o),
                )?)),
                (None, None) => None,
            };
            Ok::<_, String>(ResponseOverrideRule {
                name: format!("{prefix}/responseoverride/rule/{i}"),
                matches: ResponseMatch {
                    status_codes: o
                        .match_
                        .status_codes
                        .iter()
                        .filter_map(|c| match (&c.type_, c.value, &c.range) {
                            (Some(StatusCodeValueType::Range), _, Some(r)) => {
                                Some(StatusCodeMatch::Range(StatusCodeRange {
                                    start: u32::try_from(r.start).ok()?,
                                    end: u32::try_from(r.end).ok()?,
                                }))
                            }
                            (_, Some(v), _) => u32::try_from(v).ok().map(StatusCodeMatch::Value),
                            _ => None,
                        })
                        .collect(),
                    response_headers: o
                        .match_
                        .response_headers
                        .iter()
                        .map(|h| header_match(&h.name, &h.value))
                        .collect(),
                },
                action,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(IrResponseOverride {
        name: prefix,
        rules,
    }))
}

fn header_match(name: &str, m: &ApiStringMatch) -> StringMatch {
    let value = m.value.clone();
    let pattern = match &m.type_ {
        Some(StringMatchType::Prefix) => MatchPattern::Prefix(value),
        Some(StringMatchType::Suffix) => MatchPattern::Suffix(value),
        Some(StringMatchType::RegularExpression) => MatchPattern::SafeRegex(value),
        _ => MatchPattern::Exact(value),
    };
    StringMatch {
        name: name.to_owned(),
        pattern: Some(pattern),
        ..StringMatch::default()
    }
}

fn response(ctx: &Context<'_>, r: &ApiResponse, namespace: &str) -> Result<CustomResponse, String> {
    let mut add_response_headers = Vec::new();
    if let Some(h) = &r.header {
        for (list, append) in [(&h.add, true), (&h.set, false)] {
            add_response_headers.extend(list.iter().map(|x| AddHeader {
                name: x.name.clone(),
                value: vec![x.value.clone()],
                append,
                add_if_absent: false,
            }));
        }
    }
    Ok(CustomResponse {
        content_type: r.content_type.clone(),
        body: r
            .body
            .as_ref()
            .map(|b| body(ctx, b, namespace))
            .transpose()?
            .flatten()
            .map(Blob::new),
        status_code: r.status_code.and_then(|c| u32::try_from(c).ok()),
        add_response_headers,
    })
}

/// The bytes of a body: inline, or from a ConfigMap of the policy's namespace (its `response.body`
/// key, else its first key).
fn body(
    ctx: &Context<'_>,
    b: &CustomResponseBody,
    namespace: &str,
) -> Result<Option<Vec<u8>>, String> {
    if b.type_ != Some(ResponseValueType::ValueRef) {
        return Ok(b.inline.clone().map(String::into_bytes));
    }
    let name = b
        .value_ref
        .as_ref()
        .map(|r| r.name.as_str())
        .unwrap_or_default();
    let config_map = ctx
        .snapshot
        .config_maps()
        .find(|c| {
            c.metadata.namespace.as_deref() == Some(namespace)
                && c.metadata.name.as_deref() == Some(name)
        })
        .ok_or_else(|| format!("can't find the referenced configmap {namespace}/{name}"))?;
    let data = config_map.data.as_ref();
    if let Some(v) = data.and_then(|d| d.get(BODY_KEY).or_else(|| d.values().next())) {
        return Ok(Some(v.clone().into_bytes()));
    }
    config_map
        .binary_data
        .as_ref()
        .and_then(|d| d.values().next())
        .map(|v| Some(v.0.clone()))
        .ok_or_else(|| {
            format!("can't find the key {BODY_KEY} in the referenced configmap {namespace}/{name}")
        })
}

fn redirect(r: &CustomRedirect) -> Redirect {
    Redirect {
        scheme: r.scheme.clone(),
        hostname: r.hostname.clone(),
        path: r.path.as_ref().and_then(|p| match p.type_ {
            HttpPathModifierType::ReplaceFullPath => {
                p.replace_full_path.clone().map(PathModifier::FullReplace)
            }
            HttpPathModifierType::ReplacePrefixMatch => p
                .replace_prefix_match
                .clone()
                .map(PathModifier::PrefixMatchReplace),
            HttpPathModifierType::Unknown(_) => None,
        }),
        port: r.port.and_then(|p| u32::try_from(p).ok()),
        status_code: r.status_code.and_then(|c| u32::try_from(c).ok()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::Snapshot;
    use gwapi_model::envoy_gateway::ResponseOverride;

    use super::convert;
    use crate::translator::TranslatorConfig;
    use crate::translator::context::Context;

    fn rules(yaml: &str) -> Vec<ResponseOverride> {
        serde_norway::from_str(yaml).unwrap()
    }

    #[test]
    fn inline_body_and_ranges() {
        let snap = Snapshot::default();
        let config = TranslatorConfig::default();
        let ctx = Context::new(&config, &snap);
        let list = rules(
            "- match:\n    statusCodes:\n    - {value: 404}\n    - {type: Range, range: {start: 500, end: 511}}\n  \
             response: {contentType: text/plain, body: {inline: hi}}\n",
        );
        let v = serde_json::to_value(
            convert(&ctx, &list, &|_| "ns".to_owned(), "ns", "p")
                .unwrap()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(v["name"], "backendtrafficpolicy/ns/p");
        assert_eq!(
            v["rules"][0]["name"],
            "backendtrafficpolicy/ns/p/responseoverride/rule/0"
        );
        assert_eq!(
            v["rules"][0]["match"]["statusCodes"],
            serde_json::json!([{"value": 404}, {"range": {"start": 500, "end": 511}}])
        );
        assert_eq!(v["rules"][0]["response"]["body"], "aGk=");
    }

    #[test]
    fn missing_config_map_is_an_error() {
        let snap = Snapshot::default();
        let config = TranslatorConfig::default();
        let ctx = Context::new(&config, &snap);
        let list = rules(
            "- match: {statusCodes: [{value: 500}]}\n  response:\n    body:\n      type: ValueRef\n      \
             valueRef: {group: '', kind: ConfigMap, name: cm}\n",
        );
        assert_eq!(
            convert(&ctx, &list, &|_| "ns".to_owned(), "ns", "p").unwrap_err(),
            "can't find the referenced configmap ns/cm"
        );
    }
}
