//! The lesson in headless Chromium: for every exercise the Check button passes the
//! reference solution and fails a wrong design from the corpus with the same finding
//! codes as `dlab check`; the Lesson panel shows the objectives and the tools table and
//! opens each tool's pattern; a quiz answer gets its feedback, the full answer and
//! the pattern that shows it.

mod corpus;
mod support;

use decouple_lab::lessons::{exercise, objectives, pattern, tools, Lang, Verdict};
use decouple_lab::model::Diagram;
use fantoccini::{Client, Locator};
use std::time::Duration;
use support::{page_1440x900, screenshot};

/// Opens `diagram` from a fresh page load (nothing kept from the previous check) and
/// presses Check on `exercise_id`: the verdict's class and its failed codes.
async fn check(c: &Client, base_url: &str, diagram: &Diagram, exercise_id: &str) -> (String, Vec<String>) {
    c.goto("about:blank").await.expect("leave the page");
    c.goto(&decouple_lab::share::link_for(diagram, base_url).url).await.expect("open the link");
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    // Opening over the autosaved work asks first.
    if let Ok(button) = c.wait().at_most(Duration::from_secs(2)).for_element(Locator::Css(r#"[data-action="open-it"]"#)).await {
        button.click().await.expect("open it");
    }
    if c.find(Locator::Css(".exercises:not([hidden])")).await.is_err() {
        c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("Exercises").click().await.expect("open the panel");
    }
    let section = c.wait().for_element(Locator::Css(&format!(r#"[data-exercise="{exercise_id}"]"#))).await.expect("the exercise");
    if section.find(Locator::Css(".check-button")).await.is_err() {
        section.find(Locator::Css(".exercise-title")).await.expect("title").click().await.expect("open it");
    }
    c.find(Locator::Css(&format!(r#"[data-exercise="{exercise_id}"] .check-button"#))).await.expect("Check").click().await.expect("check");
    let verdict = c
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(&format!(r#"[data-exercise="{exercise_id}"] .verdict:not(.stale)"#)))
        .await
        .expect("a verdict");
    let class = verdict.attr("class").await.expect("class").unwrap_or_default();
    let mut failed = Vec::new();
    for f in verdict.find_all(Locator::Css(".finding.bad")).await.expect("findings") {
        failed.push(f.attr("data-code").await.expect("code").unwrap_or_default());
    }
    (class, failed)
}

fn codes(v: &Verdict) -> Vec<String> {
    v.failures().map(|f| f.code.to_string()).collect()
}

async fn switch_language(c: &Client, lang: Lang) {
    c.find(Locator::Css(&format!(r#".lang-button[lang="{}"]"#, lang.code()))).await.expect("the language switch").click().await.expect("switch");
}

/// One session for all five exercises; every check opens its link on a fresh page.
#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn check_button_agrees_with_dlab_check_on_every_exercise() {
    let b = support::open_app().await;
    let (c, base) = (&b.client, b.base_url.clone());
    page_1440x900(c).await;
    for wrong in corpus::one_wrong_design_per_exercise() {
        let ex = exercise(&wrong.exercise).expect("the exercise");
        let solution = ex.solution();
        assert!(ex.check(&solution).passed, "{}: the reference passes natively", ex.id);
        let (class, failed) = check(c, &base, &solution, ex.id).await;
        assert!(class.contains("passed"), "{}: the page passes the reference too: {class} {failed:?}", ex.id);
        if ex.id == "pipeline" {
            screenshot(c, "exercise-passed").await;
        }

        let diagram = wrong.builder.finish().expect("the corpus design builds");
        let native = ex.check(&diagram);
        assert!(!native.passed && native.finding(wrong.code).is_some_and(|f| !f.passed), "{}: {}", ex.id, native.render(Lang::En));
        let (class, failed) = check(c, &base, &diagram, ex.id).await;
        assert!(class.contains("failed"), "{}, {}: {class}", ex.id, wrong.what);
        assert_eq!(failed, codes(&native), "{}, {}: the page gives the same reasons as dlab check", ex.id, wrong.what);
        // The first failed finding in view, for the screenshot.
        let show = "const f = document.querySelector('.verdict .finding.bad'); const p = f.closest('.exercises'); p.scrollTop += f.getBoundingClientRect().top - p.getBoundingClientRect().top - 160;";
        c.execute(show, vec![]).await.expect("scroll");
        screenshot(c, &format!("exercise-failed-{}", ex.id)).await;
        if ex.id == "saga" {
            // The failed saga check, read in Vietnamese too: the same codes, other words.
            switch_language(c, Lang::Vi).await;
            let text = c.find(Locator::Css(r#"[data-exercise="saga"] .verdict"#)).await.expect("verdict").text().await.expect("text");
            assert!(text.contains(native.failures().next().map(|f| f.message.vi.as_str()).unwrap_or("?")), "{text}");
            c.execute(show, vec![]).await.expect("scroll");
            screenshot(c, "exercise-failed-saga-vi").await;
            switch_language(c, Lang::En).await;
        }
    }
    b.client.clone().close().await.expect("close");
}

async fn open_lesson(c: &Client) -> fantoccini::elements::Element {
    c.find(Locator::Css(r#"[data-action="lesson"]"#)).await.expect("the Lesson button").click().await.expect("open it");
    c.wait().for_element(Locator::Css(".lesson-panel")).await.expect("the Lesson panel")
}

/// The table's layout: it never needs sideways scrolling inside the panel.
async fn table_fits(c: &Client) -> bool {
    let fits = c
        .execute("const p = document.querySelector('.lesson-panel'); return p.scrollWidth <= p.clientWidth + 1;", vec![])
        .await
        .expect("measure");
    fits.as_bool().unwrap_or(false)
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_lesson_panel_shows_the_objectives_and_tools_and_opens_their_patterns() {
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    page_1440x900(c).await;
    for lang in Lang::ALL {
        switch_language(c, lang).await;
        let panel = open_lesson(c).await;
        let items = panel.find_all(Locator::Css(".lesson-objectives li")).await.expect("objectives");
        assert_eq!(items.len(), objectives().len());
        assert_eq!(items[0].text().await.expect("text"), objectives()[0].get(lang));
        assert_eq!(panel.find_all(Locator::Css(".lesson-tools thead th[scope=col]")).await.expect("headers").len(), 3);
        let rows = panel.find_all(Locator::Css(".lesson-tools tbody tr")).await.expect("rows");
        assert_eq!(rows.len(), tools().len());
        for (row, tool) in rows.iter().zip(tools()) {
            let head = row.find(Locator::Css("th[scope=row]")).await.expect("a row header").text().await.expect("text");
            assert!(head.contains(tool.service), "{head}");
            assert!(row.text().await.expect("text").contains(tool.when.get(lang)));
        }
        assert!(table_fits(c).await, "the table fits the panel at 1440 × 900");
        screenshot(c, &format!("lesson-panel-{}", lang.code())).await;
        c.find(Locator::Css(".lesson-panel .notice-close")).await.expect("close").click().await.expect("close it");
    }
    // Each tool row opens its pattern (on an empty canvas, at once).
    let msk = tools().iter().find(|t| t.service == "Amazon MSK").expect("the MSK row");
    let panel = open_lesson(c).await;
    panel.find(Locator::Css(&format!(r#".lesson-pattern[data-pattern="{}"]"#, msk.pattern))).await.expect("its link").click().await.expect("follow it");
    let want = pattern(msk.pattern).expect("pattern").diagram().component_count();
    support::wait_for_count(c, ".node", want).await;
    assert!(c.find(Locator::Css(".lesson-panel")).await.is_err(), "the panel closed");
    let card = c.wait().for_element(Locator::Css(".pattern-card h2")).await.expect("the pattern's card").text().await.expect("text");
    assert_eq!(card, pattern(msk.pattern).expect("pattern").title.get(Lang::Vi), "the page is in Vietnamese now");
    b.client.clone().close().await.expect("close");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn the_lesson_panel_fits_a_phone() {
    let b = support::open_phone(support::serve_dist().await).await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    for lang in Lang::ALL {
        switch_language(c, lang).await;
        open_lesson(c).await;
        let page = c
            .execute("const r = document.querySelector('.lesson-panel').getBoundingClientRect(); const d = document.documentElement; return [r.left, r.right, d.clientWidth, d.scrollWidth];", vec![])
            .await
            .expect("measure");
        let n = |i: usize| page[i].as_f64().unwrap_or(f64::NAN);
        assert!(n(0) >= 0.0 && n(1) <= n(2) && n(3) <= n(2), "the panel is on the screen, the page never wider than it: {page}");
        assert!(table_fits(c).await, "no sideways scrolling at 390 px");
        screenshot(c, &format!("lesson-panel-phone-{}", lang.code())).await;
        c.find(Locator::Css(".lesson-panel .notice-close")).await.expect("close").click().await.expect("close it");
    }
    b.client.clone().close().await.expect("close");
}

/// An element of one quiz question, found anew (the page re-renders it on every answer)
/// and scrolled to the panel's middle: WebDriver leaves an element at the panel's top
/// edge where it is, under the sticky count of right answers.
async fn in_question(c: &Client, id: &str, inside: &str) -> fantoccini::elements::Element {
    let found = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&format!(r#".quiz-question[data-question="{id}"] {inside}"#)))
        .await
        .unwrap_or_else(|e| panic!("{id}: {inside}: {e}"));
    let arg = serde_json::to_value(&found).expect("an element reference");
    // The panel only: scrollIntoView would scroll the page too, and the header with it.
    let middle = "const e = arguments[0]; const p = e.closest('.exercises'); p.scrollTop += e.getBoundingClientRect().top - p.getBoundingClientRect().top - p.clientHeight / 2;";
    c.execute(middle, vec![arg]).await.expect("scroll to it");
    found
}

async fn text_of(c: &Client, id: &str, inside: &str) -> String {
    in_question(c, id, inside).await.text().await.expect("text")
}

/// Picks the choice at `index` of question `id` and presses Check answer.
async fn answer(c: &Client, id: &str, index: usize) {
    in_question(c, id, &format!(r#"input[type=radio][value="{index}"]"#)).await.click().await.expect("choose");
    in_question(c, id, ".quiz-check").await.click().await.expect("check");
}

/// Scrolls only the panel, so the question and its feedback are in the screenshot.
async fn show_question(c: &Client, id: &str) {
    let show = format!("const q = document.querySelector('.quiz-question[data-question=\"{id}\"]'); const p = q.closest('.exercises'); p.scrollTop += q.getBoundingClientRect().top - p.getBoundingClientRect().top - 60;");
    c.execute(&show, vec![]).await.expect("scroll the panel only");
}

#[tokio::test]
#[ignore = "needs the release build and chromedriver: run `make test`"]
async fn a_quiz_answer_opens_the_pattern_that_shows_it() {
    use decouple_lab::lessons::{quiz, ui_strings::quiz as words};
    let b = support::open_app().await;
    let c = &b.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    page_1440x900(c).await;
    c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("Exercises").click().await.expect("open");
    let q = quiz().iter().find(|q| q.id == "saga").expect("the saga question");
    let right = q.choices.iter().position(|ch| ch.right).expect("a right choice");
    let wrong = q.choices.iter().position(|ch| !ch.right).expect("a wrong choice");
    let total = quiz().len();
    let score = |lang: Lang, n: usize| match lang {
        Lang::En => format!("{n} of {total} right"),
        Lang::Vi => format!("Đúng {n} trên {total} câu"),
    };
    for lang in Lang::ALL {
        switch_language(c, lang).await;
        let legend = text_of(c, q.id, "legend").await;
        assert!(legend.ends_with(q.question.get(lang)), "{legend}");
        assert_eq!(c.find(Locator::Css(".quiz-score")).await.expect("score").text().await.expect("text"), words::CHOOSE_AN_ANSWER_THEN_CHECK.get(lang));
        // Checking with nothing chosen asks for a choice, and says nothing of right or wrong.
        in_question(c, q.id, ".quiz-check").await.click().await.expect("check");
        assert_eq!(text_of(c, q.id, ".quiz-feedback").await, words::CHOOSE_ONE_FIRST.get(lang));

        answer(c, q.id, wrong).await;
        let verdict = text_of(c, q.id, ".quiz-verdict.wrong").await;
        assert!(verdict.starts_with(words::NOT_QUITE.get(lang)), "{verdict}");
        assert!(verdict.contains(q.choices[wrong].feedback.get(lang)), "the misconception is named: {verdict}");
        assert!(in_question(c, q.id, ".quiz-choice.wrong input:checked").await.is_selected().await.expect("selected"));
        assert_eq!(c.find(Locator::Css(".quiz-score")).await.expect("score").text().await.expect("text"), score(lang, 0));
        show_question(c, q.id).await;
        screenshot(c, &format!("quiz-wrong-{}", lang.code())).await;

        // Try again: the same button, so the keyboard focus stays on it; nothing is chosen.
        in_question(c, q.id, ".quiz-retry").await.click().await.expect("try again");
        let focused = c.execute("return document.activeElement.className;", vec![]).await.expect("focus");
        assert!(focused.as_str().unwrap_or_default().contains("quiz-check"), "focus stays on the button: {focused}");
        assert!(c.find(Locator::Css(&format!(r#".quiz-question[data-question="{}"] input:checked"#, q.id))).await.is_err(), "no choice left picked");
        assert_eq!(text_of(c, q.id, ".quiz-feedback").await, "");

        answer(c, q.id, right).await;
        let verdict = text_of(c, q.id, ".quiz-verdict.right").await;
        assert!(verdict.starts_with(words::RIGHT.get(lang)) && verdict.contains(q.choices[right].feedback.get(lang)), "{verdict}");
        assert_eq!(text_of(c, q.id, ".quiz-answer").await, q.answer.get(lang), "the full answer follows");
        assert_eq!(c.find_all(Locator::Css(&format!(r#".quiz-question[data-question="{}"] .quiz-pattern"#, q.id))).await.expect("links").len(), q.patterns.len());
        assert_eq!(c.find(Locator::Css(".quiz-score")).await.expect("score").text().await.expect("text"), score(lang, 1));
        show_question(c, q.id).await;
        screenshot(c, &format!("quiz-right-{}", lang.code())).await;
        // A wrong answer elsewhere leaves the count of right ones as it was.
        let other = quiz().iter().find(|o| o.id == "async-api").expect("another question");
        answer(c, other.id, other.choices.iter().position(|ch| !ch.right).expect("wrong")).await;
        assert_eq!(c.find(Locator::Css(".quiz-score")).await.expect("score").text().await.expect("text"), score(lang, 1));
        for id in [q.id, other.id] {
            in_question(c, id, ".quiz-retry").await.click().await.expect("try again");
        }
    }
    // The answers survive a change of language, in the new language's words.
    switch_language(c, Lang::En).await;
    answer(c, q.id, right).await;
    switch_language(c, Lang::Vi).await;
    assert!(text_of(c, q.id, ".quiz-verdict.right").await.contains(q.choices[right].feedback.vi));
    // A pattern link opens the pattern that shows the answer on the canvas.
    in_question(c, q.id, r#".quiz-pattern[data-pattern="saga"]"#).await.click().await.expect("follow it");
    let shown = pattern("saga").expect("the saga pattern");
    support::wait_for_count(c, ".node", shown.diagram().component_count()).await;
    // The quiz stays open beside it, as answered, for the next question.
    assert!(text_of(c, q.id, ".quiz-verdict.right").await.contains(q.choices[right].feedback.vi));
    b.client.clone().close().await.expect("close");

    // On a phone: an answered question fits the screen, nothing wider than it.
    let phone = support::open_phone(b.base_url.clone()).await;
    let c = &phone.client;
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    switch_language(c, Lang::Vi).await;
    c.find(Locator::Css(r#"[data-action="exercises"]"#)).await.expect("Exercises").click().await.expect("open");
    // The Exercises button opens the panel in the side column's sheet, over the canvas.
    c.wait().for_element(Locator::Css(r#".phone-tab[data-sheet="inspector"][aria-pressed="true"]"#)).await.expect("the sheet open");
    answer(c, q.id, wrong).await;
    show_question(c, q.id).await;
    let widths = c
        .execute("const q = document.querySelector('.quiz-question[data-question=\"saga\"]').getBoundingClientRect(); const d = document.documentElement; return [q.right, d.clientWidth, d.scrollWidth];", vec![])
        .await
        .expect("measure");
    let n = |i: usize| widths[i].as_f64().unwrap_or(f64::NAN);
    assert!(n(0) <= n(1) && n(2) <= n(1), "the question fits a 390 px screen: {widths}");
    screenshot(c, "quiz-phone-vi").await;
    phone.client.clone().close().await.expect("close");
}
