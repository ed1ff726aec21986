//! [`Scope`]: which watched objects belong to this controller.

use gwapi_model::resource::Resource;

/// Keeps the objects of the controller's GatewayClass out of the others': the GatewayClass itself and the
/// Gateways of that class. Every other kind is kept (routes, policies and references are resolved by the
/// translator from the Gateways it translates).
///
/// The decision depends on the object alone, so the order in which objects arrive never matters; a Gateway
/// that moves to another class leaves the store on its next event.
///
/// ```
/// use gwapi_controller::provider::kubernetes::Scope;
/// use gwapi_model::builders::{GatewayBuilder, GatewayClassBuilder};
/// let scope = Scope::new("eg");
/// assert!(scope.admits(&GatewayClassBuilder::new("eg").build().into()));
/// assert!(!scope.admits(&GatewayClassBuilder::new("other").build().into()));
/// assert!(scope.admits(&GatewayBuilder::new("apps", "gw").class("eg").build().into()));
/// assert!(!scope.admits(&GatewayBuilder::new("apps", "gw").class("istio").build().into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    gateway_class: String,
}

impl Scope {
    /// The scope of GatewayClass `gateway_class`.
    pub fn new(gateway_class: impl Into<String>) -> Self {
        Self {
            gateway_class: gateway_class.into(),
        }
    }

    /// Whether `resource` belongs to the controller.
    pub fn admits(&self, resource: &Resource) -> bool {
        match resource {
            Resource::GatewayClass(class) => {
                class.metadata.name.as_deref() == Some(self.gateway_class.as_str())
            }
            Resource::Gateway(gateway) => gateway.spec.gateway_class_name == self.gateway_class,
            _ => true,
        }
    }
}
