//! A scripted Kubernetes API behind kube's mock service (`tower_test::mock::pair`): objects kept in
//! memory with resource versions, server-side apply reduced to what the controller sends, optimistic
//! locking (409 Conflict on a stale `resourceVersion`), injected failures, a log of every request, and
//! watch responses scripted by the test.

#![allow(dead_code)]

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

use http::{Method, Request, Response, StatusCode};
use http_body_util::BodyExt as _;
use kube::client::Body;
use serde_json::{Value, json};
use tower_test::mock;

/// One request, as the fake API received it.
#[derive(Clone, Debug)]
pub struct Logged {
    pub method: Method,
    pub path: String,
    pub query: String,
    pub body: Option<Value>,
}

impl Logged {
    pub fn is_write(&self) -> bool {
        !matches!(self.method, Method::GET)
    }
}

/// A failure returned instead of handling a request.
#[derive(Clone, Debug)]
struct Fault {
    method: Method,
    path_suffix: String,
    code: u16,
    times: u32,
}

type Responder = mock::SendResponse<Response<Body>>;

#[derive(Default)]
struct State {
    objects: BTreeMap<String, Value>,
    revision: u64,
    log: Vec<Logged>,
    faults: Vec<Fault>,
    watches: BTreeMap<String, VecDeque<Vec<Value>>>,
    waiting: BTreeMap<String, Vec<Responder>>,
}

/// The fake API server. Cloning shares it.
#[derive(Clone, Default)]
pub struct FakeApi {
    state: Arc<Mutex<State>>,
}

/// `(collection path, object name, status subresource)` of a request path.
fn split(path: &str) -> (String, Option<String>, bool) {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let prefix = if segments[0] == "api" { 2 } else { 3 };
    let mut rest: Vec<&str> = segments[prefix..].to_vec();
    let status = rest.len() > 1 && rest.last() == Some(&"status");
    if status {
        rest.pop();
    }
    let collection_len = if rest.first() == Some(&"namespaces") && rest.len() >= 3 {
        3
    } else {
        1
    };
    let base = segments[..prefix].join("/");
    let collection = format!(
        "/{base}/{}",
        rest[..collection_len.min(rest.len())].join("/")
    );
    let name = rest.get(collection_len).map(|s| (*s).to_owned());
    (collection, name, status)
}

fn status_body(code: u16, reason: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Status", "status": "Failure", "message": reason,
        "reason": reason, "code": code})
}

fn reply(code: u16, body: &Value) -> Response<Body> {
    Response::builder()
        .status(StatusCode::from_u16(code).unwrap())
        .header("content-type", "application/json")
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap()
}

fn labels_match(object: &Value, query: &str) -> bool {
    let Some(selector) = query
        .split('&')
        .find_map(|p| p.strip_prefix("labelSelector="))
    else {
        return true;
    };
    let selector = selector.replace("%3D", "=").replace("%2F", "/");
    selector.split(',').all(|term| {
        let (key, value) = term.split_once('=').unwrap();
        object["metadata"]["labels"][key].as_str() == Some(value)
    })
}

impl FakeApi {
    pub fn new() -> Self {
        Self::default()
    }

    /// A kube client whose requests this fake answers (from a task on the current runtime).
    pub fn client(&self) -> kube::Client {
        let (service, mut handle) = mock::pair::<Request<Body>, Response<Body>>();
        let fake = self.clone();
        tokio::spawn(async move {
            while let Some((request, responder)) = handle.next_request().await {
                fake.answer(request, responder).await;
            }
        });
        kube::Client::new(service, "default")
    }

    /// Stores `object` (with `apiVersion`, `kind`, `metadata.name`, maybe `metadata.namespace`) under
    /// the collection `collection` (`/apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes`).
    pub fn put(&self, collection: &str, mut object: Value) -> Value {
        let mut state = self.state.lock().unwrap();
        state.revision += 1;
        let name = object["metadata"]["name"].as_str().unwrap().to_owned();
        object["metadata"]["resourceVersion"] = json!(state.revision.to_string());
        if object["metadata"]["uid"].is_null() {
            object["metadata"]["uid"] = json!(format!("uid-{name}"));
        }
        let path = format!("{collection}/{name}");
        // As the API server does, a write of the object without a status keeps the status.
        if object.get("status").is_none()
            && let Some(status) = state.objects.get(&path).and_then(|o| o.get("status"))
        {
            object["status"] = status.clone();
        }
        state.objects.insert(path, object.clone());
        object
    }

