//! Descriptors envoy-types does not ship but authorization rules need: the CEL matcher of xDS
//! matchers (`xds.type.matcher.v3.CelMatcher`) and its input (`HttpAttributesCelMatchInput`).

use prost_reflect::prost_types::{
    DescriptorProto, FieldDescriptorProto, FileDescriptorProto,
    field_descriptor_proto::{Label, Type},
};
use prost_reflect::{DescriptorError, DescriptorPool};

fn file(
    name: &str,
    dependency: Vec<String>,
    messages: Vec<DescriptorProto>,
) -> FileDescriptorProto {
    FileDescriptorProto {
        name: Some(name.to_owned()),
        package: Some("xds.type.matcher.v3".to_owned()),
        dependency,
        message_type: messages,
        syntax: Some("proto3".to_owned()),
        ..FileDescriptorProto::default()
    }
}

fn field(
    name: &str,
    json_name: &str,
    number: i32,
    kind: Type,
    type_name: Option<&str>,
) -> FieldDescriptorProto {
    FieldDescriptorProto {
        name: Some(name.to_owned()),
        json_name: Some(json_name.to_owned()),
        number: Some(number),
        label: Some(Label::Optional.into()),
        r#type: Some(kind.into()),
        type_name: type_name.map(str::to_owned),
        ..FieldDescriptorProto::default()
    }
}

/// Adds the CEL matcher descriptors to `pool` (unless it has them).
pub(super) fn add(mut pool: DescriptorPool) -> Result<DescriptorPool, DescriptorError> {
    if pool
        .get_message_by_name("xds.type.matcher.v3.CelMatcher")
        .is_some()
    {
        return Ok(pool);
    }
    let dependency: Vec<String> = pool
        .get_message_by_name("xds.type.v3.CelExpression")
        .map(|m| m.parent_file().name().to_owned())
        .into_iter()
        .collect();
    let cel_matcher = DescriptorProto {
        name: Some("CelMatcher".to_owned()),
        field: vec![
            field(
                "expr_match",
                "exprMatch",
                1,
                Type::Message,
                Some(".xds.type.v3.CelExpression"),
            ),
            field("description", "description", 2, Type::String, None),
        ],
        ..DescriptorProto::default()
    };
    let input = DescriptorProto {
        name: Some("HttpAttributesCelMatchInput".to_owned()),
        ..DescriptorProto::default()
    };
    pool.add_file_descriptor_proto(file(
        "xds/type/matcher/v3/cel.proto",
        dependency,
        vec![cel_matcher],
    ))?;
    pool.add_file_descriptor_proto(file(
        "xds/type/matcher/v3/http_inputs.proto",
        Vec::new(),
        vec![input],
    ))?;
    Ok(pool)
}
