//! The certificates the conformance suite creates itself before the tests run (upstream
//! `utils/suite/suite.go`): self-signed and CA-signed serving certificates, client certificates, and the
//! ConfigMaps carrying the CAs, as Secrets and ConfigMaps of the simulated cluster.

use std::collections::BTreeMap;

use gwapi_model::core::{ConfigMap, Secret};
use gwapi_model::resource::Resource;
use k8s_openapi::ByteString;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair, SanType,
};

const INFRA: &str = "gateway-conformance-infra";
const WEB_BACKEND: &str = "gateway-conformance-web-backend";
const APP_BACKEND: &str = "gateway-conformance-app-backend";

/// A certificate and its key, PEM-encoded.
struct Pem {
    cert: String,
    key: String,
}

/// A CA that signs leaf certificates.
struct Authority {
    issuer: Issuer<'static, KeyPair>,
    pem: String,
}

/// Certificate parameters for `names`: DNS names, and URIs (`spiffe://...`) as URI names.
fn params_for(names: &[&str]) -> anyhow::Result<CertificateParams> {
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    for name in names {
        params.subject_alt_names.push(if name.contains("://") {
            SanType::URI((*name).try_into()?)
        } else {
            SanType::DnsName((*name).try_into()?)
        });
    }
    Ok(params)
}

fn self_signed(names: &[&str]) -> anyhow::Result<Pem> {
    let key = KeyPair::generate()?;
    let params = params_for(names)?;
    let cert = params.self_signed(&key)?;
    Ok(Pem {
        cert: cert.pem(),
        key: key.serialize_pem(),
    })
}

/// A CA named `name`: its subject differs from its leaves' (OpenSSL and BoringSSL take a leaf whose
/// issuer name is its own subject name for a self-signed certificate).
fn authority(name: &str) -> anyhow::Result<Authority> {
    let key = KeyPair::generate()?;
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    params.distinguished_name = DistinguishedName::new();
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let cert = params.self_signed(&key)?;
    Ok(Authority {
        issuer: Issuer::new(params, key),
        pem: cert.pem(),
    })
}

fn signed(ca: &Authority, names: &[&str]) -> anyhow::Result<Pem> {
    let key = KeyPair::generate()?;
    let params = params_for(names)?;
    let cert = params.signed_by(&key, &ca.issuer)?;
    Ok(Pem {
        cert: cert.pem(),
        key: key.serialize_pem(),
    })
}

fn meta(namespace: &str, name: &str) -> ObjectMeta {
    ObjectMeta {
        namespace: Some(namespace.to_owned()),
        name: Some(name.to_owned()),
        ..ObjectMeta::default()
    }
}

fn tls_secret(namespace: &str, name: &str, pem: &Pem) -> Resource {
    let data: BTreeMap<String, ByteString> = [
        (
            "tls.crt".to_owned(),
            ByteString(pem.cert.clone().into_bytes()),
        ),
        (
            "tls.key".to_owned(),
            ByteString(pem.key.clone().into_bytes()),
        ),
    ]
    .into_iter()
    .collect();
    Resource::Secret(Box::new(Secret {
        metadata: meta(namespace, name),
        type_: Some("kubernetes.io/tls".to_owned()),
        data: Some(data),
        ..Secret::default()
    }))
}

fn ca_config_map(namespace: &str, name: &str, ca_pem: &str) -> Resource {
    Resource::ConfigMap(Box::new(ConfigMap {
        metadata: meta(namespace, name),
        data: Some(
            [("ca.crt".to_owned(), ca_pem.to_owned())]
                .into_iter()
                .collect(),
        ),
        ..ConfigMap::default()
    }))
}

/// Every Secret and ConfigMap the suite generates.
pub fn suite_objects() -> anyhow::Result<Vec<Resource>> {
    let mut objects = Vec::new();
    let web = self_signed(&["*"])?;
    objects.push(tls_secret(WEB_BACKEND, "certificate", &web));
    objects.push(ca_config_map(WEB_BACKEND, "web-backend-cm", &web.cert));
    let validity = self_signed(&["*", "*.org", "*.wildcard.org"])?;
    objects.push(tls_secret(
        INFRA,
        "tls-validity-checks-certificate",
        &validity,
    ));
    for (ca_map, client) in [
        (
            "tls-validity-checks-ca-certificate",
            "tls-validity-checks-client-certificate",
        ),
        (
            "tls-validity-checks-per-port-ca-certificate",
            "tls-validity-checks-per-port-client-certificate",
        ),
    ] {
        let ca = authority(ca_map)?;
        objects.push(ca_config_map(INFRA, ca_map, &ca.pem));
        objects.push(tls_secret(INFRA, client, &signed(&ca, &["client"])?));
    }
    let checks = authority("tls-checks-ca-certificate")?;
    objects.push(ca_config_map(
        INFRA,
        "tls-checks-ca-certificate",
        &checks.pem,
    ));
    objects.push(tls_secret(
        INFRA,
        "tls-checks-client-certificate",
        &signed(&checks, &["client"])?,
    ));
    objects.push(tls_secret(
        INFRA,
        "tls-checks-certificate",
        &signed(
            &checks,
            &[
                "abc.example.com",
                "spiffe://abc.example.com/test-identity",
                "other.example.com",
            ],
        )?,
    ));
    let passthrough = signed(&checks, &["abc.example.com"])?;
    objects.push(tls_secret(
        INFRA,
        "tls-passthrough-checks-certificate",
        &passthrough,
    ));
    objects.push(tls_secret(
        APP_BACKEND,
        "tls-passthrough-checks-certificate",
        &passthrough,
    ));
    objects.push(tls_secret(
        INFRA,
        "tls-terminate-checks-certificate",
        &signed(&checks, &["tls.example.com"])?,
    ));
    let mismatch = authority("mismatch-ca-certificate")?;
    objects.push(ca_config_map(
        INFRA,
        "mismatch-ca-certificate",
        &mismatch.pem,
    ));
    Ok(objects)
}
