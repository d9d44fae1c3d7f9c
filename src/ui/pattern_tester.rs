//! The pattern tester: paste an event (or message) and see whether the rule's event
//! pattern (or the subscription's filter policy) lets it through, and which field
//! decided it, with the same matcher the simulation uses.

use crate::lessons::ui_strings as words;
use super::i18n::Lang;
use crate::model::FilterPolicyScope;
use crate::routing::{EventPattern, FilterPolicy, SnsMessage};
use serde_json::Value;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
pub enum Tested {
    /// An EventBridge rule's event pattern.
    Rule,
    /// An SNS subscription's filter policy, on attributes or body.
    Subscription(FilterPolicyScope),
}

#[derive(Properties, PartialEq)]
pub struct PatternTesterProps {
    pub tested: Tested,
    /// The pattern or policy as stored on the connection.
    pub rule: AttrValue,
    /// The page's language: the verdict is said in it.
    #[prop_or_default]
    pub lang: Lang,
}

const SAMPLE_EVENT: &str = r#"{
  "source": "aws.s3",
  "detail-type": "Object Created",
  "detail": {"bucket": {"name": "photos"}, "object": {"key": "cat.jpg", "size": 52000}}
}"#;
const SAMPLE_MESSAGE: &str = r#"{"type": "order", "amount": 120, "country": "VN"}"#;

#[function_component(PatternTester)]
pub fn pattern_tester(props: &PatternTesterProps) -> Html {
    let lang = props.lang;
    let sample = use_state(|| match props.tested {
        Tested::Rule => SAMPLE_EVENT.to_string(),
        Tested::Subscription(_) => SAMPLE_MESSAGE.to_string(),
    });
    let oninput = {
        let sample = sample.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                sample.set(area.value());
            }
        })
    };
    let verdict = evaluate(props.tested, &props.rule, &sample, lang);
    let (class, text) = match &verdict {
        Ok((true, why)) => ("tester-result match", why.clone()),
        Ok((false, why)) => ("tester-result no-match", why.clone()),
        Err(why) => ("tester-result invalid", why.clone()),
    };
    let label = match props.tested {
        Tested::Rule => words::pattern_tester::TEST_AN_EVENT_AGAINST_THIS.get(lang),
        Tested::Subscription(_) => words::pattern_tester::TEST_A_MESSAGE_AGAINST_THIS.get(lang),
    };
    html! {
        <section class="inspector-section tester">
            <h3><label for="tester-sample">{ label }</label></h3>
            <textarea id="tester-sample" class="setting-text" rows="6" spellcheck="false" value={(*sample).clone()} {oninput} />
            <p class={class} role="status">
                <strong>{ match &verdict { Ok((true, _)) => words::pattern_tester::MATCHES.get(lang), Ok((false, _)) => words::pattern_tester::DOES_NOT_MATCH.get(lang), Err(_) => words::pattern_tester::CANNOT_TEST_YET.get(lang) } }</strong>
                { " " }{ text }
            </p>
        </section>
    }
}

/// Ok((matched, reason)) or why the test cannot run.
fn evaluate(tested: Tested, rule: &str, sample: &str, lang: Lang) -> Result<(bool, String), String> {
    let value: Value = serde_json::from_str(sample).map_err(|e| msg!("The sample is not valid JSON: {e}.", "Mẫu thử không phải JSON hợp lệ: {e}.").get(lang).to_string())?;
    match tested {
        Tested::Rule => {
            let pattern = EventPattern::parse(rule).map_err(|e| e.message().get(lang).to_string())?;
            let x = pattern.explain(&value);
            Ok((x.matched, x.reason.get(lang).to_string()))
        }
        Tested::Subscription(scope) => {
            if rule.trim().is_empty() {
                return Ok((true, words::settings::THIS_SUBSCRIPTION_HAS_NO_FILTER.get(lang).to_string()));
            }
            let policy = FilterPolicy::parse(rule, scope).map_err(|e| e.message().get(lang).to_string())?;
            let message = match scope {
                FilterPolicyScope::MessageBody => SnsMessage::new(sample),
                // The sample is the message's attributes, written as on a client or
                // function: {"eventType": "order_placed", "amount": 120}.
                FilterPolicyScope::MessageAttributes => SnsMessage {
                    body: String::new(),
                    attributes: SnsMessage::attributes_from_json(&value).map_err(|e| e.get(lang).to_string())?,
                },
            };
            let x = policy.explain(&message);
            Ok((x.matched, x.reason.get(lang).to_string()))
        }
    }
}
