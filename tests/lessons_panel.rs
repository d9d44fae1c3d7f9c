//! The Lesson panel's content: the lesson's learning objectives and its "AWS decoupling
//! tools" table, in both languages, each tool row opening a pattern that really shows
//! that service.

use decouple_lab::lessons::{objectives, pattern, tools, Lang};

#[test]
fn the_objectives_are_the_lessons_four_in_both_languages() {
    let o = objectives();
    assert_eq!(o.len(), 4, "the lesson lists four objectives");
    for text in o {
        for lang in Lang::ALL {
            assert!(text.get(lang).len() > 30, "{text:?}");
        }
        assert_ne!(text.en, text.vi);
    }
    // The lesson's own subjects: coupling, SQS/SNS/EventBridge, microservices, async vs sync.
    let all: String = o.iter().map(|t| t.en).collect();
    for subject in ["coupling", "SQS", "SNS", "EventBridge", "microservices", "async", "sync"] {
        assert!(all.contains(subject), "{subject}");
    }
}

#[test]
fn the_tools_table_has_the_lessons_seven_services() {
    let services: Vec<&str> = tools().iter().map(|t| t.service).collect();
    assert_eq!(
        services,
        ["Amazon SQS", "Amazon SNS", "Amazon EventBridge", "Amazon Kinesis Data Streams", "AWS Step Functions", "Amazon API Gateway", "Amazon MSK"]
    );
    for t in tools() {
        for lang in Lang::ALL {
            assert!(!t.decouples.get(lang).is_empty(), "{}", t.service);
            assert!(t.when.get(lang).len() > 30, "{}", t.service);
        }
        assert_ne!(t.when.en, t.when.vi, "{}", t.service);
    }
}

#[test]
fn every_tool_row_opens_a_pattern_that_contains_that_service() {
    for t in tools() {
        let p = pattern(t.pattern).unwrap_or_else(|| panic!("{}: no pattern {}", t.service, t.pattern));
        let d = p.try_diagram().unwrap_or_else(|e| panic!("{}: {e}", t.pattern));
        let found: Vec<&str> = d.components().map(|c| c.spec.aws_name()).collect();
        assert!(found.contains(&t.service), "{}: the pattern {} has {found:?}", t.service, t.pattern);
    }
}
