//! The lesson's five review questions, answered anew, each pointing at patterns that
//! show the answer.

use super::text::Text;

/// One review question.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Question {
    pub id: &'static str,
    pub question: Text,
    pub answer: Text,
    /// Ids of the patterns that show the answer (see [`super::pattern`]).
    pub patterns: &'static [&'static str],
}

/// The five questions, in the lesson's order.
pub fn quiz() -> &'static [Question] {
    QUIZ
}

static QUIZ: &[Question] = &[
    Question {
        id: "coupling",
        question: Text {
            en: "How do tightly and loosely coupled systems differ?",
            vi: "Tightly coupled và loosely coupled khác nhau ở điểm nào?",
        },
        answer: Text {
            en: "In a tightly coupled system one service calls the next directly and waits: if the callee is slow or down, the caller is too, and the two can only grow together. In a loosely coupled system they talk through a broker such as SQS, SNS or EventBridge: the sender does not need to know who receives, each side scales on its own, and a failing consumer does not take its producer down. The result is a system that survives failures, scales part by part and is easier to change.",
            vi: "Trong hệ tightly coupled, service này gọi thẳng service kia và chờ: service được gọi chậm hay chết thì service gọi cũng chậm hay chết theo, và hai bên chỉ scale được cùng nhau. Trong hệ loosely coupled, chúng nói chuyện qua một broker như SQS, SNS hay EventBridge: bên gửi không cần biết ai nhận, mỗi bên scale riêng, và consumer lỗi không kéo producer sập theo. Nhờ vậy hệ thống chịu lỗi tốt hơn, scale được từng phần và dễ thay đổi hơn.",
        },
        patterns: &["tight-vs-loose", "sync-to-async-chain"],
    },
    Question {
        id: "sns-vs-sqs",
        question: Text { en: "When would you use SNS rather than SQS?", vi: "Khi nào dùng SNS thay vì SQS?" },
        answer: Text {
            en: "Use SNS when the same message must reach several consumers: a topic pushes a copy to every subscriber at once, and it can also reach people by e-mail, SMS or an HTTP webhook. Use SQS when each message should be handled by one consumer, when you need a buffer that holds messages until someone is ready, or when you want retries and a dead-letter queue. The usual answer is both: SNS fans out to one SQS queue per consumer, so every consumer gets every message and still works at its own pace.",
            vi: "Dùng SNS khi cùng một message phải tới nhiều consumer: topic đẩy bản sao tới mọi subscriber cùng lúc, và còn gửi được tới người qua e-mail, SMS hay HTTP webhook. Dùng SQS khi mỗi message chỉ cần một consumer xử lý, khi cần một bộ đệm giữ message cho tới khi có ai sẵn sàng, hoặc khi cần retry và dead-letter queue. Cách hay dùng nhất là kết hợp cả hai: SNS fan-out ra mỗi consumer một SQS queue, nhờ đó consumer nào cũng nhận đủ message mà vẫn chạy theo nhịp riêng.",
        },
        patterns: &["sns-fanout", "producer-consumer", "ecommerce-pipeline"],
    },
    Question {
        id: "saga",
        question: Text { en: "What problem does the saga pattern solve?", vi: "Saga pattern giải quyết vấn đề gì?" },
        answer: Text {
            en: "A business transaction that spans several microservices, each with its own database, cannot use one ACID transaction or a two-phase commit across them. A saga splits it into local transactions, one per service, and gives each a compensating action; if a step fails, the compensations of the finished steps run in reverse order. It can be orchestrated, with a Step Functions state machine deciding every step, or choreographed, with each service reacting to the others' events and no central coordinator. Either way the data ends up consistent eventually rather than at once.",
            vi: "Một giao dịch nghiệp vụ trải qua nhiều microservice, mỗi service có database riêng, thì không thể dùng một ACID transaction hay two-phase commit xuyên qua chúng. Saga chia nó thành các local transaction, mỗi service một cái, và kèm cho mỗi bước một hành động bù trừ (compensating action); nếu một bước lỗi, các bước bù trừ của những bước đã xong sẽ chạy theo thứ tự ngược lại. Có thể làm theo kiểu orchestration, với Step Functions state machine quyết định từng bước, hoặc choreography, mỗi service tự phản ứng với event của service khác, không có ai điều phối trung tâm. Cách nào thì dữ liệu cũng nhất quán dần (eventual consistency) chứ không nhất quán ngay lập tức.",
        },
        patterns: &["saga", "workflow-orchestration"],
    },
    Question {
        id: "cqrs",
        question: Text { en: "What problem does CQRS solve?", vi: "CQRS giải quyết vấn đề gì?" },
        answer: Text {
            en: "CQRS keeps the model that takes writes (commands) apart from the model that answers reads (queries). Writes and reads rarely need the same thing: they can now scale separately, the read model can be shaped for the questions users ask (denormalised, precomputed, in a search engine or a cache), and heavy queries no longer slow the writes down. A change stream keeps the read model up to date, a moment behind. For example: DynamoDB takes the writes and OpenSearch serves the searches, or RDS takes the writes and cached read replicas serve the reads.",
            vi: "CQRS tách model nhận ghi (command) khỏi model phục vụ đọc (query). Ghi và đọc hiếm khi cần giống nhau: giờ chúng scale độc lập, read model được thiết kế theo đúng câu hỏi người dùng hay hỏi (denormalized, tính sẵn, nằm trong search engine hoặc cache), và query nặng không còn làm chậm việc ghi. Một change stream giữ cho read model được cập nhật, chỉ trễ một chút. Ví dụ: DynamoDB nhận ghi và OpenSearch phục vụ tìm kiếm, hoặc RDS nhận ghi và read replica có cache phục vụ đọc.",
        },
        patterns: &["cqrs", "event-sourcing"],
    },
    Question {
        id: "async-api",
        question: Text { en: "What is the async API pattern for?", vi: "Async API pattern dùng cho trường hợp nào?" },
        answer: Text {
            en: "For work that takes longer than a client should wait, roughly more than ten seconds: video or image processing, reports, ML inference, sending many e-mails. The client submits the job; API Gateway hands it to a queue or a function and answers 202 Accepted with a job id straight away. The client then polls a status endpoint, or gets a webhook or notification when the job is done. Nothing times out, no connection is held open, and a failed job can be retried or sent to a dead-letter queue.",
            vi: "Cho những việc chạy lâu hơn mức client nên chờ, cỡ trên mười giây: xử lý video hay ảnh, tạo báo cáo, ML inference, gửi hàng loạt e-mail. Client gửi job; API Gateway chuyển nó vào queue hoặc function rồi trả 202 Accepted kèm job id ngay. Sau đó client poll một endpoint trạng thái, hoặc nhận webhook hay notification khi job xong. Không có gì bị timeout, không giữ kết nối mở, và job lỗi thì được retry hoặc chuyển vào dead-letter queue.",
        },
        patterns: &["async-api", "order-processing"],
    },
];
