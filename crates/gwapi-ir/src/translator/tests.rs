//! Translation of small snapshots built with `gwapi_model::builders`: the binder's verdicts, attached route
//! counts, backend problems, determinism.

use gwapi_model::builders::{
    GatewayBuilder, GatewayClassBuilder, HttpRouteBuilder, ServiceBuilder, meta, snapshot_in_order,
};
use gwapi_model::gateway_api::{GatewayStatus, ProtocolType, RouteStatus};
use gwapi_model::resource::{ObjectKey, Resource, ResourceKind};

use super::{ObjectStatus, Translation, Translator, TranslatorConfig};

fn translate(objects: Vec<Resource>) -> Translation {
    let config = TranslatorConfig::default().gateway_class_name("eg");
    Translator::new(config).translate(&snapshot_in_order(objects))
}

fn namespace(name: &str) -> Resource {
    gwapi_model::core::Namespace {
        metadata: meta("", name),
        ..gwapi_model::core::Namespace::default()
    }
    .into()
}

fn base() -> Vec<Resource> {
    vec![
        namespace("infra"),
        namespace("apps"),
        GatewayClassBuilder::new("eg").build().into(),
        GatewayBuilder::new("infra", "gw")
            .class("eg")
            .http_listener("http", 80)
            .listener("same", ProtocolType::Http, 8080, |l| l)
            .build()
            .into(),
        ServiceBuilder::new("apps", "web")
            .port("http", 8080)
            .build()
            .into(),
    ]
}

fn route_status(t: &Translation, namespace: &str, name: &str) -> Option<RouteStatus> {
    let key = ObjectKey {
        kind: ResourceKind::HttpRoute,
        namespace: namespace.to_owned(),
        name: name.to_owned(),
    };
    match t.statuses.get(&key) {
        Some(ObjectStatus::Route(s)) => Some(s.clone()),
        _ => None,
    }
}

fn gateway_status(t: &Translation) -> Option<GatewayStatus> {
    let key = ObjectKey {
        kind: ResourceKind::Gateway,
        namespace: "infra".to_owned(),
        name: "gw".to_owned(),
    };
    match t.statuses.get(&key) {
        Some(ObjectStatus::Gateway(s)) => Some(s.clone()),
        _ => None,
    }
}

fn reason(status: &RouteStatus, type_: &str) -> Option<String> {
    status
        .parents
        .first()?
        .conditions
        .iter()
        .find(|c| c.type_ == type_)
        .map(|c| c.reason.clone())
}

#[test]
fn route_attaches_to_the_listeners_that_admit_it() {
    let mut objects = base();
    objects.push(
        HttpRouteBuilder::new("apps", "web")
            .parent_in("infra", "gw")
            .rule(|r| r.path_prefix("/").backend("web", 8080))
            .build()
            .into(),
    );
    let t = translate(objects);
    let status = route_status(&t, "apps", "web").unwrap_or_default();
    assert_eq!(reason(&status, "Accepted").as_deref(), Some("Accepted"));
    assert_eq!(
        reason(&status, "ResolvedRefs").as_deref(),
        Some("ResolvedRefs")
    );
    let gateway = gateway_status(&t).unwrap_or_default();
    let attached: Vec<i32> = gateway
        .listeners
        .iter()
        .map(|l| l.attached_routes)
        .collect();
    // `http` admits all namespaces; `same` only the Gateway's.
    assert_eq!(attached, [1, 0]);
    let fleet = t.xds.get("infra/gw").map(|x| x.http.len());
    assert_eq!(fleet, Some(2));
}

#[test]
fn listener_of_another_namespace_only_does_not_admit_the_route() {
    let mut objects = base();
    objects.push(
        HttpRouteBuilder::new("apps", "web")
            .parent_ref(gwapi_model::gateway_api::ParentReference {
                namespace: Some("infra".to_owned()),
                name: "gw".to_owned(),
                section_name: Some("same".to_owned()),
                ..Default::default()
            })
            .rule(|r| r.backend("web", 8080))
            .build()
            .into(),
    );
    let t = translate(objects);
    let status = route_status(&t, "apps", "web").unwrap_or_default();
    assert_eq!(
        reason(&status, "Accepted").as_deref(),
        Some("NotAllowedByListeners")
    );
}

#[test]
fn missing_service_is_a_condition_and_a_500() {
    let mut objects = base();
    objects.push(
        HttpRouteBuilder::new("apps", "web")
            .parent_in("infra", "gw")
            .rule(|r| r.backend("missing", 8080))
            .build()
            .into(),
    );
    let t = translate(objects);
    let status = route_status(&t, "apps", "web").unwrap_or_default();
    assert_eq!(reason(&status, "Accepted").as_deref(), Some("Accepted"));
    assert_eq!(
        reason(&status, "ResolvedRefs").as_deref(),
        Some("BackendNotFound")
    );
    let code = t
        .xds
        .get("infra/gw")
        .and_then(|x| x.http.first())
        .and_then(|l| l.routes.first())
        .and_then(|r| r.direct_response.as_ref())
        .map(|d| d.status_code);
    assert_eq!(code, Some(500));
}

#[test]
fn routes_of_unknown_namespaces_are_admitted_nowhere() {
    let mut objects = base();
    objects.push(
        HttpRouteBuilder::new("elsewhere", "web")
            .parent_in("infra", "gw")
            .rule(|r| r.backend("web", 8080))
            .build()
            .into(),
    );
    let t = translate(objects);
    let status = route_status(&t, "elsewhere", "web").unwrap_or_default();
    assert_eq!(
        reason(&status, "Accepted").as_deref(),
        Some("NotAllowedByListeners")
    );
}

#[test]
fn translation_is_deterministic() {
    let mut objects = base();
    objects.push(
        HttpRouteBuilder::new("apps", "web")
            .parent_in("infra", "gw")
            .rule(|r| r.path_prefix("/a").backend("web", 8080))
            .build()
            .into(),
    );
    assert_eq!(translate(objects.clone()), translate(objects));
}

#[test]
fn gateways_of_other_classes_are_ignored() {
    let objects: Vec<Resource> = vec![
        GatewayClassBuilder::new("eg").build().into(),
        GatewayBuilder::new("infra", "other")
            .class("not-eg")
            .http_listener("http", 80)
            .build()
            .into(),
    ];
    let t = translate(objects);
    assert!(t.xds.is_empty());
    assert!(gateway_status(&t).is_none());
}
