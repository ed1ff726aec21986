//! Providers: where the controller's input comes from. Each feeds the shared [`Store`](crate::pipeline::Store).

mod file;

pub use file::{FileProvider, Scan};
