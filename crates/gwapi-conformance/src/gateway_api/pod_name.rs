//! Pod names as a Deployment's pods get them (`<deployment>-<pod-template-hash>-<suffix>`), so that
//! upstream's rules that read the Deployment back from a pod name (drop its last two `-` parts) hold.

/// The alphabet Kubernetes uses for generated name parts (no vowels, no look-alike characters).
const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// The name of replica `replica` of Deployment `deployment`: deterministic, like a real pod name in shape.
pub fn of(deployment: &str, replica: i64) -> String {
    let template = fnv1a(deployment.as_bytes());
    let pod = fnv1a(format!("{deployment}/{replica}").as_bytes());
    format!("{deployment}-{}-{}", encode(template, 10), encode(pod, 5))
}

/// The Deployment a pod name belongs to: the name without its last two `-` parts (upstream
/// `weight.extractBackendName`); the whole name when it has fewer parts.
pub fn deployment_of(pod: &str) -> &str {
    pod.rsplitn(3, '-').nth(2).unwrap_or(pod)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn encode(mut value: u64, len: usize) -> String {
    let base = ALPHABET.len() as u64;
    (0..len)
        .map(|_| {
            let digit = usize::try_from(value % base).unwrap_or_default();
            value /= base;
            ALPHABET.get(digit).copied().map_or('b', char::from)
        })
        .collect()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn pod_names_give_their_deployment_back() {
        let a = of("infra-backend-v1", 0);
        let b = of("infra-backend-v1", 1);
        assert_ne!(a, b);
        assert!(a.starts_with("infra-backend-v1-"));
        assert_eq!(deployment_of(&a), "infra-backend-v1");
        assert_eq!(deployment_of(&b), "infra-backend-v1");
        assert_eq!(of("x", 0), of("x", 0));
        assert_eq!(deployment_of("short"), "short");
    }
}
