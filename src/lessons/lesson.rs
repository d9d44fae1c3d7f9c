//! The lesson's frame, for the Lesson panel: its learning objectives and its table of
//! AWS decoupling tools, in the project's own words in both languages. Each tool row
//! names the pattern that shows the service, so the learner can open it and run it;
//! `tests/lessons_panel.rs` holds every row to a pattern that really contains it.

use super::text::Text;

/// What the learner should be able to do after the lesson, in the lesson's order.
pub fn objectives() -> &'static [Text] {
    OBJECTIVES
}

static OBJECTIVES: &[Text] = &[
    Text::new(
        "Tell tight coupling from loose coupling: what happens to the rest when one part is slow or down.",
        "Phân biệt tightly coupled với loosely coupled: một phần chậm hay chết thì phần còn lại ra sao.",
    ),
    Text::new(
        "Apply SQS, SNS and EventBridge to decouple the parts of a system.",
        "Áp dụng SQS, SNS và EventBridge để decouple các phần của một hệ thống.",
    ),
    Text::new(
        "Use the microservices patterns: event-driven services, saga, CQRS, event sourcing, async API.",
        "Dùng các pattern của microservices: service event-driven, saga, CQRS, event sourcing, async API.",
    ),
    Text::new(
        "Weigh async against sync: what each costs, and when an answer must be immediate.",
        "Cân nhắc async và sync: mỗi cách được gì, mất gì, và khi nào câu trả lời phải có ngay.",
    ),
];

/// One row of the lesson's "AWS decoupling tools" table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tool {
    /// The service as AWS writes it, and as [`crate::model::spec::Spec::aws_name`]
    /// names the component that stands for it.
    pub service: &'static str,
    /// How it decouples (queue, pub/sub, event bus...).
    pub decouples: Text,
    pub when: Text,
    /// The id of the pattern that shows the service (see [`super::pattern`]).
    pub pattern: &'static str,
}

/// The lesson's seven tools, in its order.
pub fn tools() -> &'static [Tool] {
    TOOLS
}

static TOOLS: &[Tool] = &[
    Tool {
        service: "Amazon SQS",
        decouples: Text::new("Queue: point to point", "Queue: point-to-point"),
        when: Text::new(
            "One consumer should handle each message, at its own pace; the queue holds the work while the consumer is busy or down.",
            "Mỗi message chỉ cần một consumer xử lý, theo nhịp riêng của nó; queue giữ việc lại khi consumer bận hoặc chết.",
        ),
        pattern: "producer-consumer",
    },
    Tool {
        service: "Amazon SNS",
        decouples: Text::new("Pub/sub: one to many", "Pub/sub: một tới nhiều"),
        when: Text::new(
            "The same message must reach several consumers at once (fan-out), or people by e-mail or SMS.",
            "Cùng một message phải tới nhiều consumer cùng lúc (fan-out), hoặc tới người dùng qua e-mail hay SMS.",
        ),
        pattern: "sns-fanout",
    },
    Tool {
        service: "Amazon EventBridge",
        decouples: Text::new("Event bus: routing with filters", "Event bus: định tuyến có lọc"),
        when: Text::new(
            "Events from many sources go to whoever needs them, chosen by rules with event patterns; a central hub for several teams.",
            "Event từ nhiều nguồn được đưa tới đúng nơi cần chúng, theo các rule có event pattern; một hub trung tâm cho nhiều team.",
        ),
        pattern: "eventbridge-routing",
    },
    Tool {
        service: "Amazon Kinesis Data Streams",
        decouples: Text::new("Streaming", "Streaming"),
        when: Text::new(
            "A real-time data pipeline: an ordered log that several consumers read, each at its own position.",
            "Pipeline dữ liệu real-time: một log có thứ tự mà nhiều consumer cùng đọc, mỗi consumer ở vị trí riêng.",
        ),
        pattern: "iot-pipeline",
    },
    Tool {
        service: "AWS Step Functions",
        decouples: Text::new("Orchestration", "Orchestration"),
        when: Text::new(
            "A workflow of several steps with choices, parallel branches, retries and error handlers, coordinated in one place.",
            "Một workflow nhiều bước có rẽ nhánh, chạy song song, retry và xử lý lỗi, được điều phối ở một chỗ.",
        ),
        pattern: "workflow-orchestration",
    },
    Tool {
        service: "Amazon API Gateway",
        decouples: Text::new("API layer", "API layer"),
        when: Text::new(
            "Clients speak HTTP to a stable front door, while what stands behind it (a queue, a function, a service) can change.",
            "Client gọi HTTP tới một cửa ngõ cố định, còn những gì đứng sau nó (queue, function hay service) có thể thay đổi.",
        ),
        pattern: "async-api",
    },
    Tool {
        service: "Amazon MSK",
        decouples: Text::new("Streaming (managed Apache Kafka)", "Streaming (Apache Kafka được quản lý)"),
        when: Text::new(
            "Event streaming with Kafka: topics split into partitions, consumer groups that each read every event and can read it again.",
            "Event streaming bằng Kafka: topic chia thành partition, mỗi consumer group đọc mọi event và có thể đọc lại.",
        ),
        pattern: "event-streaming",
    },
];
