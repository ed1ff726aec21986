//! One engine for every policy kind that attaches to Gateways, listeners, ListenerSets, routes and route
//! rules: targets are resolved, ordered by precedence (route rule, route, ListenerSet listener,
//! ListenerSet, Gateway listener, Gateway; then age), conflicts found (the oldest policy on a target
//! wins), each IR route gets the features of its most specific policy (merged with its parent's when the
//! policy asks for it), and each policy's status says which ancestors accepted it, what overrides it and
//! what merges with it.

use std::collections::{BTreeMap, BTreeSet};

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{EnvoyProxy, MergeType, PolicyTargets};
use gwapi_model::gateway_api::ParentReference;
use gwapi_model::resource::{ObjectKey, ResourceKind};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::ancestors::{PolicyStatusBuilder, msg};
use super::merge::merge;
use super::route_index::{RouteIndex, Routes};
use super::scope::{self, Level, Reach, Scope, Unresolved};
use super::targets::{self, Target};
use crate::ir::{DirectResponse, HttpRoute, PolicyMetadata, TcpRoute, Xds};
use crate::translator::context::Context;
use crate::translator::gateway::GatewayCtx;
use crate::translator::{ObjectStatus, Statuses};

/// A policy kind the engine attaches.
pub(crate) trait PolicyKind {
    /// The kind (`BackendTrafficPolicy`).
    const KIND: &'static str;
    /// The plural in override messages (`backendTrafficPolicies`).
    const PLURAL: &'static str;
    /// The word for the policies of route rules in override messages.
    const RULES_WORD: &'static str;
    /// The resource kind of status keys.
    const RESOURCE: ResourceKind;
    /// The spec.
    type Spec: PolicyTargets + Serialize + DeserializeOwned;
    /// The IR a spec translates to.
    type Features;
    /// Whether the routes the policy reaches list it in their metadata.
    const ROUTE_METADATA: bool = true;
    /// Whether a merge that fails to translate is the policy's error on the listener (instead of a
    /// `Merged` note); kinds whose `translate_merged` resolves the parent's references turn it on.
    const MERGE_ERRORS_INVALIDATE: bool = false;
    /// Whether the policies also reach the routes of TCP listeners.
    const TCP: bool = false;
    /// Whether an invalid policy keeps the routes it fails closed from less specific policies; when
    /// off, those still apply their features to the route (beside its 500 direct response).
    const INVALID_CLAIMS_ROUTES: bool = true;
    /// Applies the features to an IR TCP route.
    fn apply_tcp(_features: &Self::Features, _route: &mut TcpRoute) {}
    /// The policy's metadata.
    fn meta(&self) -> &ObjectMeta;
    /// The policy's spec.
    fn spec(&self) -> &Self::Spec;
    /// How the spec merges with a parent's.
    fn merge_type(spec: &Self::Spec) -> Option<&MergeType>;
    /// The deprecated fields the spec sets (beside `targetRef`), as warning messages.
    fn deprecated_fields(spec: &Self::Spec) -> Vec<String>;
    /// Translates a spec of the policy with `meta`; an error message when it is invalid.
    fn translate(
        ctx: &Context<'_>,
        meta: &ObjectMeta,
        spec: &Self::Spec,
    ) -> Result<Self::Features, String>;
    /// Applies the features to an IR route.
    fn apply(features: &Self::Features, route: &mut HttpRoute);

    /// Translates a spec for targets on fleets configured by `proxy` (the EnvoyProxy of the first
    /// Gateway the target hangs from); kinds whose features depend on it override this.
    fn translate_for(
        ctx: &Context<'_>,
        meta: &ObjectMeta,
        spec: &Self::Spec,
        _proxy: Option<&EnvoyProxy>,
    ) -> Result<Self::Features, String> {
        Self::translate(ctx, meta, spec)
    }

