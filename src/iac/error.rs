//! Why a template opened nothing, as one sentence in each language.

use crate::text::Message;
use std::fmt;

/// A template that could not be imported. [`IacError::message`] is the sentence the page
/// shows and the CLI prints; the learner's current diagram is never touched.
#[derive(Clone, Debug, PartialEq)]
pub enum IacError {
    /// Nothing but blanks.
    Empty,
    /// Over [`super::value::MAX_TEMPLATE_BYTES`].
    TooLarge { bytes: usize },
    /// Neither YAML nor JSON; the parser's own words and the line (from 1).
    Syntax { detail: String, line: usize },
    /// Nested deeper than [`super::value::MAX_NESTING`].
    TooDeep,
    /// Aliases expand past [`super::value::MAX_NODES`] values.
    AliasBomb,
    /// A `!Tag` or `Fn::` function CloudFormation does not have (YAML: its line, from 1).
    UnknownFunction { name: String, line: Option<usize> },
    /// YAML or JSON, but no `Resources` mapping of typed resources.
    NotATemplate,
    /// Resources that depend on each other in a circle, as CloudFormation refuses them.
    Cycle { resources: Vec<String> },
    /// A resource that is not a mapping with a text `Type`.
    BadResource { name: String },
}

impl IacError {
    pub fn message(&self) -> Message {
        match self {
            IacError::Empty => msg!("The template is empty.", "Template trống rỗng."),
            IacError::TooLarge { bytes } => {
                let kb = bytes / 1024;
                msg!(
                    "The template is {kb} KB; at most 1,024 KB (CloudFormation's own limit) can be opened.",
                    "Template nặng {kb} KB; chỉ mở được tối đa 1.024 KB (giới hạn của chính CloudFormation)."
                )
            }
            IacError::Syntax { detail, line } => {
                msg!(
                    "This is neither YAML nor JSON (line {line}: {detail}).",
                    "Đây không phải YAML hay JSON (dòng {line}: {detail})."
                )
            }
            IacError::TooDeep => msg!(
                "The template nests more than 100 levels deep; no real template does, so it was not opened.",
                "Template lồng nhau sâu quá 100 cấp; không template thật nào như vậy nên nó không được mở."
            ),
            IacError::AliasBomb => msg!(
                "The template's YAML aliases expand to more than 500,000 values (an alias bomb), so it was not opened.",
                "Các alias YAML trong template nở ra hơn 500.000 giá trị (một “alias bomb”) nên template không được mở."
            ),
            IacError::UnknownFunction { name, line: Some(line) } => {
                msg!(
                    "Line {line} uses {name}, which is not a CloudFormation intrinsic function.",
                    "Dòng {line} dùng {name}, đây không phải hàm intrinsic của CloudFormation."
                )
            }
            IacError::UnknownFunction { name, line: None } => msg!(
                "The template uses {name}, which is not a CloudFormation intrinsic function.",
                "Template dùng {name}, đây không phải hàm intrinsic của CloudFormation."
            ),
            IacError::NotATemplate => msg!(
                "This is not a CloudFormation or SAM template: it has no Resources section with typed resources.",
                "Đây không phải template CloudFormation hay SAM: nó không có phần Resources với các resource có Type."
            ),
            IacError::Cycle { resources } => {
                let list = resources.join(", ");
                msg!(
                    "Resources {list} refer to each other in a circle; CloudFormation refuses such a template (circular dependency).",
                    "Các resource {list} tham chiếu lẫn nhau thành vòng; CloudFormation từ chối template như vậy (circular dependency)."
                )
            }
            IacError::BadResource { name } => msg!(
                "Resource {name} has no Type; every resource in a template needs one.",
                "Resource {name} không có Type; mọi resource trong template đều cần có."
            ),
        }
    }
}

impl fmt::Display for IacError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for IacError {}
