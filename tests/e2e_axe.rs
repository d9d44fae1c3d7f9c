//! Accessibility, in headless Chromium: axe-core (npm, installed by `make setup` under
//! .tools/) checks twelve screens a learner sees against WCAG 2.1 A and AA and axe's best
//! practices, and the test fails on any violation, naming the rule and the elements.

mod support;

use fantoccini::{Client, Locator};
use std::time::Duration;

async fn click(c: &Client, selector: &str) {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(selector))
        .await
        .unwrap_or_else(|_| panic!("{selector} on the page"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {selector}: {e}"));
}

async fn close_dialog(c: &Client) {
    click(c, ".dialog-head .notice-close").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_learners_screens_have_no_accessibility_violations() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    let mut report = Vec::new();
    let mut check = |screen: &'static str, found: Vec<String>| report.extend(found.into_iter().map(|v| format!("{screen}: {v}")));

    check("empty page", support::axe_violations(c).await);

    click(c, r#"[data-action="patterns"]"#).await;
    click(c, r#"[data-pattern="ecommerce-pipeline"]"#).await;
    c.wait().for_element(Locator::Css(".node")).await.expect("the pattern");
    check("a pattern", support::axe_violations(c).await);

    // The flow's first box (the pattern opens at a readable zoom from its start).
    click(c, ".node .node-name").await;
    c.wait().for_element(Locator::Css(".inspector input, .inspector select")).await.expect("the box's settings");
    check("inspector", support::axe_violations(c).await);

    click(c, r#"[data-action="share"]"#).await;
    c.wait().for_element(Locator::Css(".share-link")).await.expect("the share dialog");
    check("share dialog", support::axe_violations(c).await);
    close_dialog(c).await;

    click(c, r#"[data-action="lesson"]"#).await;
    c.wait().for_element(Locator::Css(".lesson-tools")).await.expect("the Lesson panel");
    check("lesson panel", support::axe_violations(c).await);
    close_dialog(c).await;

    // The paste dialog with a refusal showing.
    click(c, r#"[data-action="paste"]"#).await;
    click(c, r#"[data-action="open-pasted"]"#).await;
    c.wait().for_element(Locator::Css(".paste-refusal")).await.expect("the paste dialog's refusal");
    check("paste dialog", support::axe_violations(c).await);
    close_dialog(c).await;

    click(c, r#"[data-action="exercises"]"#).await;
    c.wait().for_element(Locator::Css(".exercises")).await.expect("the exercises");
    check("exercises", support::axe_violations(c).await);
    // The quiz answered: one question right, one wrong, with their feedback showing.
    for (question, right) in [("saga", true), ("cqrs", false)] {
        let q = decouple_lab::lessons::quiz().iter().find(|q| q.id == question).expect("the question");
        let pick = q.choices.iter().position(|ch| ch.right == right).expect("a choice");
        click(c, &format!(r#".quiz-question[data-question="{question}"] input[value="{pick}"]"#)).await;
        click(c, &format!(r#".quiz-question[data-question="{question}"] .quiz-check"#)).await;
    }
    c.wait().for_element(Locator::Css(".quiz-verdict.wrong")).await.expect("the feedback");
    check("quiz", support::axe_violations(c).await);
    click(c, r#"[data-action="exercises"]"#).await;

    click(c, r#"button[aria-label^="Play"]"#).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    check("playback with charts", support::axe_violations(c).await);
    click(c, r#".dock-tab[data-tab="log"]"#).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    check("event log", support::axe_violations(c).await);

    click(c, r#".lang-button[lang="vi"]"#).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    check("Vietnamese page", support::axe_violations(c).await);

    let phone = support::open_phone(b.base_url.clone()).await;
    phone.client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the phone's canvas");
    check("phone-sized page", support::axe_violations(&phone.client).await);

    assert!(report.is_empty(), "{} accessibility violations:\n{}", report.len(), report.join("\n"));
}