    /// Translates `merged`, the spec of `policy` merged onto that of `parent`; kinds whose features
    /// keep the identity of the policy each field comes from override this.
    fn translate_merged(
        ctx: &Context<'_>,
        _parent: &Self,
        policy: &Self,
        merged: &Self::Spec,
        proxy: Option<&EnvoyProxy>,
    ) -> Result<Self::Features, String> {
        Self::translate_for(ctx, policy.meta(), merged, proxy)
    }

    /// Why valid features are still incomplete (parts that failed open): the policy is reported
    /// invalid, yet its features apply.
    fn partial_error(_features: &Self::Features) -> Option<String> {
        None
    }
}

/// One target of one policy, resolved.
struct Candidate {
    policy: usize,
    target: Target,
    scope: Scope,
}

/// What a candidate learns from the more specific ones.
#[derive(Default)]
struct Notes {
    overridden: BTreeMap<Level, BTreeSet<String>>,
    merged: BTreeSet<String>,
}

/// The state of one run of the engine.
struct Run<'r, 'c, P: PolicyKind> {
    ctx: &'r Context<'c>,
    gateways: &'r [GatewayCtx<'c>],
    policies: &'r [&'r P],
    builders: Vec<PolicyStatusBuilder>,
    candidates: Vec<Candidate>,
    winners: BTreeMap<Target, usize>,
    notes: BTreeMap<usize, Notes>,
    merged_with: BTreeMap<usize, BTreeSet<usize>>,
    /// The live listener-level candidates of each IR listener, most specific first.
    on_listener: BTreeMap<(String, String), Vec<usize>>,
    /// Where the IR routes of HTTP listeners are.
    http_routes: RouteIndex,
    /// Where the IR routes of TCP listeners are (when the kind reaches them).
    tcp_routes: Option<RouteIndex>,
}

