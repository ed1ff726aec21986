//! The watchers: one kube-runtime watcher per kind, each feeding the shared store through a [`KindFeed`].

use std::collections::BTreeSet;

use futures::StreamExt as _;
use gwapi_model::resource::ResourceKind;
use kube::api::DynamicObject;
use kube::runtime::WatchStreamExt as _;
use kube::runtime::watcher;
use kube::{Api, Client};
use tokio::sync::watch;
use tracing::{info, warn};

use super::feed::KindFeed;

/// The kinds whose first list has not completed yet; the controller translates once it is empty.
#[derive(Clone, Debug)]
pub struct SyncTracker {
    pending: watch::Sender<BTreeSet<ResourceKind>>,
}

impl SyncTracker {
    /// A tracker waiting for `kinds`.
    pub fn new(kinds: impl IntoIterator<Item = ResourceKind>) -> Self {
        Self {
            pending: watch::Sender::new(kinds.into_iter().collect()),
        }
    }

    /// Marks `kind` synced.
    pub fn synced(&self, kind: ResourceKind) {
        self.pending
            .send_if_modified(|pending| pending.remove(&kind));
    }

    /// The kinds still waited for.
    pub fn pending(&self) -> BTreeSet<ResourceKind> {
        self.pending.borrow().clone()
    }

    /// Waits until every kind is synced.
    pub async fn wait(&self) {
        let mut receiver = self.pending.subscribe();
        let _ = receiver.wait_for(BTreeSet::is_empty).await;
    }
}

/// The watcher settings of a kind: Secrets skip the kinds no Gateway can use (service account tokens,
/// Helm releases), which are most of a cluster's Secrets.
pub fn watcher_config(kind: ResourceKind) -> watcher::Config {
    let config = watcher::Config::default();
    match kind {
        ResourceKind::Secret => {
            config.fields("type!=kubernetes.io/service-account-token,type!=helm.sh/release.v1")
        }
        _ => config,
    }
}

/// Watches the kind of `feed` until `shutdown` completes, re-listing after failures (410 Gone included)
/// with kube-runtime's backoff. A kind whose API is not served (its CRD is not installed) counts as synced
/// with no objects; it is retried in the background.
pub async fn watch_kind(
    client: Client,
    mut feed: KindFeed,
    sync: SyncTracker,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let kind = feed.kind().clone();
    let api: Api<DynamicObject> = Api::all_with(client, &kind.api);
    let stream = watcher(api, watcher_config(kind.kind)).default_backoff();
    tokio::pin!(stream);
    tokio::pin!(shutdown);
    let mut absent_reported = false;
    loop {
        let item = tokio::select! {
            () = &mut shutdown => return,
            item = stream.next() => item,
        };
        match item {
            Some(Ok(event)) => {
                feed.handle(event);
                if feed.is_synced() {
                    sync.synced(kind.kind);
                }
            }
            Some(Err(watcher::Error::InitialListFailed(kube::Error::Api(e)))) if e.code == 404 => {
                if !absent_reported {
                    info!(kind = %kind.api.kind, api = %kind.api.api_version,
                        "the API is not served (CRD not installed?); no objects of this kind");
                    absent_reported = true;
                }
                feed.mark_absent();
                sync.synced(kind.kind);
            }
            Some(Err(e)) => warn!(kind = %kind.api.kind, error = %e, "watch failed; re-listing"),
            None => return,
        }
    }
}