    /// Removes the object at `path` without telling any watch.
    pub fn remove(&self, path: &str) {
        self.state.lock().unwrap().objects.remove(path);
    }

    /// The object at `path`.
    pub fn get(&self, path: &str) -> Option<Value> {
        self.state.lock().unwrap().objects.get(path).cloned()
    }

    /// The paths of the objects under `prefix`.
    pub fn paths(&self, prefix: &str) -> Vec<String> {
        let state = self.state.lock().unwrap();
        state
            .objects
            .keys()
            .filter(|p| p.starts_with(prefix))
            .cloned()
            .collect()
    }

    /// The next `times` requests `method path` (path ending with `path_suffix`) fail with `code`.
    pub fn fail(&self, method: Method, path_suffix: &str, code: u16, times: u32) {
        self.state.lock().unwrap().faults.push(Fault {
            method,
            path_suffix: path_suffix.to_owned(),
            code,
            times,
        });
    }

    /// Answers the next watch of `collection` with `events` (then the stream ends).
    pub fn script_watch(&self, collection: &str, events: Vec<Value>) {
        let mut state = self.state.lock().unwrap();
        if let Some(responder) = state
            .waiting
            .get_mut(collection)
            .and_then(|w| (!w.is_empty()).then(|| w.remove(0)))
        {
            drop(state);
            responder.send_response(watch_reply(&events));
            return;
        }
        state
            .watches
            .entry(collection.to_owned())
            .or_default()
            .push_back(events);
    }

    /// Every request so far.
    pub fn log(&self) -> Vec<Logged> {
        self.state.lock().unwrap().log.clone()
    }

    /// The writes so far (every method but GET).
    pub fn writes(&self) -> Vec<Logged> {
        self.log().into_iter().filter(Logged::is_write).collect()
    }

    /// Forgets the log.
    pub fn clear_log(&self) {
        self.state.lock().unwrap().log.clear();
    }

    async fn answer(&self, request: Request<Body>, responder: Responder) {
        let (parts, body) = request.into_parts();
        let bytes = body
            .collect()
            .await
            .map(http_body_util::Collected::to_bytes)
            .unwrap_or_default();
        let body: Option<Value> = serde_json::from_slice(&bytes).ok();
        let path = parts.uri.path().to_owned();
        let query = parts.uri.query().unwrap_or_default().to_owned();
        let mut state = self.state.lock().unwrap();
        state.log.push(Logged {
            method: parts.method.clone(),
            path: path.clone(),
            query: query.clone(),
            body: body.clone(),
        });
        if let Some(fault) = state
            .faults
            .iter_mut()
            .find(|f| f.times > 0 && f.method == parts.method && path.ends_with(&f.path_suffix))
        {
            fault.times -= 1;
            let code = fault.code;
            drop(state);
            responder.send_response(reply(code, &status_body(code, "Injected")));
            return;
        }
        let (collection, name, subresource) = split(&path);
        if query.contains("watch=true") || query.contains("watch=1") {
            match state
                .watches
                .get_mut(&collection)
                .and_then(VecDeque::pop_front)
            {
                Some(events) => {
                    drop(state);
                    responder.send_response(watch_reply(&events));
                }
                None => state.waiting.entry(collection).or_default().push(responder),
            }
            return;
        }
        let response = state.handle(&parts.method, &collection, name, subresource, &query, body);
        drop(state);
        responder.send_response(response);
    }
}

fn watch_reply(events: &[Value]) -> Response<Body> {
    let mut lines = Vec::new();
    for event in events {
        lines.extend(serde_json::to_vec(event).unwrap());
        lines.push(b'\n');
    }
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json")
        .body(Body::from(lines))
        .unwrap()
}