/// Attaches `policies` (oldest first), translates their features into the IR routes they reach and sets
/// their statuses.
pub(crate) fn run<P: PolicyKind>(
    ctx: &Context<'_>,
    gateways: &[GatewayCtx<'_>],
    policies: &[&P],
    xds: &mut BTreeMap<String, Xds>,
    statuses: &mut Statuses,
) {
    if policies.is_empty() {
        // Nothing attaches and no status is written: spare the route index.
        return;
    }
    let mut run = Run {
        ctx,
        gateways,
        policies,
        builders: policies
            .iter()
            .map(|_| PolicyStatusBuilder::new(&ctx.config.controller_name))
            .collect(),
        candidates: Vec::new(),
        winners: BTreeMap::new(),
        notes: BTreeMap::new(),
        merged_with: BTreeMap::new(),
        on_listener: BTreeMap::new(),
        http_routes: RouteIndex::new(xds, Routes::Http),
        tcp_routes: P::TCP.then(|| RouteIndex::new(xds, Routes::Tcp)),
    };
    run.gather(gateways);
    let live = run.pick_winners();
    let listener_policy = run.listener_policies(&live);
    let mut claimed = BTreeSet::new();
    for &ci in &live {
        run.attach(ci, &listener_policy, &mut claimed, xds);
    }
    run.write_notes();
    run.finish(statuses);
}

impl<P: PolicyKind> Run<'_, '_, P> {
    /// Resolves every policy's targets; sections that do not exist are reported.
    fn gather(&mut self, gateways: &[GatewayCtx<'_>]) {
        for (i, policy) in self.policies.iter().enumerate() {
            for target in targets::resolve(self.ctx, P::KIND, policy.meta(), policy.spec()) {
                match scope::resolve(self.ctx, gateways, &target) {
                    Ok(scope) => self.candidates.push(Candidate {
                        policy: i,
                        target,
                        scope,
                    }),
                    Err(Unresolved::SectionNotFound(ancestors, message)) => {
                        if let Some(b) = self.builders.get_mut(i) {
                            for a in &ancestors {
                                b.refused(a, msg::TARGET_NOT_FOUND, message.clone());
                            }
                        }
                    }
                    Err(Unresolved::Ignored) => {}
                }
            }
        }
        self.candidates.sort_by_key(|c| (c.scope.level, c.policy));
    }

    /// The oldest policy on a target wins; the others are conflicted there. The winners, in order.
    fn pick_winners(&mut self) -> Vec<usize> {
        let mut live = Vec::new();
        for (ci, c) in self.candidates.iter().enumerate() {
            if self.winners.contains_key(&c.target) {
                if let Some(b) = self.builders.get_mut(c.policy) {
                    let message = conflict_message::<P>(&c.target);
                    for a in &c.scope.ancestors {
                        b.conflicted(a, message.clone());
                    }
                }
            } else {
                self.winners.insert(c.target.clone(), ci);
                live.push(ci);
            }
        }
        live
    }

    /// The most specific listener-level policy of each IR listener, with the listener as an ancestor;
    /// also fills `on_listener`.
    fn listener_policies(
        &mut self,
        live: &[usize],
    ) -> BTreeMap<(String, String), (usize, ParentReference)> {
        let mut out = BTreeMap::new();
        for &ci in live {
            if let Some(Candidate {
                scope:
                    Scope {
                        reach: Reach::Listeners(listeners),
                        ..
                    },
                ..
            }) = self.candidates.get(ci)
            {
                for l in listeners {
                    out.entry(l.key()).or_insert((ci, l.ancestor.clone()));
                    self.on_listener.entry(l.key()).or_default().push(ci);
                }
            }
        }
        out
    }

    /// Applies candidate `ci` to the IR routes it reaches that no more specific policy claimed.
    fn attach(
        &mut self,
        ci: usize,
        listener_policy: &BTreeMap<(String, String), (usize, ParentReference)>,
        claimed: &mut BTreeSet<(String, String, usize)>,
        xds: &mut BTreeMap<String, Xds>,
    ) {
        let (Some(c), ctx) = (self.candidates.get(ci), self.ctx) else {
            return;
        };
        let Some(policy) = self.policies.get(c.policy).copied() else {
            return;
        };
        let namespace = policy.meta().namespace.clone().unwrap_or_default();
        let merge_type = P::merge_type(policy.spec()).filter(|m| **m != MergeType::Replace);
        let proxy = proxy_of(self.gateways, &c.scope.ancestors);
        let own = P::translate_for(ctx, policy.meta(), policy.spec(), proxy);
        if let (Some(e), Some(b)) = (problem::<P>(&own), self.builders.get_mut(c.policy)) {
            for a in &c.scope.ancestors {
                b.invalid(a, &e);
            }
        }
        let metadata = PolicyMetadata {
            kind: P::KIND.to_owned(),
            name: policy.meta().name.clone().unwrap_or_default(),
            namespace,
        };
        let mut merged_cache: BTreeMap<usize, Result<P::Features, String>> = BTreeMap::new();
        let mut failed_merges: BTreeSet<usize> = BTreeSet::new();
        let mut touched = BTreeSet::new();
        if let Reach::Listeners(listeners) = &c.scope.reach {
            touched.extend(listeners.iter().map(super::scope::ListenerRef::key));
        }
        let level = c.scope.level;
        if let Some(tcp_routes) = &self.tcp_routes {
            let reached = tcp_routes.reached(&c.scope.reach);
            attach_tcp::<P>(xds, reached, own.as_ref().ok(), &mut touched, claimed);
        }
        for (fleet, listener, index) in self.http_routes.reached(&c.scope.reach) {
            touched.insert((fleet.clone(), listener.clone()));
            if !claimed.insert((fleet.clone(), listener.clone(), index)) {
                continue;
            }
            let parent = listener_policy
                .get(&(fleet.clone(), listener.clone()))
                .filter(|(p, _)| *p != ci && level < Level::ListenerSetListener);
            let features = match (merge_type, parent) {
                (Some(m), Some((p, ancestor))) => {
                    let p = *p;
                    let merged = merged_cache.entry(p).or_insert_with(|| {
                        merged_features::<P>(
                            ctx,
                            self.policies,
                            &self.candidates,
                            (p, policy),
                            m,
                            proxy,
                        )
                    });
                    self.note_merge(ci, (p, ancestor), merged, &mut failed_merges);
                    merged.as_ref().ok()
                }
                _ => own.as_ref().ok(),
            };
            let Some(route) = xds
                .get_mut(&fleet)
                .and_then(|f| f.http.iter_mut().find(|l| l.name == listener))
                .and_then(|l| l.routes.get_mut(index))
            else {
                continue;
            };
            let Some(features) = features else {
                // An invalid policy fails its routes closed.
                route.direct_response = Some(DirectResponse {
                    status_code: 500,
                    body: None,
                });
                if !P::INVALID_CLAIMS_ROUTES {
                    claimed.remove(&(fleet, listener, index));
                }
                continue;
            };
            P::apply(features, route);
            if !P::ROUTE_METADATA {
                continue;
            }
            route
                .metadata
                .get_or_insert_with(Default::default)
                .policies
                .push(metadata.clone());
        }
        if let Some(c) = self.candidates.get(ci)
            && let Some(b) = self.builders.get_mut(c.policy)
        {
            b.accepted_all(&c.scope.ancestors);
        }
        self.register(ci, &touched);
    }

    /// Records on candidate `ci`'s policy, once per parent candidate `p` (at `ancestor`), the outcome
    /// of merging onto it: `Merged`, or the merge's error when the kind makes those invalidate.
    fn note_merge(
        &mut self,
        ci: usize,
        (p, ancestor): (usize, &ParentReference),
        merged: &Result<P::Features, String>,
        failed_merges: &mut BTreeSet<usize>,
    ) {
        let Some(c) = self.candidates.get(ci) else {
            return;
        };
        let parent_policy = self
            .candidates
            .get(p)
            .and_then(|pc| self.policies.get(pc.policy));
        let first = !self.merged_with.get(&ci).is_some_and(|s| s.contains(&p))
            && !failed_merges.contains(&p);
        match (merged, self.builders.get_mut(c.policy), parent_policy) {
            // A merge that fails is the policy's error there, and does not merge.
            (Err(error), Some(builder), _) if first && P::MERGE_ERRORS_INVALIDATE => {
                failed_merges.insert(p);
                builder.invalid(ancestor, error);
            }
            (result, Some(builder), Some(parent_policy))
                if first && (result.is_ok() || !P::MERGE_ERRORS_INVALIDATE) =>
            {
                self.merged_with.entry(ci).or_default().insert(p);
                let message = format!(
                    "Merged with policy {}/{}",
                    parent_policy
                        .meta()
                        .namespace
                        .as_deref()
                        .unwrap_or_default(),
                    parent_policy.meta().name.as_deref().unwrap_or_default()
                );
                builder.merged(ancestor, &message);
            }
            _ => {}
        }
    }

    /// Tells the policies of the more general targets above candidate `ci` (on the IR listeners it
    /// touched) that it overrides, or merges with, them: a rule's policy tells its route's policy, else
    /// its closest listener-level one; the others tell every one.
    fn register(&mut self, ci: usize, touched: &BTreeSet<(String, String)>) {
        let Some(c) = self.candidates.get(ci) else {
            return;
        };
        let above = |p: &usize| {
            self.candidates
                .get(*p)
                .is_some_and(|pc| pc.scope.level > c.scope.level)
        };
        let mut parents: Vec<usize> = Vec::new();
        if c.scope.level == Level::RouteRule {
            let route = Target {
                section: None,
                ..c.target.clone()
            };
            if let Some(p) = self.winners.get(&route) {
                parents.push(*p);
            } else {
                for l in touched {
                    parents.extend(self.on_listener.get(l).and_then(|ps| ps.first()));
                }
            }
        } else {
            for l in touched {
                parents.extend(
                    self.on_listener
                        .get(l)
                        .into_iter()
                        .flatten()
                        .filter(|p| above(p)),
                );
            }
        }
        let merged = self.merged_with.get(&ci);
        let route_label = format!("{}/{}", c.target.namespace, c.target.name);
        // A rule under parents named without a section overrides them as its route.
        let (level, label) = if c.scope.level == Level::RouteRule
            && !self.winners.contains_key(&Target {
                section: None,
                ..c.target.clone()
            })
            && c.scope.ancestors.iter().all(|a| a.section_name.is_none())
        {
            (Level::Route, route_label.clone())
        } else {
            (c.scope.level, c.scope.label.clone())
        };
        let mut seen = BTreeSet::new();
        for p in parents.into_iter().filter(|p| *p != ci && seen.insert(*p)) {
            let n = self.notes.entry(p).or_default();
            if merged.is_some_and(|m| m.contains(&p)) {
                n.merged.insert(route_label.clone());
            } else {
                n.overridden.entry(level).or_default().insert(label.clone());
            }
        }
    }

    /// `Overridden` and `Merged` on the policies more specific ones override or merge with.
    fn write_notes(&mut self) {
        for (ci, n) in &self.notes {
            let Some(c) = self.candidates.get(*ci) else {
                continue;
            };
            let Some(b) = self.builders.get_mut(c.policy) else {
                continue;
            };
            // A route that merges with the policy does not override it, whatever its other rules do.
            let overridden: BTreeMap<Level, BTreeSet<String>> = n
                .overridden
                .iter()
                .map(|(level, labels)| (*level, labels - &n.merged))
                .filter(|(_, labels)| !labels.is_empty())
                .collect();
            if let Some(message) = overridden_message::<P>(&overridden) {
                for a in &c.scope.ancestors {
                    b.overridden(a, &message);
                }
            }
            if !n.merged.is_empty() {
                let list: Vec<&str> = n.merged.iter().map(String::as_str).collect();
                let message = format!(
                    "This policy is being merged by other {} for these routes: [{}]",
                    P::PLURAL,
                    list.join(" ")
                );
                for a in &c.scope.ancestors {
                    b.merged(a, &message);
                }
            }
        }
    }

    /// Deprecation warnings, then each policy's status.
    fn finish(self, statuses: &mut Statuses) {
        for (policy, mut b) in self.policies.iter().zip(self.builders) {
            if b.is_empty() {
                continue;
            }
            let mut deprecated = P::deprecated_fields(policy.spec());
            if targets::uses_target_ref(policy.spec()) {
                deprecated.push(msg::DEPRECATED_TARGET_REF.to_owned());
            }
            deprecated.sort();
            b.deprecated_where_attached(&deprecated);
            let key = ObjectKey {
                kind: P::RESOURCE,
                namespace: policy.meta().namespace.clone().unwrap_or_default(),
                name: policy.meta().name.clone().unwrap_or_default(),
            };
            statuses.set(key, ObjectStatus::Policy(b.build()));
        }
    }
}

/// The features of `policy` merged onto those of the candidate `parent`.
fn merged_features<P: PolicyKind>(
    ctx: &Context<'_>,
    policies: &[&P],
    candidates: &[Candidate],
    (parent, policy): (usize, &P),
    merge_type: &MergeType,
    proxy: Option<&EnvoyProxy>,
) -> Result<P::Features, String> {
    let parent_policy = candidates
        .get(parent)
        .and_then(|c| policies.get(c.policy))
        .copied();
    let parent_spec = parent_policy
        .and_then(|p| serde_json::to_value(p.spec()).ok())
        .unwrap_or_default();
    let own = serde_json::to_value(policy.spec()).map_err(|e| e.to_string())?;
    let merged = merge(&parent_spec, &own, *merge_type == MergeType::StrategicMerge);
    let spec: P::Spec = serde_json::from_value(merged).map_err(|e| e.to_string())?;
    match parent_policy {
        Some(p) => P::translate_merged(ctx, p, policy, &spec, proxy),
        None => P::translate_for(ctx, policy.meta(), &spec, proxy),
    }
}

/// Why a translation makes its policy invalid, if it does.
fn problem<P: PolicyKind>(translated: &Result<P::Features, String>) -> Option<String> {
    match translated {
        Err(e) => Some(e.clone()),
        Ok(f) => P::partial_error(f),
    }
}

/// The EnvoyProxy of the first Gateway among `ancestors`.
fn proxy_of<'g>(
    gateways: &'g [GatewayCtx<'_>],
    ancestors: &[ParentReference],
) -> Option<&'g EnvoyProxy> {
    ancestors.iter().find_map(|a| {
        gateways
            .iter()
            .find(|g| a.name == g.name && a.namespace.as_deref() == Some(g.namespace.as_str()))
            .and_then(|g| g.envoy_proxy.as_ref())
    })
}

