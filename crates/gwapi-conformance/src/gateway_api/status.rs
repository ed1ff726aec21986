//! Status assertions, with the upstream helpers' matching rules (corpus README, "expectStatus entries").

use serde_json::Value;

use super::case::{ConditionExpectation, ListenerExpectation, StatusExpectation};

/// What the assertions look at: the statuses of the world's objects.
pub trait StatusSource {
    /// The status of an object (`Value::Null` when it has none), by kind, namespace (`""` for
    /// cluster-scoped kinds) and name.
    fn status(&self, kind: &str, namespace: &str, name: &str) -> Value;
    /// The Gateways of a namespace, with whether they opt out of readiness checks.
    fn gateways_in(&self, namespace: &str) -> Vec<(String, bool)>;
}

/// Checks one assertion; the error says what is wrong.
pub fn check(exp: &StatusExpectation, source: &dyn StatusSource) -> Result<(), String> {
    let namespace = exp.namespace.as_deref().unwrap_or_default();
    if exp.namespaces_must_be_ready {
        return namespace_ready(&exp.name, source);
    }
    let status = source.status(&exp.kind, namespace, &exp.name);
    let what = format!("{} {namespace}/{}", exp.kind, exp.name);
    if exp.address_assigned {
        let assigned = list(&status, "addresses")
            .iter()
            .any(|a| a.get("type").and_then(Value::as_str).is_some());
        if !assigned {
            return Err(format!("{what}: no address in status"));
        }
    }
    if let Some(want) = exp.attached_listener_sets {
        let got = status
            .get("attachedListenerSets")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        if got != want {
            return Err(format!("{what}: attachedListenerSets {got}, want {want}"));
        }
    }
    if exp.zero_attached_routes {
        let listeners = list(&status, "listeners");
        let zero = listeners.is_empty()
            || (listeners.len() == 1
                && listeners
                    .first()
                    .and_then(|l| l.get("attachedRoutes"))
                    .and_then(Value::as_i64)
                    .unwrap_or(0)
                    == 0);
        if !zero {
            return Err(format!("{what}: routes are attached"));
        }
    }
    if let Some(want) = &exp.status_addresses {
        super::static_addresses::check(&what, &status, want)?;
    }
    if let Some(listeners) = &exp.listeners {
        check_listeners(&what, &status, listeners, exp.listeners_exact)?;
    }
    if exp.no_accepted_parents {
        let parents = list(&status, "parents");
        let none = parents.is_empty()
            || (parents.len() == 1
                && parents
                    .first()
                    .is_some_and(|p| has_condition(p, "Accepted", Some("False"), None)));
        if !none {
            return Err(format!("{what}: has accepted parents"));
        }
    }
    if let Some(parent) = &exp.parent_ref {
        return check_parent(&what, &status, "parents", "parentRef", parent, exp);
    }
    if let Some(ancestor) = &exp.ancestor_ref {
        return check_parent(&what, &status, "ancestors", "ancestorRef", ancestor, exp);
    }
    missing_conditions(&what, &status, &exp.conditions)
}

fn list<'v>(value: &'v Value, key: &str) -> &'v [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

fn has_condition(owner: &Value, kind: &str, status: Option<&str>, reason: Option<&str>) -> bool {
    list(owner, "conditions").iter().any(|c| {
        let field = |k: &str| c.get(k).and_then(Value::as_str);
        field("type") == Some(kind)
            && status.is_none_or(|s| field("status") == Some(s))
            && reason.is_none_or(|r| field("reason") == Some(r))
    })
}

fn missing_conditions(
    what: &str,
    owner: &Value,
    wanted: &[ConditionExpectation],
) -> Result<(), String> {
    for c in wanted {
        if !has_condition(owner, &c.type_, c.status.as_deref(), c.reason.as_deref()) {
            return Err(format!(
                "{what}: no condition {}={} ({}); have {}",
                c.type_,
                c.status.as_deref().unwrap_or("*"),
                c.reason.as_deref().unwrap_or("*"),
                summary(owner)
            ));
        }
    }
    Ok(())
}

