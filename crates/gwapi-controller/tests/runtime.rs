#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The async glue without Envoy: a burst of store changes is debounced into few translations, only changed
//! keys reach the sink, and the admin endpoints answer.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use gwapi_controller::pipeline::{Pipeline, PipelineConfig};
use gwapi_controller::runtime::{ControllerState, SharedStore, SinkStats, TranslateLoop, XdsSink};
use gwapi_model::builders::{GatewayBuilder, GatewayClassBuilder, HttpRouteBuilder};
use gwapi_xds::XdsResources;

/// Records every call.
#[derive(Default)]
struct RecordingSink(Mutex<Vec<String>>);

impl XdsSink for RecordingSink {
    fn set(&self, key: &str, _resources: XdsResources) -> bool {
        self.0.lock().unwrap().push(format!("set {key}"));
        true
    }
    fn remove(&self, key: &str) {
        self.0.lock().unwrap().push(format!("remove {key}"));
    }
}

fn calls(sink: &RecordingSink) -> Vec<String> {
    sink.0.lock().unwrap().clone()
}

async fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..100 {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn bursts_are_debounced_and_only_changes_are_published() {
    let sink = Arc::new(RecordingSink::default());
    let state = Arc::new(ControllerState::new(Arc::clone(&sink) as Arc<dyn XdsSink>));
    let store = SharedStore::default();
    store.update(|s| {
        let mut namespace = gwapi_model::core::Namespace::default();
        namespace.metadata.name = Some("default".to_owned());
        s.apply(namespace.into());
        s.apply(GatewayClassBuilder::new("eg").build().into());
        for gw in ["a", "b"] {
            s.apply(
                GatewayBuilder::new("default", gw)
                    .http_listener("http", 8080)
                    .build()
                    .into(),
            );
        }
    });
    let translate = TranslateLoop::new(
        store.clone(),
        Pipeline::new(PipelineConfig::default()),
        Arc::clone(&state),
        Duration::from_millis(100),
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(translate.run(async {
        let _ = stopped.await;
    }));
    eventually("the first publication", || state.is_ready()).await;
    assert_eq!(calls(&sink), ["set default/a", "set default/b"]);

    // A burst of 20 changes to gateway a's routes within the debounce window: one translation.
    let before = state.metrics.render(SinkStats::default());
    for i in 0..20 {
        store.update(|s| {
            s.apply(
                HttpRouteBuilder::new("default", "r")
                    .parent("a")
                    .rule(|r| r.path_prefix(&format!("/{i}")).backend("svc", 80))
                    .build()
                    .into(),
            );
        });
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    eventually("the burst's publication", || calls(&sink).len() == 3).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(calls(&sink)[2], "set default/a", "only the changed key");
    assert_eq!(calls(&sink).len(), 3, "one publication for the burst");
    let after = state.metrics.render(SinkStats::default());
    let count = |text: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix("gwapi_translation_duration_seconds_count "))
            .unwrap()
            .parse::<u64>()
            .unwrap()
    };
    assert!(count(&after) - count(&before) <= 2, "{before}\n{after}");

    // An update that changes nothing translates nothing.
    store.update(|s| {
        s.apply(GatewayClassBuilder::new("eg").build().into());
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        count(&state.metrics.render(SinkStats::default())),
        count(&after)
    );

    store.update(|s| s.delete(gwapi_model::resource::ResourceKind::Gateway, "default", "b"));
    eventually("the removal", || calls(&sink).len() == 4).await;
    assert_eq!(calls(&sink)[3], "remove default/b");
    stop.send(()).unwrap();
    task.await.unwrap();
}

#[test]
fn admin_endpoints_answer() {
    let state = ControllerState::new(Arc::new(RecordingSink::default()));
    let status = |path: &str| {
        gwapi_controller::admin::handle(&state, path)
            .status()
            .as_u16()
    };
    assert_eq!(status("/healthz"), 200);
    assert_eq!(
        status("/readyz"),
        503,
        "not ready before the first translation"
    );
    assert_eq!(status("/metrics"), 200);
    assert_eq!(status("/config_dump"), 200);
    assert_eq!(status("/statuses"), 200);
    assert_eq!(status("/nope"), 404);
    state.set_ready();
    assert_eq!(status("/readyz"), 200);
}
