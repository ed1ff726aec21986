//! Security features of routes (from SecurityPolicy and route filters).

mod api_key_auth;
mod authorization;
mod basic_auth;
mod cors;
mod ext_auth;
mod features;
mod jwt;
mod oidc;

pub use api_key_auth::*;
pub use authorization::*;
pub use basic_auth::*;
pub use cors::*;
pub use ext_auth::*;
pub use features::*;
pub use jwt::*;
pub use oidc::*;
