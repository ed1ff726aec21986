//! A route's SecurityPolicy merged onto its parent's (`mergeType`), after each policy is translated on its
//! own, so that every feature keeps the names, secrets and backends of the policy that set it: a feature
//! only one of them sets is taken as it is; a feature both set is merged field by field (objects merged,
//! lists replaced), the route's secrets kept, and with a strategic merge the external authorization's
//! context extensions merged by name (the route's first).

use gwapi_model::envoy_gateway::MergeType;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::super::merge::merge;
use crate::ir::{ExtAuth, SecurityFeatures};

/// `own` merged onto `parent`.
pub(crate) fn features(
    parent: &SecurityFeatures,
    own: &SecurityFeatures,
    merge_type: &MergeType,
) -> SecurityFeatures {
    let strategic = *merge_type == MergeType::StrategicMerge;
    let basic_auth = both(
        parent.basic_auth.as_ref(),
        own.basic_auth.as_ref(),
        |merged, own| {
            merged.users.clone_from(&own.users);
        },
    );
    let api_key_auth = both(
        parent.api_key_auth.as_ref(),
        own.api_key_auth.as_ref(),
        |merged, own| {
            merged.credentials.clone_from(&own.credentials);
        },
    );
    let oidc = both(parent.oidc.as_ref(), own.oidc.as_ref(), |merged, own| {
        merged.client_secret.clone_from(&own.client_secret);
        merged.hmac_secret.clone_from(&own.hmac_secret);
    });
    let ext_auth = match (&parent.ext_auth, &own.ext_auth) {
        (Some(theirs), Some(mine)) => {
            let mut merged = field_merge(theirs, mine);
            merged.context_extensions = context_extensions(theirs, mine, strategic);
            Some(merged)
        }
        (theirs, mine) => mine.clone().or_else(|| theirs.clone()),
    };
    SecurityFeatures {
        cors: both(parent.cors.as_ref(), own.cors.as_ref(), |_, _| {}),
        jwt: both(parent.jwt.as_ref(), own.jwt.as_ref(), |_, _| {}),
        oidc,
        api_key_auth,
        basic_auth,
        ext_auth,
        authorization: both(
            parent.authorization.as_ref(),
            own.authorization.as_ref(),
            |_, _| {},
        ),
    }
}

/// The feature of one side, or both merged (then `fix` restores what a merge through JSON cannot keep).
fn both<T: Clone + Serialize + DeserializeOwned>(
    parent: Option<&T>,
    own: Option<&T>,
    fix: impl Fn(&mut T, &T),
) -> Option<T> {
    match (parent, own) {
        (Some(theirs), Some(mine)) => {
            let mut merged = field_merge(theirs, mine);
            fix(&mut merged, mine);
            Some(merged)
        }
        (theirs, mine) => mine.or(theirs).cloned(),
    }
}

/// `own` merged onto `parent` field by field; `own` when the result is not a valid value.
fn field_merge<T: Clone + Serialize + DeserializeOwned>(parent: &T, own: &T) -> T {
    let (Ok(base), Ok(patch)) = (serde_json::to_value(parent), serde_json::to_value(own)) else {
        return own.clone();
    };
    // Lists of the IR have no merge keys: they are replaced, whatever the merge type.
    serde_json::from_value(merge(&base, &patch, false)).unwrap_or_else(|_| own.clone())
}

/// The route's context extensions, then (strategic merge) the parent's it does not name.
fn context_extensions(
    parent: &ExtAuth,
    own: &ExtAuth,
    strategic: bool,
) -> Vec<crate::ir::ContextExtension> {
    let mut out = own.context_extensions.clone();
    if strategic {
        out.extend(
            parent
                .context_extensions
                .iter()
                .filter(|p| !own.context_extensions.iter().any(|o| o.name == p.name))
                .cloned(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::ir::{BasicAuth, Cors};

    #[test]
    fn features_the_route_does_not_set_come_from_the_parent() {
        let parent = SecurityFeatures {
            basic_auth: Some(BasicAuth {
                name: "securitypolicy/gw/parent".to_owned(),
                ..BasicAuth::default()
            }),
            cors: Some(Cors {
                allow_methods: vec!["PUT".to_owned()],
                ..Cors::default()
            }),
            ..SecurityFeatures::default()
        };
        let own = SecurityFeatures {
            cors: Some(Cors {
                allow_headers: vec!["x-route".to_owned()],
                ..Cors::default()
            }),
            ..SecurityFeatures::default()
        };
        let merged = features(&parent, &own, &MergeType::StrategicMerge);
        assert_eq!(merged.basic_auth.unwrap().name, "securitypolicy/gw/parent");
        let cors = merged.cors.unwrap();
        assert_eq!(cors.allow_methods, vec!["PUT".to_owned()]);
        assert_eq!(cors.allow_headers, vec!["x-route".to_owned()]);
    }
}
