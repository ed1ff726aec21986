//! A rule's `sessionPersistence` on its IR routes: sticky sessions by cookie (the default) or by
//! header. The cookie or header is named by `sessionName`, or after the rule when it has none (with
//! `-` for `/`, which header names cannot hold); a permanent cookie lives `absoluteTimeout`.

use gwapi_model::gateway_api::{CookieLifetimeType, SessionPersistence, SessionPersistenceType};

use crate::ir::{self, CookieSession, GoDuration, HeaderSession};

/// The IR session persistence of a rule named `rule_name` (`None` without one, or when its type is
/// unknown).
pub(crate) fn convert(
    persistence: Option<&SessionPersistence>,
    rule_name: &str,
) -> Option<ir::SessionPersistence> {
    let persistence = persistence?;
    let name = persistence
        .session_name
        .clone()
        .unwrap_or_else(|| rule_name.replace('/', "-"));
    match persistence.type_.as_ref() {
        None | Some(SessionPersistenceType::Cookie) => {
            let permanent = persistence
                .cookie_config
                .as_ref()
                .or(persistence.cookie.as_ref())
                .and_then(|c| c.lifetime_type.as_ref())
                == Some(&CookieLifetimeType::Permanent);
            let ttl = persistence
                .absolute_timeout
                .as_ref()
                .filter(|_| permanent)
                .and_then(|d| d.parse().map(GoDuration));
            Some(ir::SessionPersistence {
                cookie: Some(CookieSession { name, ttl }),
                header: None,
            })
        }
        Some(SessionPersistenceType::Header) => Some(ir::SessionPersistence {
            cookie: None,
            header: Some(HeaderSession { name }),
        }),
        Some(SessionPersistenceType::Unknown(_)) => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn persistence(yaml: &str) -> SessionPersistence {
        serde_norway::from_str(yaml).unwrap()
    }

    #[test]
    fn a_named_cookie_is_a_session_cookie_unless_permanent() {
        let session = persistence("{sessionName: s, absoluteTimeout: 1h}");
        let ir = convert(Some(&session), "httproute/ns/r/rule/0").unwrap();
        let cookie = ir.cookie.unwrap();
        assert_eq!((cookie.name.as_str(), cookie.ttl), ("s", None));
        let permanent = persistence(
            "{sessionName: s, absoluteTimeout: 1h, cookieConfig: {lifetimeType: Permanent}}",
        );
        let ir = convert(Some(&permanent), "httproute/ns/r/rule/0").unwrap();
        assert!(ir.cookie.unwrap().ttl.is_some());
    }

    #[test]
    fn a_header_without_name_is_named_after_the_rule() {
        let session = persistence("{type: Header}");
        let ir = convert(Some(&session), "httproute/ns/r/rule/0").unwrap();
        assert_eq!(ir.header.unwrap().name, "httproute-ns-r-rule-0");
        assert!(ir.cookie.is_none());
    }
}