/// Applies `features` (none when the policy is invalid) to the `reached` TCP routes that no more
/// specific policy claimed; their listeners are `touched`.
fn attach_tcp<P: PolicyKind>(
    xds: &mut BTreeMap<String, Xds>,
    reached: Vec<(String, String, usize)>,
    features: Option<&P::Features>,
    touched: &mut BTreeSet<(String, String)>,
    claimed: &mut BTreeSet<(String, String, usize)>,
) {
    for (fleet, listener, index) in reached {
        touched.insert((fleet.clone(), listener.clone()));
        if !claimed.insert((fleet.clone(), listener.clone(), index)) {
            continue;
        }
        let route = xds
            .get_mut(&fleet)
            .and_then(|f| f.tcp.iter_mut().find(|l| l.name == listener))
            .and_then(|l| l.routes.get_mut(index));
        if let (Some(features), Some(route)) = (features, route) {
            P::apply_tcp(features, route);
        }
    }
}

fn overridden_message<P: PolicyKind>(by: &BTreeMap<Level, BTreeSet<String>>) -> Option<String> {
    let list = |l: Level| {
        by.get(&l)
            .map(|s| s.iter().map(String::as_str).collect::<Vec<_>>().join(" "))
    };
    let mut parts = Vec::new();
    for (level, words) in [
        (Level::GatewayListener, "gateway listeners"),
        (Level::ListenerSet, "listenersets"),
        (Level::ListenerSetListener, "listenerset listeners"),
        (Level::Route, "routes"),
    ] {
        if let Some(l) = list(level) {
            parts.push(format!("{words}: [{l}]"));
        }
    }
    let rules = list(Level::RouteRule);
    match (parts.is_empty(), rules) {
        (true, None) => None,
        (true, Some(r)) => Some(format!(
            "This policy is being overridden by other {} for these route rules: [{r}]",
            P::RULES_WORD
        )),
        (false, rules) => {
            parts.extend(rules.map(|r| format!("route rules: [{r}]")));
            Some(format!(
                "This policy is being overridden by other {} for these {}",
                P::PLURAL,
                parts.join(" and these ")
            ))
        }
    }
}

fn conflict_message<P: PolicyKind>(target: &Target) -> String {
    let what = match (target.kind.as_str(), target.section.as_deref()) {
        ("Gateway", Some(_)) => format!("section of {}", target.name),
        ("ListenerSet", Some(s)) => format!("Listener {}/{s}", target.name),
        (_, Some(s)) => format!("RouteRule {}/{s}", target.name),
        (kind, None) => format!("{kind} {}", target.name),
    };
    format!(
        "Unable to target {what}, another {} has already attached to it",
        P::KIND
    )
}
