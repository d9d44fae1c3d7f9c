//! The review quiz, and the bilingual texts the lesson is written in.

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
fn texts_pick_their_language() {
    let t = Text::new("Queue", "Hàng đợi");
    assert_eq!(t.get(Lang::En), "Queue");
    assert_eq!(t.get(Lang::Vi), "Hàng đợi");
    assert_eq!(Lang::default(), Lang::En);
    assert_eq!(Lang::from_code("VI"), Some(Lang::Vi));
    assert_eq!(Lang::from_code("fr"), None);
    assert_eq!(Lang::Vi.code(), "vi");
}
