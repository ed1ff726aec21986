//! Real certificates in place of the corpus's placeholders, before `envoy --mode validate`.
//!
//! The reference's IR inputs carry placeholder certificate material: text such as `cert-data` or
//! `[redacted]` where a PEM certificate or key belongs, and files such as `/certs/ca.crt` that exist only in
//! the reference's test containers. A faithful translation copies them, and Envoy then refuses to load them,
//! which says nothing about the configuration around them. So before validation every certificate chain,
//! private key and trusted CA that is not PEM-shaped, or names a file that does not exist, is replaced by a
//! generated certificate (a certificate and its key are replaced together, so that they match). Everything
//! else Envoy sees is exactly the translator's output.

use std::path::Path;
use std::sync::OnceLock;

use base64::Engine as _;
use rcgen::{CertificateParams, KeyPair};
use serde_json::{Value, json};

/// A generated self-signed certificate and its key, PEM-encoded.
struct StandIn {
    cert: String,
    key: String,
}

/// The stand-in certificate, generated once per run.
fn stand_in() -> Result<&'static StandIn, String> {
    static STAND_IN: OnceLock<Result<StandIn, String>> = OnceLock::new();
    STAND_IN
        .get_or_init(|| {
            let key = KeyPair::generate().map_err(|e| e.to_string())?;
            let params = CertificateParams::new(vec!["stand-in.example".to_owned()])
                .map_err(|e| e.to_string())?;
            let cert = params.self_signed(&key).map_err(|e| e.to_string())?;
            Ok(StandIn {
                cert: cert.pem(),
                key: key.serialize_pem(),
            })
        })
        .as_ref()
        .map_err(|e| format!("cannot generate a stand-in certificate: {e}"))
}

/// What an Envoy `DataSource` holds, as far as validation can tell without loading it.
fn usable(source: &Value, pem_label: &str) -> bool {
    let text = if let Some(s) = source.get("inlineString").and_then(Value::as_str) {
        s.to_owned()
    } else if let Some(b) = source.get("inlineBytes").and_then(Value::as_str) {
        match base64::engine::general_purpose::STANDARD.decode(b) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => return false,
        }
    } else if let Some(file) = source.get("filename").and_then(Value::as_str) {
        return Path::new(file).is_file();
    } else {
        // Environment variables and other sources: left to Envoy.
        return true;
    };
    text.contains("-----BEGIN ") && text.contains(pem_label) && text.contains("-----END ")
}

/// Replaces placeholder material under `value` (a bootstrap as JSON); returns how many objects changed.
fn replace(value: &mut Value, stand_in: &StandIn) -> usize {
    let mut changed = 0;
    match value {
        Value::Object(map) => {
            if let (Some(chain), Some(key)) = (map.get("certificateChain"), map.get("privateKey"))
                && !(usable(chain, "CERTIFICATE") && usable(key, "PRIVATE KEY"))
            {
                map.insert(
                    "certificateChain".to_owned(),
                    json!({"inlineString": stand_in.cert}),
                );
                map.insert(
                    "privateKey".to_owned(),
                    json!({"inlineString": stand_in.key}),
                );
                changed += 1;
            }
            if let Some(ca) = map.get("trustedCa")
                && !usable(ca, "CERTIFICATE")
            {
                map.insert(
                    "trustedCa".to_owned(),
                    json!({"inlineString": stand_in.cert}),
                );
                changed += 1;
            }
            for child in map.values_mut() {
                changed += replace(child, stand_in);
            }
        }
        Value::Array(items) => {
            for item in items {
                changed += replace(item, stand_in);
            }
        }
        _ => {}
    }
    changed
}

/// `bootstrap` (JSON) with its placeholder certificate material replaced by a generated certificate.
///
/// # Errors
/// When the bootstrap is not JSON or the certificate cannot be generated.
pub fn with_stand_ins(bootstrap: &str) -> Result<String, String> {
    let mut value: Value = serde_json::from_str(bootstrap)
        .map_err(|e| format!("the validation bootstrap is not JSON: {e}"))?;
    if replace(&mut value, stand_in()?) == 0 {
        return Ok(bootstrap.to_owned());
    }
    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn placeholders_are_replaced_and_real_material_is_kept() {
        let real = stand_in().unwrap();
        let bootstrap = json!({
            "secrets": [
                {"name": "placeholder", "tlsCertificate": {
                    "certificateChain": {"inlineBytes": "Y2VydC1kYXRh"},
                    "privateKey": {"inlineBytes": "W3JlZGFjdGVkXQ=="}}},
                {"name": "real", "tlsCertificate": {
                    "certificateChain": {"inlineString": real.cert},
                    "privateKey": {"inlineString": real.key}}},
                {"name": "ca", "validationContext": {"trustedCa": {"filename": "/no/such/ca.crt"}}},
            ]
        });
        let out: Value =
            serde_json::from_str(&with_stand_ins(&bootstrap.to_string()).unwrap()).unwrap();
        let secrets = &out["secrets"];
        assert_eq!(
            secrets[0]["tlsCertificate"]["certificateChain"]["inlineString"],
            real.cert
        );
        assert_eq!(
            secrets[1]["tlsCertificate"],
            bootstrap["secrets"][1]["tlsCertificate"]
        );
        assert_eq!(
            secrets[2]["validationContext"]["trustedCa"]["inlineString"],
            real.cert
        );
    }

    #[test]
    fn a_bootstrap_without_placeholders_is_returned_unchanged() {
        let text = r#"{"staticResources": {"listeners": []}}"#;
        assert_eq!(with_stand_ins(text).unwrap(), text);
    }
}
