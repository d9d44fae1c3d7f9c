//! Template work asked of the worker that holds this module, so the page's first
//! download leaves the YAML reader, the importer and the exporter out (issue 18): the
//! requests and replies as JSON text, numbered so replies find their callers, and the
//! worker's side of it. A diagram crosses as the share format's JSON, which both sides
//! already have.

use super::{export, import};
use crate::model::Diagram;
use crate::text::Message;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    /// Read a SAM or CloudFormation template.
    Import { text: String },
    /// Write a diagram (share-format JSON) as a SAM template.
    Export { diagram: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// The template's diagram (share-format JSON) and the sentence that says what it held.
    Imported { diagram: String, summary: Message },
    Exported { template: String },
    /// Why it could not be done, in both languages.
    Refused { why: Message },
}

/// What the worker posts once it listens: messages posted before that would be lost
/// (its WebAssembly is still loading), so the page holds them until it hears this.
pub const READY: &str = "ready";

/// A request or a reply with its number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Numbered<T> {
    pub id: u64,
    pub body: T,
}

/// Whether text dropped or pasted is a Decouple Lab diagram file (JSON that is not a
/// template), which the page opens itself, rather than a template for the worker.
fn is_diagram_file(text: &str) -> bool {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    trimmed.starts_with('{') && (trimmed.contains("\"decouple-lab\"") || !trimmed.contains("\"Resources\""))
}

/// The diagram file's diagram (or the file format's refusal) when the text is one; None
/// when it is a template.
pub fn diagram_file(text: &str) -> Option<Result<Diagram, Message>> {
    is_diagram_file(text).then(|| crate::share::from_json(text).map_err(|e| e.message()))
}

/// The worker's answer to one numbered request (JSON in, JSON out; text that is not a
/// request is refused, never a panic).
pub fn answer(request: &str) -> String {
    let (id, reply) = match serde_json::from_str::<Numbered<Request>>(request) {
        Ok(Numbered { id, body }) => (id, reply_to(body)),
        Err(e) => (0, Reply::Refused { why: msg!("The template worker got a request it cannot read: {e}", "Worker template nhận được một yêu cầu không đọc được: {e}") }),
    };
    serde_json::to_string(&Numbered { id, body: reply }).unwrap_or_default()
}

fn reply_to(request: Request) -> Reply {
    match request {
        Request::Import { text } => match import(&text) {
            Ok(imported) => Reply::Imported { diagram: crate::share::to_json(&imported.diagram), summary: imported.summary.message() },
            Err(e) => Reply::Refused { why: e.message() },
        },
        Request::Export { diagram } => match crate::share::from_json(&diagram) {
            Ok(d) => Reply::Exported { template: export(&d) },
            Err(e) => Reply::Refused { why: e.message() },
        },
    }
}

/// What the page makes of an import's reply: the diagram and its sentence.
pub fn imported(reply: Reply) -> Result<(Diagram, Message), Message> {
    match reply {
        Reply::Imported { diagram, summary } => crate::share::from_json(&diagram).map(|d| (d, summary)).map_err(|e| e.message()),
        Reply::Refused { why } => Err(why),
        Reply::Exported { .. } => Err(msg!("The template worker answered an import with an export.", "Worker template trả lời yêu cầu nhập bằng một bản xuất.")),
    }
}

/// What the page makes of an export's reply: the template's text.
pub fn exported(reply: Reply) -> Result<String, Message> {
    match reply {
        Reply::Exported { template } => Ok(template),
        Reply::Refused { why } => Err(why),
        Reply::Imported { .. } => Err(msg!("The template worker answered an export with an import.", "Worker template trả lời yêu cầu xuất bằng một bản nhập.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n      Events:\n        FromQueue:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Orders.Arn\n";

    fn ask(id: u64, request: Request) -> Numbered<Reply> {
        let text = serde_json::to_string(&Numbered { id, body: request }).expect("a request");
        serde_json::from_str(&answer(&text)).expect("a reply")
    }

    #[test]
    fn a_template_goes_in_and_out_through_the_protocol_as_it_does_directly() {
        let reply = ask(3, Request::Import { text: TEMPLATE.to_string() });
        assert_eq!(reply.id, 3, "the reply carries the request's number");
        let (diagram, summary) = imported(reply.body).expect("the template imports");
        let direct = crate::iac::import(TEMPLATE).expect("and directly");
        assert_eq!(diagram, direct.diagram);
        assert_eq!(summary, direct.summary.message());

        let reply = ask(4, Request::Export { diagram: crate::share::to_json(&diagram) });
        assert_eq!(reply.id, 4);
        assert_eq!(exported(reply.body).expect("it exports"), crate::iac::export(&diagram));
    }

    #[test]
    fn bad_input_is_refused_with_a_sentence_never_a_panic() {
        let reply = ask(5, Request::Import { text: "Resources: [unclosed".to_string() });
        let why = imported(reply.body).expect_err("not a template");
        assert!(!why.en.is_empty() && !why.vi.is_empty(), "{why:?}");
        let reply = ask(6, Request::Export { diagram: "{\"format\":".to_string() });
        assert!(exported(reply.body).is_err());
        let garbage: Numbered<Reply> = serde_json::from_str(&answer("not json")).expect("still a reply");
        assert!(matches!(garbage.body, Reply::Refused { .. }));
        // A reply of the wrong kind is an error, not a diagram.
        assert!(imported(Reply::Exported { template: String::new() }).is_err());
        assert!(exported(Reply::Imported { diagram: String::new(), summary: msg!("a", "b") }).is_err());
    }

    #[test]
    fn diagram_files_are_told_from_templates() {
        assert!(is_diagram_file("\u{feff} {\"format\": \"decouple-lab\", \"Resources\": 1}"));
        assert!(is_diagram_file("{\"components\": []}"));
        assert!(!is_diagram_file("{\"Resources\": {}}"));
        assert!(!is_diagram_file(TEMPLATE));
    }
}
