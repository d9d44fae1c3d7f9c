//! The review quiz (questions, choices with their feedback, model answers and pattern
//! links), and the bilingual texts the lesson is written in.

use decouple_lab::lessons::{pattern, patterns, quiz, Lang, Text};

#[test]
fn five_questions_each_answered_in_both_languages() {
    let q = quiz();
    assert_eq!(q.len(), 5);
    let ids: Vec<&str> = q.iter().map(|q| q.id).collect();
    assert_eq!(ids, ["coupling", "sns-vs-sqs", "saga", "cqrs", "async-api"]);
    for question in q {
        for lang in Lang::ALL {
            assert!(question.question.get(lang).ends_with('?'), "{}", question.id);
            assert!(question.answer.get(lang).len() > 200, "{}", question.id);
        }
        assert_ne!(question.answer.en, question.answer.vi);
    }
}

#[test]
fn every_answer_links_to_patterns_that_exist() {
    for q in quiz() {
        assert!(!q.patterns.is_empty(), "{}", q.id);
        for id in q.patterns {
            assert!(pattern(id).is_some(), "{}: no pattern {id}", q.id);
        }
    }
    // Every pattern a question names is in the menu, and the key ones are linked.
    for key in ["tight-vs-loose", "sns-fanout", "saga", "cqrs", "async-api"] {
        assert!(quiz().iter().any(|q| q.patterns.contains(&key)), "{key}");
        assert!(patterns().iter().any(|p| p.id == key));
    }
}

#[test]
fn every_question_has_one_right_choice_among_three_or_four() {
    for q in quiz() {
        assert!((3..=4).contains(&q.choices.len()), "{}: {} choices", q.id, q.choices.len());
        assert_eq!(q.choices.iter().filter(|c| c.right).count(), 1, "{}: exactly one right choice", q.id);
        let right = q.choices.iter().position(|c| c.right).expect("a right choice");
        for i in 0..q.choices.len() {
            assert_eq!(q.is_right(i), i == right, "{}: choice {i}", q.id);
        }
        assert!(!q.is_right(q.choices.len()), "{}: past the last choice nothing is right", q.id);
    }
    // The right answer is not always in the same place, or position would give it away.
    let places: std::collections::BTreeSet<usize> = quiz().iter().filter_map(|q| q.choices.iter().position(|c| c.right)).collect();
    assert!(places.len() >= 3, "the right choices sit at {places:?}");
}

#[test]
fn every_choice_and_its_feedback_is_written_in_both_languages() {
    for q in quiz() {
        for (i, c) in q.choices.iter().enumerate() {
            for text in [c.text, c.feedback] {
                for lang in Lang::ALL {
                    let t = text.get(lang);
                    assert!(t.trim().len() > 10, "{} choice {i}: {lang:?} is empty or a stub: {t:?}", q.id);
                    assert!(t.ends_with('.'), "{} choice {i}: a whole sentence: {t}", q.id);
                }
                assert_ne!(text.en, text.vi, "{} choice {i}: translated", q.id);
            }
            // The page says "Right" or "Not quite" before the feedback: the feedback explains.
            for (t, verdicts) in [(c.feedback.en, ["Right", "Wrong", "Not quite"]), (c.feedback.vi, ["Đúng", "Sai", "Chưa đúng"])] {
                assert!(!verdicts.iter().any(|v| t.starts_with(v)), "{} choice {i}: {t}", q.id);
            }
            for lang in Lang::ALL {
                let f = c.feedback.get(lang);
                assert!(!f.trim_end_matches('.').contains(". "), "{} choice {i}: feedback is one sentence: {f}", q.id);
            }
        }
        let texts: std::collections::BTreeSet<&str> = q.choices.iter().map(|c| c.text.en).collect();
        assert_eq!(texts.len(), q.choices.len(), "{}: no choice repeated", q.id);
    }
}

#[test]
fn texts_pick_their_language() {
    let t = Text::new("Queue", "Hàng đợi");
    assert_eq!(t.get(Lang::En), "Queue");
    assert_eq!(t.get(Lang::Vi), "Hàng đợi");
    assert_eq!(Lang::default(), Lang::En);
    assert_eq!(Lang::from_code("VI"), Some(Lang::Vi));
    assert_eq!(Lang::from_code("fr"), None);
    assert_eq!(Lang::Vi.code(), "vi");
}
