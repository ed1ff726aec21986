//! `gwapi-controller lint` prints every problem with its location and exits non-zero when there is one.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

fn lint(yaml: &str) -> (bool, String, String) {
    let dir = std::env::temp_dir().join(format!("gwapi-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{:x}.yaml", yaml.len()));
    std::fs::write(&file, yaml).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gwapi-controller"))
        .arg("lint")
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout)
        .unwrap()
        .replace(&file.display().to_string(), "FILE");
    (
        out.status.success(),
        stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn reports_mistakes_with_their_location() {
    let (ok, stdout, stderr) = lint(
        "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\nmetadata: {name: b, namespace: ns}\nspec:\n  circuitBreaker:\n    maxRequests: 10\n",
    );
    assert!(!ok);
    assert_eq!(
        stdout,
        "FILE:6:5: warning: document 1, BackendTrafficPolicy ns/b: spec.circuitBreaker.maxRequests: unknown field `maxRequests`, ignored (did you mean `maxParallelRequests`?)\n"
    );
    assert_eq!(stderr, "1 objects loaded, 1 problems\n");
}

#[test]
fn clean_input_passes() {
    let (ok, stdout, stderr) = lint(
        "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: ns}\nspec:\n  ports: [{port: 80}]\n",
    );
    assert!(ok, "{stdout}");
    assert_eq!(stdout, "");
    assert_eq!(stderr, "1 objects loaded, 0 problems\n");
}
