//! The watchers: one kube-runtime watcher per kind, each feeding the shared store through a [`KindFeed`].

use std::collections::BTreeSet;
use std::time::Duration;

use futures::StreamExt as _;
use gwapi_model::resource::ResourceKind;
use kube::api::DynamicObject;
use kube::runtime::WatchStreamExt as _;
use kube::runtime::watcher;
use kube::{Api, Client};
use tokio::sync::watch;
use tracing::{info, warn};

use super::feed::KindFeed;
use super::kinds::{ServedVersions, watched_versions};

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

/// How long a watcher waits before trying every version of a kind again when none is served.
const ABSENT_RETRY: Duration = Duration::from_secs(30);

/// Watches the kind of `feed` until `shutdown` completes, re-listing after failures (410 Gone included)
/// with kube-runtime's backoff. When the API does not serve the kind's version (404 on the first list),
/// the next version of [`watched_versions`] is tried and recorded in `served`; a kind served in no version
/// (its CRD is not installed) counts as synced with no objects and is tried again every 30 s.
pub async fn watch_kind(
    client: Client,
    mut feed: KindFeed,
    sync: SyncTracker,
    served: ServedVersions,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let versions = watched_versions(feed.kind().kind);
    let mut index = 0;
    let mut absent_reported = false;
    tokio::pin!(shutdown);
    loop {
        let kind = feed.kind().clone();
        let api: Api<DynamicObject> = Api::all_with(client.clone(), &kind.api);
        let stream = watcher(api, watcher_config(kind.kind)).default_backoff();
        tokio::pin!(stream);
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
                Some(Err(watcher::Error::InitialListFailed(kube::Error::Api(e))))
                    if e.code == 404 =>
                {
                    index += 1;
                    if index < versions.len() {
                        break;
                    }
                    if !absent_reported {
                        info!(kind = %kind.api.kind, group = %kind.api.group,
                            "the API is not served (CRD not installed?); no objects of this kind");
                        absent_reported = true;
                    }
                    feed.mark_absent();
                    sync.synced(kind.kind);
                    if versions.len() > 1 {
                        index = 0;
                        tokio::select! {
                            () = &mut shutdown => return,
                            () = tokio::time::sleep(ABSENT_RETRY) => break,
                        }
                    }
                }
                Some(Err(e)) => {
                    warn!(kind = %kind.api.kind, error = %e, "watch failed; re-listing");
                }
                None => return,
            }
        }
        if let Some(next) = versions.get(index) {
            info!(kind = %next.api.kind, version = %next.api.version, "trying another API version");
            served.set(next.clone());
            feed.set_kind(next.clone());
        }
    }
}
