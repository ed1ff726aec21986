//! Whether the traffic settings of a route on a listener diverge from its Gateway's. A backend's
//! shared cluster is shaped by the Gateway-wide policies only: a route whose BackendTrafficPolicy (its
//! own, its listener's, or one merged with its parent's) is not the Gateway's, or whose listener's
//! ClientTrafficPolicy sets other HTTP/1 settings than the Gateway's, keeps a cluster of its own.
//!
//! Policies are compared by their specs (targets and merge type left out), after the precedence of
//! the policy engine: the most specific target wins, the oldest policy wins a target, and a route's
//! policy with a `mergeType` is merged onto the closest listener-level one.

use std::borrow::Cow;
use std::collections::BTreeSet;

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{
    BackendTrafficPolicySpec, ClientTrafficPolicySpec, MergeType, PolicyTargets,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::policy::merge::merge;
use crate::translator::policy::scope::{self, Level, Reach};
use crate::translator::policy::targets::{self, Target};

/// One route (or route rule) on one IR listener.
#[derive(Clone, Debug)]
pub(super) struct Slot<'a> {
    /// The IR key of the fleet.
    pub fleet: &'a str,
    /// The IR name of the listener.
    pub listener: &'a str,
    /// The route kind (`HTTPRoute`, ...).
    pub kind: &'a str,
    /// The route namespace.
    pub namespace: &'a str,
    /// The route name.
    pub name: &'a str,
    /// The rule name; `None` for routes whose rules share one IR route (TCP, TLS, UDP).
    pub rule: Option<&'a str>,
}

/// What a slot's listener is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ListenerKind {
    /// An HTTP or HTTPS listener (its HTTP/1 settings shape upstream connections).
    Http,
    /// A TCP, TLS or UDP listener.
    Stream,
}

/// The policies that shape clusters, resolved once per translation.
pub(super) struct Divergence<'a> {
    traffic: Resolved<'a, BackendTrafficPolicySpec>,
    client: Resolved<'a, ClientTrafficPolicySpec>,
}

impl<'a> Divergence<'a> {
    /// Resolves the BackendTrafficPolicies and ClientTrafficPolicies of the snapshot.
    pub fn new(ctx: &'a Context<'a>, gateways: &[GatewayCtx<'_>]) -> Self {
        let traffic: Vec<Policy<'a, BackendTrafficPolicySpec>> = ctx
            .snapshot
            .backend_traffic_policies()
            .map(|p| Policy {
                meta: &p.metadata,
                spec: &p.spec,
                merge_type: p.spec.merge_type.as_ref(),
            })
            .collect();
        let client: Vec<Policy<'a, ClientTrafficPolicySpec>> = ctx
            .snapshot
            .client_traffic_policies()
            .map(|p| Policy {
                meta: &p.metadata,
                spec: &p.spec,
                merge_type: None,
            })
            .collect();
        Self {
            traffic: Resolved::new(ctx, gateways, "BackendTrafficPolicy", traffic, traffic_part),
            client: Resolved::new(ctx, gateways, "ClientTrafficPolicy", client, client_part),
        }
    }

    /// Whether the cluster settings of `slot` differ from those of its Gateway.
    pub fn diverges(&self, slot: &Slot<'_>, listener: ListenerKind) -> bool {
        if self.traffic.effective(slot).as_deref() != self.traffic.gateway_wide(slot) {
            return true;
        }
        listener == ListenerKind::Http
            && self.client.effective(slot).as_deref() != self.client.gateway_wide(slot)
    }
}

/// The part of a BackendTrafficPolicy spec that shapes traffic: everything but its targets and merge
/// type.
fn traffic_part(mut spec: Value) -> Value {
    if let Some(map) = spec.as_object_mut() {
        for key in ["targetRef", "targetRefs", "targetSelectors", "mergeType"] {
            map.remove(key);
        }
    }
    spec
}

/// The part of a ClientTrafficPolicy spec that shapes upstream connections: its HTTP/1 settings.
fn client_part(mut spec: Value) -> Value {
    spec.get_mut("http1").map_or(Value::Null, Value::take)
}

/// One policy as the resolution needs it.
struct Policy<'a, S> {
    meta: &'a ObjectMeta,
    spec: &'a S,
    merge_type: Option<&'a MergeType>,
}