impl State {
    fn bump(&mut self, object: &mut Value) {
        self.revision += 1;
        object["metadata"]["resourceVersion"] = json!(self.revision.to_string());
    }

    fn handle(
        &mut self,
        method: &Method,
        collection: &str,
        name: Option<String>,
        subresource: bool,
        query: &str,
        body: Option<Value>,
    ) -> Response<Body> {
        let Some(name) = name else {
            return match *method {
                Method::GET => self.list(collection, query),
                Method::POST => {
                    let body = body.unwrap();
                    let name = body["metadata"]["name"].as_str().unwrap().to_owned();
                    self.create(collection, &name, body)
                }
                _ => reply(405, &status_body(405, "MethodNotAllowed")),
            };
        };
        let path = format!("{collection}/{name}");
        let current = self.objects.get(&path).cloned();
        let stale = |body: &Option<Value>, current: &Option<Value>| {
            let wanted = body
                .as_ref()
                .and_then(|b| b["metadata"]["resourceVersion"].as_str());
            let actual = current
                .as_ref()
                .and_then(|c| c["metadata"]["resourceVersion"].as_str());
            wanted.is_some() && wanted != actual
        };
        match *method {
            Method::GET => match current {
                Some(object) => reply(200, &object),
                None => reply(404, &status_body(404, "NotFound")),
            },
            Method::PUT => {
                let Some(_) = current else {
                    return reply(404, &status_body(404, "NotFound"));
                };
                if stale(&body, &current) {
                    return reply(409, &status_body(409, "Conflict"));
                }
                let mut object = body.unwrap();
                object["metadata"]["uid"] = current.unwrap()["metadata"]["uid"].clone();
                self.bump(&mut object);
                self.objects.insert(path, object.clone());
                reply(200, &object)
            }
            Method::PATCH => {
                if stale(&body, &current) {
                    return reply(409, &status_body(409, "Conflict"));
                }
                let body = body.unwrap();
                if subresource {
                    let Some(mut object) = current else {
                        return reply(404, &status_body(404, "NotFound"));
                    };
                    object["status"] = body["status"].clone();
                    self.bump(&mut object);
                    self.objects.insert(path, object.clone());
                    return reply(200, &object);
                }
                let mut object = body;
                object["metadata"]["uid"] = current.map_or_else(
                    || json!(format!("uid-{name}")),
                    |c| c["metadata"]["uid"].clone(),
                );
                self.bump(&mut object);
                self.objects.insert(path, object.clone());
                reply(200, &object)
            }
            Method::DELETE => match self.objects.remove(&path) {
                Some(object) => reply(200, &object),
                None => reply(404, &status_body(404, "NotFound")),
            },
            _ => reply(405, &status_body(405, "MethodNotAllowed")),
        }
    }

    fn create(&mut self, collection: &str, name: &str, mut object: Value) -> Response<Body> {
        let path = format!("{collection}/{name}");
        if self.objects.contains_key(&path) {
            return reply(409, &status_body(409, "AlreadyExists"));
        }
        object["metadata"]["uid"] = json!(format!("uid-{name}"));
        self.bump(&mut object);
        self.objects.insert(path, object.clone());
        reply(201, &object)
    }

    /// Lists a collection; an all-namespaces collection (`/apis/g/v/plural`) lists every namespace.
    fn list(&self, collection: &str, query: &str) -> Response<Body> {
        let (base, plural) = collection.rsplit_once('/').unwrap();
        let items: Vec<Value> = self
            .objects
            .iter()
            .filter(|(path, object)| {
                let (object_collection, _) = path.rsplit_once('/').unwrap();
                let same = object_collection == collection
                    || (object_collection.starts_with(&format!("{base}/namespaces/"))
                        && object_collection.ends_with(&format!("/{plural}")));
                same && labels_match(object, query)
            })
            .map(|(_, object)| object.clone())
            .collect();
        reply(
            200,
            &json!({"apiVersion": "v1", "kind": "List",
                "metadata": {"resourceVersion": self.revision.to_string()}, "items": items}),
        )
    }
}

