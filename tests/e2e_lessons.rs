//! Exercises in headless Chromium: the Check button passes a reference solution and
//! fails a broken one with the reason, as `dlab check` does.

mod support;

use decouple_lab::lessons::exercise;
use decouple_lab::model::ConnectionKind;
use fantoccini::{Client, Locator};
use std::time::Duration;
use support::screenshot;

async fn check(c: &Client, link: &str, exercise_id: &str) -> (String, Vec<String>) {
    c.goto(link).await.expect("open the link");
    // Opening over existing work asks first.
    if let Ok(button) = c.find(Locator::Css(r#"[data-action="open-it"]"#)).await {
        button.click().await.expect("open it");
    }
    if c.find(Locator::Css(".exercises")).await.is_err() {
        c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("Exercises").click().await.expect("open the panel");
    }
    let section = c.wait().for_element(Locator::Css(&format!(r#"[data-exercise="{exercise_id}"]"#))).await.expect("the exercise");
    if section.find(Locator::Css(".check-button")).await.is_err() {
        section.find(Locator::Css(".exercise-title")).await.expect("title").click().await.expect("open it");
    }
    c.find(Locator::Css(&format!(r#"[data-exercise="{exercise_id}"] .check-button"#))).await.expect("Check").click().await.expect("check");
    let verdict = c
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(&format!(r#"[data-exercise="{exercise_id}"] .verdict"#)))
        .await
        .expect("a verdict");
    let class = verdict.attr("class").await.expect("class").unwrap_or_default();
    let mut failed = Vec::new();
    for f in verdict.find_all(Locator::Css(".finding.bad")).await.expect("findings") {
        failed.push(f.attr("data-code").await.expect("code").unwrap_or_default());
    }
    (class, failed)
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn check_button_passes_the_solution_and_explains_a_broken_diagram() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    let ex = exercise("pipeline").expect("the pipeline exercise");

    let solution = ex.solution();
    let expected = ex.check(&solution);
    assert!(expected.passed, "the reference passes natively");
    let (class, failed) = check(c, &decouple_lab::share::link_for(&solution, &b.base_url).url, "pipeline").await;
    assert!(class.contains("passed"), "the page passes it too: {class} {failed:?}");
    screenshot(c, "exercise-passed").await;

    // Broken: the function writes nothing to the database.
    let mut broken = solution.clone();
    let write = broken.connections().find(|c| c.kind == ConnectionKind::Write).map(|c| c.id).expect("a write");
    broken.remove_connection(write).expect("remove it");
    let native = ex.check(&broken);
    assert!(!native.passed);
    let native_codes: Vec<String> = native.failures().map(|f| f.code.to_string()).collect();
    let (class, failed) = check(c, &decouple_lab::share::link_for(&broken, &b.base_url).url, "pipeline").await;
    assert!(class.contains("failed"), "{class}");
    assert_eq!(failed, native_codes, "the page gives the same reasons as dlab check");
    screenshot(c, "exercise-failed").await;
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_quiz_answer_opens_the_pattern_that_shows_it() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("Exercises").click().await.expect("open");
    let question = c.wait().for_element(Locator::Css(".quiz-question")).await.expect("a question");
    question.find(Locator::Css("summary")).await.expect("summary").click().await.expect("open it");
    let answer = question.find(Locator::Css(".quiz-answer")).await.expect("answer").text().await.expect("text");
    assert!(answer.len() > 40, "the answer is explained: {answer}");
    question.find(Locator::Css(".quiz-pattern")).await.expect("a pattern link").click().await.expect("follow it");
    let nodes = c.wait().for_element(Locator::Css(".node")).await;
    assert!(nodes.is_ok(), "the pattern opened on the canvas");
    assert!(c.find_all(Locator::Css(".node")).await.expect("nodes").len() >= 2);
    screenshot(c, "quiz").await;
    b.client.clone().close().await.expect("close");
}