/// One live target of a policy.
struct Live {
    level: Level,
    policy: usize,
    reach: Reach,
}

impl Live {
    fn reaches(&self, slot: &Slot<'_>) -> bool {
        match &self.reach {
            Reach::Listeners(listeners) => listeners
                .iter()
                .any(|l| l.fleet == slot.fleet && l.listener == slot.listener),
            Reach::Route {
                kind,
                namespace,
                name,
                rule,
            } => {
                kind == slot.kind
                    && namespace == slot.namespace
                    && name == slot.name
                    && match (rule, slot.rule) {
                        (Some(r), Some(s)) => r == s,
                        _ => true,
                    }
            }
        }
    }
}

/// The policies of one kind with their live targets, most specific first.
struct Resolved<'a, S> {
    policies: Vec<Policy<'a, S>>,
    /// The spec part of each policy.
    parts: Vec<Value>,
    live: Vec<Live>,
    part: fn(Value) -> Value,
}

impl<'a, S: PolicyTargets + Serialize + DeserializeOwned> Resolved<'a, S> {
    fn new(
        ctx: &Context<'_>,
        gateways: &[GatewayCtx<'_>],
        kind: &str,
        policies: Vec<Policy<'a, S>>,
        part: fn(Value) -> Value,
    ) -> Self {
        let mut candidates: Vec<(Target, Live)> = Vec::new();
        for (i, p) in policies.iter().enumerate() {
            for target in targets::resolve(ctx, kind, p.meta, p.spec) {
                if let Ok(s) = scope::resolve(ctx, gateways, &target) {
                    candidates.push((
                        target,
                        Live {
                            level: s.level,
                            policy: i,
                            reach: s.reach,
                        },
                    ));
                }
            }
        }
        candidates.sort_by_key(|(_, l)| (l.level, l.policy));
        // The oldest policy on a target wins it.
        let mut taken: BTreeSet<Target> = BTreeSet::new();
        let mut live = Vec::new();
        for (target, l) in candidates {
            if taken.insert(target) {
                live.push(l);
            }
        }
        let parts = policies
            .iter()
            .map(|p| part(serde_json::to_value(p.spec).unwrap_or(Value::Null)))
            .collect();
        Self {
            policies,
            parts,
            live,
            part,
        }
    }

    /// The spec part of the policy that applies to `slot` (merged with its parent's when it asks to).
    fn effective(&self, slot: &Slot<'_>) -> Option<Cow<'_, Value>> {
        let winner = self.live.iter().find(|l| l.reaches(slot))?;
        let policy = self.policies.get(winner.policy)?;
        let strategic = policy
            .merge_type
            .filter(|m| **m != MergeType::Replace)
            .map(|m| *m == MergeType::StrategicMerge);
        let parent = self.live.iter().find(|l| {
            matches!(l.reach, Reach::Listeners(_)) && l.policy != winner.policy && l.reaches(slot)
        });
        match (strategic, parent) {
            (Some(strategic), Some(parent)) if winner.level < Level::ListenerSetListener => {
                let parent = self.policies.get(parent.policy)?;
                Some(Cow::Owned(self.merged(parent.spec, policy.spec, strategic)))
            }
            _ => self.parts.get(winner.policy).map(Cow::Borrowed),
        }
    }

    /// The spec part of the Gateway-wide policy of the slot's Gateway.
    fn gateway_wide(&self, slot: &Slot<'_>) -> Option<&Value> {
        let listener = Slot {
            rule: None,
            ..*slot
        };
        let wide = self.live.iter().find(|l| {
            l.level == Level::Gateway
                && matches!(l.reach, Reach::Listeners(_))
                && l.reaches(&listener)
        })?;
        self.parts.get(wide.policy)
    }

    /// `own` merged onto `parent`, read back as a spec so that it compares with unmerged ones.
    fn merged(&self, parent: &S, own: &S, strategic: bool) -> Value {
        let (Ok(parent), Ok(own)) = (serde_json::to_value(parent), serde_json::to_value(own))
        else {
            return Value::String("unmergeable".to_owned());
        };
        match serde_json::from_value::<S>(merge(&parent, &own, strategic))
            .and_then(|spec| serde_json::to_value(&spec))
        {
            Ok(spec) => (self.part)(spec),
            Err(e) => Value::String(e.to_string()),
        }
    }
}
