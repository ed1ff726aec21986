//! gwapi-controller (placeholder)
fn main() {}
