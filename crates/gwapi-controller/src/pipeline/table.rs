//! A concise, human-readable table of Gateways, routes and their conditions.

use std::fmt::Write as _;

use gwapi_ir::{ObjectStatus, Statuses};
use gwapi_model::{Condition, ConditionStatus};

/// `Type=True`, or `Type=False(Reason)` when the condition does not hold.
fn condition(c: &Condition) -> String {
    match c.status {
        ConditionStatus::True => format!("{}=True", c.type_),
        ConditionStatus::False => format!("{}=False({})", c.type_, c.reason),
        ConditionStatus::Unknown => format!("{}=Unknown({})", c.type_, c.reason),
    }
}

fn conditions(list: &[Condition]) -> String {
    let all: Vec<String> = list.iter().map(condition).collect();
    if all.is_empty() {
        "-".to_owned()
    } else {
        all.join(" ")
    }
}

/// One line per GatewayClass, Gateway (and listener), route (per parent), policy (per ancestor) and
/// Backend, with its conditions; ordered by kind, namespace and name.
///
/// ```
/// let table = gwapi_controller::pipeline::summary_table(&gwapi_ir::Statuses::default());
/// assert!(table.starts_with("KIND"));
/// ```
pub fn summary_table(statuses: &Statuses) -> String {
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (key, status) in statuses.iter() {
        let name = if key.namespace.is_empty() {
            key.name.clone()
        } else {
            format!("{}/{}", key.namespace, key.name)
        };
        let kind = key.kind.to_string();
        match status {
            ObjectStatus::GatewayClass(s) => rows.push((kind, name, conditions(&s.conditions))),
            ObjectStatus::Gateway(s) => {
                rows.push((kind, name, conditions(&s.conditions)));
                for l in &s.listeners {
                    let label = format!("  listener {} ({} routes)", l.name, l.attached_routes);
                    rows.push((String::new(), label, conditions(&l.conditions)));
                }
            }
            ObjectStatus::ListenerSet(s) => rows.push((kind, name, conditions(&s.conditions))),
            ObjectStatus::Route(s) => {
                for p in &s.parents {
                    let parent = p.parent_ref.section_name.as_ref().map_or_else(
                        || p.parent_ref.name.clone(),
                        |section| format!("{}/{section}", p.parent_ref.name),
                    );
                    let text = format!("parent {parent}: {}", conditions(&p.conditions));
                    rows.push((kind.clone(), name.clone(), text));
                }
                if s.parents.is_empty() {
                    rows.push((kind, name, "no parent accepted it".to_owned()));
                }
            }
            ObjectStatus::Policy(s) => {
                for a in &s.ancestors {
                    let text = format!(
                        "ancestor {}: {}",
                        a.ancestor_ref.name,
                        conditions(&a.conditions)
                    );
                    rows.push((kind.clone(), name.clone(), text));
                }
            }
            ObjectStatus::Backend(s) => rows.push((kind, name, conditions(&s.conditions))),
            _ => rows.push((kind, name, "-".to_owned())),
        }
    }
    let kind_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(4);
    let name_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0).max(4);
    let mut out = format!(
        "{:<kind_width$}  {:<name_width$}  CONDITIONS\n",
        "KIND", "NAME"
    );
    for (kind, name, text) in rows {
        let _ = writeln!(out, "{kind:<kind_width$}  {name:<name_width$}  {text}");
    }
    out
}
