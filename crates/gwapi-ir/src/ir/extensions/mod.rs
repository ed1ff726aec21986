//! Envoy extension features of routes (from EnvoyExtensionPolicy).

mod dynamic_module;
mod ext_proc;
mod features;
mod lua;
mod wasm;

pub use dynamic_module::*;
pub use ext_proc::*;
pub use features::*;
pub use lua::*;
pub use wasm::*;