/// The collection path of an object of a watched kind, from its `apiVersion`, `kind` and namespace.
pub fn collection_of(object: &Value) -> String {
    let api_version = object["apiVersion"].as_str().unwrap();
    let kind = object["kind"].as_str().unwrap();
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    let resource_kind = gwapi_model::resource::ResourceKind::from_group_kind(group, kind).unwrap();
    let watched = gwapi_controller::provider::kubernetes::watched_kind(resource_kind).unwrap();
    let root = if group.is_empty() {
        "/api/v1".to_owned()
    } else {
        format!("/apis/{api_version}")
    };
    match object["metadata"]["namespace"].as_str() {
        Some(namespace) => format!("{root}/namespaces/{namespace}/{}", watched.api.plural),
        None => format!("{root}/{}", watched.api.plural),
    }
}

/// The controller's side of a test: the store and observed statuses as the watchers would fill them from
/// the fake API, and the translation.
pub struct World {
    pub fake: FakeApi,
    pub store: gwapi_controller::runtime::SharedStore,
    pub observed: gwapi_controller::provider::kubernetes::ObservedObjects,
    pub pipeline: gwapi_controller::pipeline::Pipeline,
}

pub const CONTROLLER: &str = "gateway.envoyproxy.io/gatewayclass-controller";

impl World {
    pub fn new(fake: FakeApi) -> Self {
        Self {
            fake,
            store: gwapi_controller::runtime::SharedStore::default(),
            observed: gwapi_controller::provider::kubernetes::ObservedObjects::default(),
            pipeline: gwapi_controller::pipeline::Pipeline::new(
                gwapi_controller::pipeline::PipelineConfig::default(),
            ),
        }
    }

    /// Puts `object` into the fake API; returns its path.
    pub fn create(&self, object: Value) -> String {
        let collection = collection_of(&object);
        let object = self.fake.put(&collection, object);
        format!(
            "{collection}/{}",
            object["metadata"]["name"].as_str().unwrap()
        )
    }

    /// Feeds every object of the fake API to the store, as the watchers would after their events.
    pub fn sync(&self) {
        use gwapi_controller::provider::kubernetes::{KindFeed, Scope, watched_kind};
        use kube::runtime::watcher::Event;
        for path in self.fake.paths("/") {
            let object = self.fake.get(&path).unwrap();
            let api_version = object["apiVersion"].as_str().unwrap();
            let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
            let Some(kind) = gwapi_model::resource::ResourceKind::from_group_kind(
                group,
                object["kind"].as_str().unwrap(),
            ) else {
                continue;
            };
            let Some(watched) = watched_kind(kind) else {
                continue;
            };
            let mut feed = KindFeed::new(
                watched,
                self.store.clone(),
                self.observed.clone(),
                Scope::new("eg"),
            );
            feed.handle(Event::Apply(serde_json::from_value(object).unwrap()));
        }
    }

    /// Translates the store.
    pub fn translate(&mut self) -> gwapi_controller::provider::kubernetes::Desired {
        let snapshot = self.store.read(gwapi_controller::pipeline::Store::snapshot);
        self.pipeline.run(&snapshot);
        gwapi_controller::provider::kubernetes::Desired::of(&snapshot, &self.pipeline)
    }
}

pub fn gateway_class() -> Value {
    json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "GatewayClass",
        "metadata": {"name": "eg", "generation": 1, "uid": "class-uid"},
        "spec": {"controllerName": CONTROLLER}})
}

pub fn gateway(name: &str, class: &str) -> Value {
    json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
        "metadata": {"name": name, "namespace": "apps", "generation": 2},
        "spec": {"gatewayClassName": class,
            "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}]}})
}

pub fn http_route(name: &str, generation: i64, gateway: &str) -> Value {
    json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
        "metadata": {"name": name, "namespace": "apps", "generation": generation},
        "spec": {"parentRefs": [{"name": gateway}],
            "rules": [{"backendRefs": [{"name": "svc", "port": 8080}]}]}})
}

pub fn service() -> Value {
    json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "svc", "namespace": "apps"},
        "spec": {"clusterIP": "10.0.0.1", "ports": [{"name": "http", "port": 8080}]}})
}
