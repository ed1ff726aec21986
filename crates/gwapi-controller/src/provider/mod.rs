//! Providers: where the controller's input comes from. Each feeds the shared [`Store`](crate::pipeline::Store).

mod file;
pub mod kubernetes;

pub use file::{FileProvider, Scan};