/// The conditions of a status, as `Type=Status/Reason` items.
fn summary(owner: &Value) -> String {
    let items: Vec<String> = list(owner, "conditions")
        .iter()
        .map(|c| {
            let field = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or_default();
            format!("{}={}/{}", field("type"), field("status"), field("reason"))
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn namespace_ready(namespace: &str, source: &dyn StatusSource) -> Result<(), String> {
    for (name, skip) in source.gateways_in(namespace) {
        if skip {
            continue;
        }
        let status = source.status("Gateway", namespace, &name);
        for kind in ["Accepted", "Programmed"] {
            if !has_condition(&status, kind, Some("True"), None) {
                return Err(format!(
                    "namespace {namespace} not ready: Gateway {name} is not {kind}: {}",
                    summary(&status)
                ));
            }
        }
    }
    Ok(())
}

fn check_listeners(
    what: &str,
    status: &Value,
    wanted: &[ListenerExpectation],
    exact: bool,
) -> Result<(), String> {
    let have = list(status, "listeners");
    if exact && have.len() != wanted.len() {
        return Err(format!(
            "{what}: {} listeners in status, want {}",
            have.len(),
            wanted.len()
        ));
    }
    for w in wanted {
        let targets: Vec<&Value> = if w.name == "*" {
            have.iter().collect()
        } else {
            let found: Vec<&Value> = have
                .iter()
                .filter(|l| l.get("name").and_then(Value::as_str) == Some(w.name.as_str()))
                .collect();
            if found.is_empty() {
                return Err(format!("{what}: no listener {} in status", w.name));
            }
            found
        };
        for l in targets {
            let lwhat = format!(
                "{what} listener {}",
                l.get("name").and_then(Value::as_str).unwrap_or_default()
            );
            if let Some(n) = w.attached_routes {
                let got = l.get("attachedRoutes").and_then(Value::as_i64).unwrap_or(0);
                if got != n {
                    return Err(format!("{lwhat}: attachedRoutes {got}, want {n}"));
                }
            }
            if let Some(kinds) = &w.supported_kinds {
                let got = list(l, "supportedKinds");
                if kinds.is_empty() && !got.is_empty() {
                    return Err(format!("{lwhat}: supportedKinds must be empty"));
                }
                for k in kinds {
                    let same = |g: &Value| {
                        g.get("kind") == k.get("kind")
                            && g.get("group").and_then(Value::as_str).unwrap_or_default()
                                == k.get("group").and_then(Value::as_str).unwrap_or_default()
                    };
                    if !got.iter().any(same) {
                        return Err(format!("{lwhat}: kind {k} not supported"));
                    }
                }
            }
            missing_conditions(&lwhat, l, &w.conditions)?;
        }
    }
    Ok(())
}

/// Route parents / policy ancestors: the first entry that matches the reference and carries the
/// conditions satisfies the assertion.
fn check_parent(
    what: &str,
    status: &Value,
    list_key: &str,
    ref_key: &str,
    wanted: &Value,
    exp: &StatusExpectation,
) -> Result<(), String> {
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let full = wanted.get("kind").is_some() || exp.controller_name.is_some();
    let namespace_required = wanted
        .get("namespaceRequired")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let candidates: Vec<&Value> = list(status, list_key)
        .iter()
        .filter(|p| {
            let Some(r) = p.get(ref_key) else {
                return false;
            };
            let name_ok = text(r, "name") == text(wanted, "name");
            let ns_ok = match (text(r, "namespace"), text(wanted, "namespace")) {
                (Some(got), Some(want)) => got == want,
                (None, _) => !namespace_required,
                (Some(_), None) => true,
            };
            let gk_ok = !full
                || (text(r, "group") == text(wanted, "group")
                    && text(r, "kind") == text(wanted, "kind"));
            let controller_ok = exp
                .controller_name
                .as_ref()
                .is_none_or(|_| text(p, "controllerName").is_some());
            name_ok && ns_ok && gk_ok && controller_ok
        })
        .collect();
    if exp.absent_parent {
        return if candidates.is_empty() {
            Ok(())
        } else {
            Err(format!("{what}: has a status for {wanted}"))
        };
    }
    if candidates.is_empty() {
        return Err(format!("{what}: no {list_key} entry for {wanted}"));
    }
    let mut last = Ok(());
    for c in candidates {
        last = missing_conditions(what, c, &exp.conditions);
        if last.is_ok() {
            return last;
        }
    }
    last
}
