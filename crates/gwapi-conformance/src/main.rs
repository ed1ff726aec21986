//! gwapi-conformance (placeholder)
fn main() {}
