//! Real certificates in place of the corpus's placeholders, before `envoy --mode validate`.
//!
//! The reference's IR inputs carry placeholder certificate material: text such as `cert-data` or
//! `[redacted]` where a PEM certificate or key belongs, and files such as `/certs/ca.crt` that exist only in
//! the reference's test containers. A faithful translation copies them, and Envoy then refuses to load them,
//! which says nothing about the configuration around them. So before validation every certificate chain,
//! private key and trusted CA that is not PEM-shaped, or names a file that does not exist, is replaced by a
//! generated certificate; a certificate and its key are replaced together, also when the key does not belong
//! to the certificate (placeholder pairs taken from unrelated test files). Everything
//! else Envoy sees is exactly the translator's output.

use std::sync::OnceLock;

use base64::Engine as _;
use rcgen::{CertificateParams, KeyPair, PublicKeyData as _};
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

/// The text of an Envoy `DataSource`: inline, or the file it names; `None` when it cannot be read here.
fn text(source: &Value) -> Option<String> {
    if let Some(s) = source.get("inlineString").and_then(Value::as_str) {
        Some(s.to_owned())
    } else if let Some(b) = source.get("inlineBytes").and_then(Value::as_str) {
        let bytes = base64::engine::general_purpose::STANDARD.decode(b).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    } else {
        std::fs::read_to_string(source.get("filename")?.as_str()?).ok()
    }
}

/// Whether `source` is left to Envoy as it is: a source this check does not know (an environment
/// variable, ...), or PEM text with a `pem_label` block.
fn usable(source: &Value, pem_label: &str) -> bool {
    let known = ["inlineString", "inlineBytes", "filename"];
    if !known.iter().any(|k| source.get(k).is_some()) {
        return true;
    }
    text(source).is_some_and(|t| pem_block(&t, pem_label).is_some())
}

/// The DER bytes of the first PEM block of `text` whose label ends with `label`.
fn pem_block(text: &str, label: &str) -> Option<Vec<u8>> {
    let begin = text.find("-----BEGIN ")?;
    let rest = &text[begin + "-----BEGIN ".len()..];
    let header_end = rest.find("-----")?;
    if !rest[..header_end].ends_with(label) {
        return None;
    }
    let body = &rest[header_end + "-----".len()..];
    let body = &body[..body.find("-----END ")?];
    let compact: String = body.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .ok()
}

/// Whether the private key `key` belongs to the first certificate of `chain`: the key's public part
/// (SubjectPublicKeyInfo) appears verbatim in the certificate. A key this check cannot read counts as
/// not matching.
fn key_matches(chain: &Value, key: &Value) -> bool {
    let (Some(chain), Some(key)) = (text(chain), text(key)) else {
        return false;
    };
    let (Some(cert), Ok(pair)) = (pem_block(&chain, "CERTIFICATE"), KeyPair::from_pem(&key)) else {
        return false;
    };
    let public = pair.subject_public_key_info();
    !public.is_empty() && cert.windows(public.len()).any(|w| w == public.as_slice())
}

/// Replaces placeholder material under `value` (a bootstrap as JSON); returns how many objects changed.
fn replace(value: &mut Value, stand_in: &StandIn) -> usize {
    let mut changed = 0;
    match value {
        Value::Object(map) => {
            if let (Some(chain), Some(key)) = (map.get("certificateChain"), map.get("privateKey"))
                && !(usable(chain, "CERTIFICATE")
                    && usable(key, "PRIVATE KEY")
                    && key_matches(chain, key))
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
    fn a_key_of_another_certificate_is_replaced_with_its_certificate() {
        let real = stand_in().unwrap();
        let other = KeyPair::generate().unwrap().serialize_pem();
        let bootstrap = json!({"tlsCertificate": {
            "certificateChain": {"inlineString": real.cert},
            "privateKey": {"inlineString": other}}});
        let out: Value =
            serde_json::from_str(&with_stand_ins(&bootstrap.to_string()).unwrap()).unwrap();
        assert_eq!(
            out["tlsCertificate"]["privateKey"]["inlineString"],
            real.key
        );
    }

    #[test]
    fn a_bootstrap_without_placeholders_is_returned_unchanged() {
        let text = r#"{"staticResources": {"listeners": []}}"#;
        assert_eq!(with_stand_ins(text).unwrap(), text);
    }
}
