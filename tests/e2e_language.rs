//! The language switch in headless Chromium: Vietnamese labels in the header, toolbar,
//! palette, patterns and exercises; the choice is remembered across a reload. Then every
//! screen a learner reaches (a pattern, settings, a box's context menu, a refusal, a warning, a run, the
//! exercises, the dialogs, a broken link, the event log, the message inspector, a broken
//! state machine definition) is read word by word for English left over.

mod support;

use decouple_lab::lessons::{exercises, patterns, quiz, Lang};
use decouple_lab::model::{allowed_kinds, check_component, setting_label, warnings, ComponentKind, Reason, ConnectionKind, Diagram, Point, Spec};
use decouple_lab::routing::StateMachineDefinition;
use fantoccini::key::Key;
use fantoccini::Locator;
use std::collections::BTreeSet;
use std::time::Duration;
use support::{drag, screenshot};

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn switching_to_vietnamese_is_remembered() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    c.find(Locator::Css(r#".lang-button[lang="vi"]"#)).await.expect("VI").click().await.expect("switch");

    let header = c.find(Locator::Css(".header-actions")).await.expect("header").text().await.expect("text");
    for word in ["Mẫu kiến trúc", "Bài tập", "Chia sẻ"] {
        assert!(header.contains(word), "{word} in {header}");
    }
    let queue = c.find(Locator::Css(r#".palette-item[data-kind="queue"]"#)).await.expect("queue").text().await.expect("text");
    assert!(queue.contains("Hàng đợi") && queue.contains("Amazon SQS"), "AWS names stay English: {queue}");
    let html_lang = c.execute("return document.documentElement.lang;", vec![]).await.expect("lang");
    assert_eq!(html_lang, "vi");

    // Patterns and exercises speak Vietnamese too.
    c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("exercises").click().await.expect("open");
    let panel = c.wait().for_element(Locator::Css(".exercises")).await.expect("panel").text().await.expect("text");
    assert!(panel.contains("Kiểm tra sơ đồ của tôi"), "{panel}");
    screenshot(c, "vietnamese").await;

    c.refresh().await.expect("reload");
    let header = c.wait().for_element(Locator::Css(".header-actions")).await.expect("header").text().await.expect("text");
    assert!(header.contains("Mẫu kiến trúc"), "the choice is remembered: {header}");
    c.find(Locator::Css(r#".lang-button[lang="en"]"#)).await.expect("EN").click().await.expect("switch back");
    let header = c.find(Locator::Css(".header-actions")).await.expect("header").text().await.expect("text");
    assert!(header.contains("Patterns"), "{header}");
    b.client.clone().close().await.expect("close");
}

// ----- The whole page in Vietnamese -----

/// AWS names of several words, taken out of the page's text before its words are read,
/// so that their common words ("service", "group") still count anywhere else.
const AWS_NAMES: &[&str] = &[
    "API Gateway", "Step Functions", "Kinesis Data Streams", "Amazon Data Firehose", "EC2 Auto Scaling group", "Auto Scaling",
    "Amazon OpenSearch Service", "Amazon States Language", "IoT Core", "Decouple Lab",
];

/// AWS services, product and key names of one word: English in both languages.
const KEPT_IN_ENGLISH: &[&str] = &[
    "amazon", "aws", "sqs", "sns", "eventbridge", "lambda", "kinesis", "firehose", "dynamodb", "aurora", "opensearch", "athena",
    "elasticache", "cloudwatch", "fargate", "ctrl", "shift", "enter", "escape", "backspace", "delete", "space",
];

/// The words of a text, lower-cased: runs of letters (Vietnamese ones included).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The string literals between two markers of a source file, in order.
fn literals(source: &str, from: &str, to: &str) -> Vec<String> {
    let start = source.find(from).expect("start marker");
    let end = start + source[start..].find(to).expect("end marker");
    let body = &source[start..end];
    let mut out = Vec::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '/' && chars.clone().next() == Some('/') {
            chars.by_ref().take_while(|&c| c != '\n').for_each(drop);
        } else if c == '"' {
            let mut literal = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => literal.extend(chars.next()),
                    '"' => break,
                    c => literal.push(c),
                }
            }
            out.push(literal);
        }
    }
    out
}

/// Every English and every Vietnamese text the page can show, from the sources of truth:
/// the page's labels (`ui_strings`), the model's sentences, the lesson's texts.
fn page_texts() -> (Vec<String>, Vec<String>) {
    let (mut en, mut vi) = (Vec::new(), Vec::new());
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lessons/ui_strings.rs")).expect("ui_strings.rs");
    // Every `Text::new("English", "Vietnamese")` pair in the file, module by module.
    let pairs = literals(&source, "use crate::text::Text;", "#[cfg(test)]");
    for pair in pairs.chunks(2) {
        en.push(pair[0].clone());
        vi.extend(pair.get(1).cloned());
    }
    let mut both = |e: &str, v: &str| {
        en.push(e.to_string());
        vi.push(v.to_string());
    };
    both(Reason::DoesNotFit.message().en.as_str(), Reason::DoesNotFit.message().vi.as_str());
    let at = Point { x: 0.0, y: 0.0 };
    let mut lone = Diagram::new();
    for kind in ComponentKind::ALL {
        both(kind.name(Lang::En), kind.name(Lang::Vi));
        both(kind.noun_in(Lang::En), kind.noun_in(Lang::Vi));
        both(kind.summary_in(Lang::En), kind.summary_in(Lang::Vi));
        both(kind.service(Lang::En), kind.service(Lang::Vi));
        for to in ComponentKind::ALL {
            match allowed_kinds(kind, to) {
                Err(why) => both(&why.en, &why.vi),
                Ok(kinds) => kinds.iter().for_each(|k: &ConnectionKind| {
                    both(k.label_in(Lang::En), k.label_in(Lang::Vi));
                    both(k.help().en, k.help().vi);
                }),
            }
        }
        // Every setting out of range, and every setting's label.
        let mut spec = serde_json::to_value(Spec::default_for(kind)).expect("json");
        for (key, value) in spec["settings"].as_object_mut().into_iter().flatten() {
            if let Some(label) = setting_label(key) {
                both(label.en, label.vi);
            }
            if value.is_u64() {
                *value = 1_000_000_000u64.into();
            }
        }
        let id = lone.add_component(kind, "x", at);
        if let (Ok(spec), Some(c)) = (serde_json::from_value::<Spec>(spec), lone.component(id)) {
            let mut c = c.clone();
            c.spec = spec;
            check_component(&c).iter().for_each(|e| both(&e.message.en, &e.message.vi));
        }
    }
    warnings(&lone).iter().for_each(|w| both(&w.message.en, &w.message.vi));
    // The lesson's Vietnamese keeps some English terms on purpose (worker, play...).
    for p in patterns() {
        both(p.title.en, p.title.vi);
        both(p.explanation.en, p.explanation.vi);
        p.steps.iter().for_each(|s| both(s.text.en, s.text.vi));
    }
    for e in exercises() {
        both(e.title.en, e.title.vi);
        both(e.goal.en, e.goal.vi);
        e.hints.iter().for_each(|h| both(h.en, h.vi));
    }
    for q in quiz() {
        both(q.question.en, q.question.vi);
        both(q.answer.en, q.answer.vi);
        q.choices.iter().for_each(|c| {
            both(c.text.en, c.text.vi);
            both(c.feedback.en, c.feedback.vi);
        });
    }
    // What the inspector says of a broken Step Functions definition.
    for definition in [BROKEN_DEFINITION, "not json", r#"{"StartAt":"A","States":{"A":{"Type":"Task","Next":1}}}"#] {
        for e in StateMachineDefinition::parse(definition).expect_err(definition) {
            both(&e.en, &e.vi);
        }
    }
    (en, vi)
}

/// A state machine definition whose Task retries with "States.ALL" beside another
/// error, goes on to a state that does not exist, and never ends the run.
const BROKEN_DEFINITION: &str =
    r#"{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge","Retry":[{"ErrorEquals":["States.ALL","Timeout"]}],"Next":"Done"}}}"#;

/// English words of four letters or more that the page uses and the Vietnamese never does.
fn english_words() -> BTreeSet<String> {
    let (en, vi) = page_texts();
    let vietnamese: BTreeSet<String> = vi.iter().flat_map(|t| words(t).collect::<Vec<_>>()).collect();
    en.iter()
        .flat_map(|t| words(t).collect::<Vec<_>>())
        .filter(|w| w.chars().count() >= 4 && !vietnamese.contains(w) && !KEPT_IN_ENGLISH.contains(&w.as_str()))
        .collect()
}

/// English words on the page now (component names, which the learner owns, excepted),
/// and a screenshot of it.
async fn english_on_screen(c: &fantoccini::Client, screen: &str, english: &BTreeSet<String>) -> Vec<String> {
    tokio::time::sleep(Duration::from_millis(300)).await;
    screenshot(c, &format!("language-{screen}")).await;
    let text = c.execute("return document.body.innerText;", vec![]).await.expect("the page's text");
    let text = AWS_NAMES.iter().fold(text.as_str().unwrap_or_default().to_string(), |text, name| text.replace(name, " "));
    // The learner's own words (names, definitions, payloads) are content, not interface.
    let saved = support::autosaved(c).await;
    let mut content = Vec::new();
    learner_text(&saved, &mut content);
    let names: BTreeSet<String> = content.iter().flat_map(|n| words(n).collect::<Vec<_>>()).collect();
    let found: BTreeSet<String> = words(&text).filter(|w| english.contains(w) && !names.contains(w)).collect();
    found.into_iter().map(|w| format!("{screen}: {w}")).collect()
}

/// The texts a learner writes into a diagram: names, payloads, definitions, patterns.
fn learner_text(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v.as_str()) {
                    ("name" | "payload" | "definition" | "pattern" | "filter_policy" | "schema", Some(text)) => out.push(text.to_string()),
                    _ => learner_text(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| learner_text(v, out)),
        _ => {}
    }
}

async fn click(c: &fantoccini::Client, css: &str) {
    c.wait().at_most(Duration::from_secs(5)).for_element(Locator::Css(css)).await.unwrap_or_else(|_| panic!("{css}")).click().await.expect(css);
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn every_screen_speaks_vietnamese() {
    let english = english_words();
    assert!(english.len() > 150 && english.contains("settings") && english.contains("between"), "{english:?}");
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    // The check itself: on the English page it finds plenty.
    let in_english = english_on_screen(c, "english", &english).await;
    assert!(in_english.len() > 10, "the check should see the English page: {in_english:?}");
    click(c, r#".lang-button[lang="vi"]"#).await;
    let mut found = english_on_screen(c, "empty", &english).await;

    // A pattern, from the menu.
    click(c, r#"[data-action="patterns"]"#).await;
    found.extend(english_on_screen(c, "patterns", &english).await);
    click(c, r#"[data-pattern="producer-consumer"]"#).await;
    found.extend(english_on_screen(c, "pattern", &english).await);
    click(c, r#".node[data-kind="client"]"#).await;
    c.wait().for_element(Locator::Css(r#"[data-setting="traffic"]"#)).await.expect("the client's traffic");
    found.extend(english_on_screen(c, "client", &english).await);

    // A component's settings, and a value out of range.
    let queue = c.find(Locator::Css(r#".node[data-kind="queue"]"#)).await.expect("the jobs queue");
    queue.click().await.expect("select the queue");
    let input = c.wait().for_element(Locator::Css(r#"[data-setting="visibility_timeout_s"] input"#)).await.expect("a setting");
    found.extend(english_on_screen(c, "inspector", &english).await);
    input.clear().await.expect("clear");
    input.send_keys("99999").await.expect("type");
    let error = c.wait().for_element(Locator::Css(".setting-error")).await.expect("the range").text().await.expect("text");
    assert!(error.contains("phải nằm trong khoảng từ 0 đến 43 200 giây"), "{error}");
    found.extend(english_on_screen(c, "range", &english).await);
    input.send_keys(&Key::Escape.to_string()).await.expect("leave the field");

    // A box's context menu (Shift+F10 on the focused box).
    c.execute("document.querySelector('.node[data-kind=\"queue\"]').focus();", vec![]).await.expect("focus the queue");
    c.active_element().await.expect("the box").send_keys(&format!("{}{}", Key::Shift, Key::F10)).await.expect("Shift+F10");
    c.wait().for_element(Locator::Css(".context-menu")).await.expect("the context menu");
    found.extend(english_on_screen(c, "context-menu", &english).await);
    c.active_element().await.expect("the menu").send_keys(&Key::Escape.to_string()).await.expect("close it");

    // A lone topic warns; a queue cannot push to it.
    click(c, r#".palette-item[data-kind="topic"]"#).await;
    let warning = c.wait().for_element(Locator::Css(".inspector .warning-list")).await.expect("a warning").text().await.expect("text");
    assert!(warning.contains("không có subscriber nào"), "{warning}");
    found.extend(english_on_screen(c, "warning", &english).await);
    let topic = c.find(Locator::Css(r#".node[data-kind="topic"]"#)).await.expect("the topic");
    let port = queue.find(Locator::Css(".node-port")).await.expect("the queue's port");
    drag(c, &port, &topic, 0.0, 0.0).await;
    let notice = c.wait().for_element(Locator::Css(".notice")).await.expect("a refusal").text().await.expect("text");
    assert!(notice.contains("hãy nối từ topic tới hàng đợi"), "{notice}");
    found.extend(english_on_screen(c, "refusal", &english).await);

    // A connection's settings, then a short run with its badges and books.
    click(c, ".edge .edge-label").await;
    found.extend(english_on_screen(c, "connection", &english).await);
    click(c, r#".tool-button[aria-label="Chạy (Space)"]"#).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    click(c, r#".tool-button[aria-label="Tạm dừng (Space)"]"#).await;
    found.extend(english_on_screen(c, "run", &english).await);

    // The run dock's event log, and the message inspector following one of its lines.
    click(c, r#".dock-tab[data-tab="log"]"#).await;
    c.wait().at_most(Duration::from_secs(5)).for_element(Locator::Css(".log-line")).await.expect("the log lists hops");
    found.extend(english_on_screen(c, "event-log", &english).await);
    click(c, ".log-line").await;
    c.wait().at_most(Duration::from_secs(5)).for_element(Locator::Css(".message-hop")).await.expect("the message's hops");
    found.extend(english_on_screen(c, "message", &english).await);
    click(c, ".message-panel .notice-close").await;

    // A state machine whose definition is broken: the inspector says why.
    click(c, r#".palette-item[data-kind="state_machine"]"#).await;
    let definition = c
        .wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css(r#"[data-setting="definition"] textarea"#))
        .await
        .expect("the definition");
    definition.clear().await.expect("clear");
    definition.send_keys(BROKEN_DEFINITION).await.expect("type");
    let error = c.wait().for_element(Locator::Css(r#"[data-setting="definition"] .setting-error"#)).await.expect("why").text().await.expect("text");
    assert!(error.contains("phải đứng một mình") && error.contains("không có state kết thúc nào"), "{error}");
    found.extend(english_on_screen(c, "definition", &english).await);
    definition.send_keys(&Key::Escape.to_string()).await.expect("leave the field");

    // The exercises with a verdict, the share dialog and the shortcuts.
    click(c, r#"[data-action="exercises"]"#).await;
    click(c, ".exercise.open .check-button").await;
    c.wait().for_element(Locator::Css(".verdict")).await.expect("a verdict");
    // A quiz answer too: its feedback, the full answer and the pattern links.
    click(c, r#".quiz-question[data-question="saga"] input[value="1"]"#).await;
    click(c, r#".quiz-question[data-question="saga"] .quiz-check"#).await;
    c.wait().for_element(Locator::Css(".quiz-verdict")).await.expect("the quiz's feedback");
    found.extend(english_on_screen(c, "exercises", &english).await);
    click(c, r#"[data-action="share"]"#).await;
    found.extend(english_on_screen(c, "share", &english).await);
    click(c, ".dialog .notice-close").await;
    click(c, r#"[data-action="library"]"#).await;
    found.extend(english_on_screen(c, "library", &english).await);
    click(c, ".dialog .notice-close").await;

    // A broken link is refused in Vietnamese, with the reason.
    c.goto(&format!("{}#z=@@@", b.base_url)).await.expect("a broken link");
    let notice = c.wait().for_element(Locator::Css(".notice.error")).await.expect("a refusal").text().await.expect("text");
    assert!(notice.contains("Không mở được liên kết này: Phần nén"), "{notice}");
    found.extend(english_on_screen(c, "broken-link", &english).await);
    click(c, r#".tool-button[aria-label="Phím tắt (?)"]"#).await;
    found.extend(english_on_screen(c, "shortcuts", &english).await);

    // What a run holds: the saga with its payment failing, one execution opened.
    c.goto(&b.base_url).await.expect("a fresh page");
    click(c, r#"[data-action="patterns"]"#).await;
    click(c, r#"[data-pattern="saga"]"#).await;
    if let Ok(open) = c.wait().at_most(Duration::from_secs(2)).for_element(Locator::Css(r#"[data-action="open-it"]"#)).await {
        open.click().await.expect("open it");
    }
    c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(r#".node[aria-label^="Charge payment,"]"#)).await.expect("the saga").click().await.expect("select");
    click(c, r#"button[data-error-rate="100"]"#).await;
    click(c, r#".node[aria-label^="Book trip (saga),"]"#).await;
    click(c, r#".tool-button[aria-label="Chạy (Space)"]"#).await;
    click(c, r#".run-details .execution[data-status="failed"] .execution-head"#).await;
    click(c, r#".tool-button[aria-label="Tạm dừng (Space)"]"#).await;
    c.wait().at_most(Duration::from_secs(5)).for_element(Locator::Css(r#".execution.open tr[data-step-status="caught"]"#)).await.expect("the catcher");
    c.execute("document.querySelector('.execution.open').scrollIntoView({block: 'center'})", vec![]).await.expect("scroll");
    found.extend(english_on_screen(c, "execution", &english).await);

    assert!(found.is_empty(), "English left on the Vietnamese page:\n{}", found.join("\n"));
    b.client.clone().close().await.expect("close");
}

// ----- Back and forth: nothing of the other language stays -----

/// Letters only Vietnamese writes (with their capitals): one on the English page is a
/// text that did not follow the switch back.
const VIETNAMESE_LETTERS: &str = "ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ";

/// Texts on the page with a Vietnamese letter: the visible text line by line, and the
/// titles, accessible names and placeholders a hover or a screen reader gives (but the
/// language switch's own name, in both languages on purpose).
async fn vietnamese_on_screen(c: &fantoccini::Client, screen: &str) -> Vec<String> {
    tokio::time::sleep(Duration::from_millis(300)).await;
    screenshot(c, &format!("language-back-{screen}")).await;
    let texts = c
        .execute(
            "const out = document.body.innerText.split('\\n'); \
             for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], title')) { \
               if (el.closest('.lang-switch')) continue; \
               for (const a of ['title', 'aria-label', 'placeholder']) { const v = el.getAttribute(a); if (v) out.push(v); } \
               if (el.tagName.toLowerCase() === 'title' && el.closest('svg')) out.push(el.textContent); } \
             return out;",
            vec![],
        )
        .await
        .expect("the page's texts");
    let saved = support::autosaved(c).await;
    let mut content = Vec::new();
    learner_text(&saved, &mut content);
    let vietnamese = |t: &str| t.chars().flat_map(char::to_lowercase).any(|ch| VIETNAMESE_LETTERS.contains(ch));
    texts
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t.as_str())
        .filter(|t| vietnamese(t) && !content.iter().any(|n| t.contains(n.as_str()) && !vietnamese(&t.replace(n.as_str(), ""))))
        .map(|t| format!("{screen}: {t}"))
        .collect()
}

/// The language buttons, pressed from a script: a dialog's backdrop covers the header,
/// and what is tested is that the screen under it follows.
async fn switch_to(c: &fantoccini::Client, lang: &str) {
    c.execute(&format!("document.querySelector('.lang-button[lang=\"{lang}\"]').click();"), vec![]).await.expect("switch");
    tokio::time::sleep(Duration::from_millis(200)).await;
}

/// Vietnamese, then English again, on the screen as it is: English words on the one,
/// Vietnamese letters on the other.
async fn round_trip(c: &fantoccini::Client, screen: &str, english: &BTreeSet<String>) -> Vec<String> {
    switch_to(c, "vi").await;
    let mut found = english_on_screen(c, &format!("{screen}-vi"), english).await;
    switch_to(c, "en").await;
    found.extend(vietnamese_on_screen(c, screen).await);
    found
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn every_screen_follows_the_switch_there_and_back() {
    let english = english_words();
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    // The check itself: the Vietnamese page has plenty of Vietnamese letters.
    switch_to(c, "vi").await;
    assert!(vietnamese_on_screen(c, "check").await.len() > 10, "the check should see the Vietnamese page");
    switch_to(c, "en").await;
    let mut found = round_trip(c, "empty", &english).await;

    click(c, r#"[data-action="patterns"]"#).await;
    found.extend(round_trip(c, "patterns-menu", &english).await);
    click(c, r#"[data-pattern="producer-consumer"]"#).await;
    c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(".edge")).await.expect("the pattern");
    found.extend(round_trip(c, "pattern", &english).await);
    click(c, r#".node[data-kind="queue"]"#).await;
    c.wait().for_element(Locator::Css(r#"[data-setting="visibility_timeout_s"]"#)).await.expect("the queue's settings");
    found.extend(round_trip(c, "inspector", &english).await);

    // A run with its charts (the queue stays selected, so its row is drawn), paused.
    click(c, r#".tool-button[aria-label="Play (Space)"]"#).await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    click(c, r#".tool-button[aria-label="Pause (Space)"]"#).await;
    if let Ok(toggle) = c.find(Locator::Css(r#".dock-toggle[aria-expanded="false"]"#)).await {
        toggle.click().await.expect("open the dock");
    }
    click(c, r#".dock-tab[data-tab="charts"]"#).await;
    c.wait().at_most(Duration::from_secs(5)).for_element(Locator::Css(".chart-title")).await.expect("the charts");
    let titles = |c: &fantoccini::Client| {
        let c = c.clone();
        async move { c.execute("return [...document.querySelectorAll('.chart-title, .chart-unit, .chart-legend')].map(e => e.textContent).join(' | ');", vec![]).await.expect("titles") }
    };
    let before = titles(c).await;
    found.extend(round_trip(c, "charts", &english).await);
    assert_eq!(titles(c).await, before, "the charts read as before the round trip");
    click(c, r#".dock-tab[data-tab="log"]"#).await;
    c.wait().at_most(Duration::from_secs(5)).for_element(Locator::Css(".log-line")).await.expect("the log");
    found.extend(round_trip(c, "event-log", &english).await);
    c.execute("document.querySelector('.inspector .run-details')?.scrollIntoView({block: 'center'})", vec![]).await.expect("scroll");
    found.extend(round_trip(c, "run-details", &english).await);

    click(c, r#"[data-action="share"]"#).await;
    c.wait().for_element(Locator::Css(".dialog")).await.expect("the share dialog");
    found.extend(round_trip(c, "share", &english).await);
    click(c, ".dialog .notice-close").await;

    click(c, r#"[data-action="exercises"]"#).await;
    click(c, ".exercise.open .check-button").await;
    c.wait().for_element(Locator::Css(".verdict")).await.expect("a verdict");
    found.extend(round_trip(c, "exercises", &english).await);
    c.execute("const q = document.querySelector('.quiz-question'); q.open = true; q.scrollIntoView({block: 'center'});", vec![]).await.expect("open a question");
    found.extend(round_trip(c, "quiz", &english).await);

    assert!(found.is_empty(), "text left in the other language after switching:\n{}", found.join("\n"));
    b.client.clone().close().await.expect("close");
}
