//! The lesson's five review questions as a short quiz: each has a few choices, exactly
//! one right, and every choice says why it is right or which misconception it holds, so
//! a wrong pick still teaches something. The full model answer and the patterns that
//! show it come after the learner has chosen.

use super::text::Text;

/// One review question.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Question {
    pub id: &'static str,
    pub question: Text,
    pub answer: Text,
    /// Ids of the patterns that show the answer (see [`super::pattern`]).
    pub patterns: &'static [&'static str],
    /// What the learner chooses from, in the order shown; exactly one is right.
    pub choices: &'static [Choice],
}

/// One answer a learner can choose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Choice {
    pub text: Text,
    pub right: bool,
    /// One sentence: why it is right, or the misconception behind it (the page says
    /// "Right" or "Not quite" before it).
    pub feedback: Text,
}

impl Question {
    /// Whether the choice at `index` is the right one (an index out of range is not).
    pub fn is_right(&self, index: usize) -> bool {
        self.choices.get(index).is_some_and(|c| c.right)
    }
}

const fn right(text: Text, feedback: Text) -> Choice {
    Choice { text, right: true, feedback }
}

const fn wrong(text: Text, feedback: Text) -> Choice {
    Choice { text, right: false, feedback }
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
        choices: &[
            wrong(
                Text::new("Tightly coupled services run on one server; loosely coupled ones run on separate servers.", "Service tightly coupled chạy trên cùng một server; service loosely coupled chạy trên các server riêng."),
                Text::new(
                    "Where they run is not the point: two services on separate servers are still tightly coupled if one calls the other and waits for it.",
                    "Chạy ở đâu không phải là điểm khác: hai service trên hai server riêng vẫn tightly coupled nếu service này gọi service kia rồi chờ.",
                ),
            ),
            right(
                Text::new(
                    "Tightly coupled services call each other directly and wait, so one failure spreads; loosely coupled ones talk through a broker such as SQS, SNS or EventBridge.",
                    "Service tightly coupled gọi thẳng nhau rồi chờ, nên một lỗi lan ra cả chuỗi; service loosely coupled nói chuyện qua một broker như SQS, SNS hay EventBridge.",
                ),
                Text::new(
                    "The broker holds the message, so a slow or failed consumer no longer slows or breaks its producer, and each side scales on its own.",
                    "Broker giữ message, nên consumer chậm hay lỗi không còn làm producer chậm hay sập theo, và mỗi bên scale riêng.",
                ),
            ),
            wrong(
                Text::new("Loosely coupled systems never lose a message; tightly coupled ones do.", "Hệ loosely coupled không bao giờ mất message; hệ tightly coupled thì có."),
                Text::new(
                    "Loose coupling isolates failures, it does not make them vanish: a message that keeps failing still needs retries and a dead-letter queue.",
                    "Loose coupling cô lập lỗi chứ không xoá được lỗi: message xử lý mãi không được vẫn cần retry và dead-letter queue.",
                ),
            ),
            wrong(
                Text::new("Loosely coupled systems finish the work faster.", "Hệ loosely coupled làm xong việc nhanh hơn."),
                Text::new(
                    "The work takes as long as before and its result can arrive later; what changes is that the caller no longer waits for it or fails with it.",
                    "Việc vẫn mất chừng ấy thời gian và kết quả có thể tới muộn hơn; điều thay đổi là bên gọi không còn phải chờ nó hay lỗi theo nó.",
                ),
            ),
        ],
    },
    Question {
        id: "sns-vs-sqs",
        question: Text { en: "When would you use SNS rather than SQS?", vi: "Khi nào dùng SNS thay vì SQS?" },
        answer: Text {
            en: "Use SNS when the same message must reach several consumers: a topic pushes a copy to every subscriber at once, and it can also reach people by e-mail, SMS or an HTTP webhook. Use SQS when each message should be handled by one consumer, when you need a buffer that holds messages until someone is ready, or when you want retries and a dead-letter queue. The usual answer is both: SNS fans out to one SQS queue per consumer, so every consumer gets every message and still works at its own pace.",
            vi: "Dùng SNS khi cùng một message phải tới nhiều consumer: topic đẩy bản sao tới mọi subscriber cùng lúc, và còn gửi được tới người qua e-mail, SMS hay HTTP webhook. Dùng SQS khi mỗi message chỉ cần một consumer xử lý, khi cần một bộ đệm giữ message cho tới khi có ai sẵn sàng, hoặc khi cần retry và dead-letter queue. Cách hay dùng nhất là kết hợp cả hai: SNS fan-out ra mỗi consumer một SQS queue, nhờ đó consumer nào cũng nhận đủ message mà vẫn chạy theo nhịp riêng.",
        },
        patterns: &["sns-fanout", "producer-consumer", "ecommerce-pipeline"],
        choices: &[
            wrong(
                Text::new("When each message should be handled by exactly one consumer, at its own pace.", "Khi mỗi message chỉ nên được một consumer xử lý, theo nhịp riêng của nó."),
                Text::new(
                    "That is SQS: a queue holds each message until one consumer receives it and deletes it.",
                    "Đó là SQS: queue giữ mỗi message cho tới khi một consumer nhận và xoá nó.",
                ),
            ),
            wrong(
                Text::new("When messages must wait, for days if need be, until a consumer is ready.", "Khi message phải chờ, nhiều ngày nếu cần, cho tới khi consumer sẵn sàng."),
                Text::new(
                    "That is SQS too: a queue keeps a message for up to 14 days (4 by default), while SNS pushes at once and keeps nothing for a consumer to fetch later.",
                    "Đó cũng là SQS: queue giữ message tới 14 ngày (mặc định 4 ngày), còn SNS đẩy đi ngay và không giữ lại gì để consumer lấy sau.",
                ),
            ),
            right(
                Text::new(
                    "When the same message must reach several consumers at once, or reach people by e-mail, SMS or an HTTP webhook.",
                    "Khi cùng một message phải tới nhiều consumer cùng lúc, hoặc tới người qua e-mail, SMS hay HTTP webhook.",
                ),
                Text::new(
                    "A topic pushes a copy to every subscriber, and an SQS queue behind each subscriber gives every consumer its own buffer and retries.",
                    "Topic đẩy một bản sao tới mọi subscriber, và một SQS queue sau mỗi subscriber cho mỗi consumer bộ đệm và retry riêng.",
                ),
            ),
            wrong(
                Text::new("When a failed message should be retried and then set aside in a dead-letter queue.", "Khi message lỗi cần được retry rồi để riêng vào dead-letter queue."),
                Text::new(
                    "Retrying at the consumer's pace and a dead-letter queue after the “Maximum receives” are what a queue gives; that is why fan-out puts an SQS queue behind each SNS subscriber.",
                    "Retry theo nhịp của consumer và dead-letter queue sau “Số lần nhận tối đa” là thứ queue mang lại; vì thế fan-out đặt một SQS queue sau mỗi subscriber của SNS.",
                ),
            ),
        ],
    },
    Question {
        id: "saga",
        question: Text { en: "What problem does the saga pattern solve?", vi: "Saga pattern giải quyết vấn đề gì?" },
        answer: Text {
            en: "A business transaction that spans several microservices, each with its own database, cannot use one ACID transaction or a two-phase commit across them. A saga splits it into local transactions, one per service, and gives each a compensating action; if a step fails, the compensations of the finished steps run in reverse order. It can be orchestrated, with a Step Functions state machine deciding every step, or choreographed, with each service reacting to the others' events and no central coordinator. Either way the data ends up consistent eventually rather than at once.",
            vi: "Một giao dịch nghiệp vụ trải qua nhiều microservice, mỗi service có database riêng, thì không thể dùng một ACID transaction hay two-phase commit xuyên qua chúng. Saga chia nó thành các local transaction, mỗi service một cái, và kèm cho mỗi bước một hành động bù trừ (compensating action); nếu một bước lỗi, các bước bù trừ của những bước đã xong sẽ chạy theo thứ tự ngược lại. Có thể làm theo kiểu orchestration, với Step Functions state machine quyết định từng bước, hoặc choreography, mỗi service tự phản ứng với event của service khác, không có ai điều phối trung tâm. Cách nào thì dữ liệu cũng nhất quán dần (eventual consistency) chứ không nhất quán ngay lập tức.",
        },
        patterns: &["saga", "workflow-orchestration"],
        choices: &[
            right(
                Text::new(
                    "A transaction that spans several services, each with its own database, where no ACID transaction or two-phase commit can cover them all.",
                    "Một giao dịch trải qua nhiều service, mỗi service một database riêng, mà không ACID transaction hay two-phase commit nào bao trùm được.",
                ),
                Text::new(
                    "A saga turns it into local transactions, one per service, and when a step fails the compensating actions undo the finished steps in reverse order.",
                    "Saga biến nó thành các local transaction, mỗi service một cái, và khi một bước lỗi thì các compensating action hủy những bước đã xong theo thứ tự ngược lại.",
                ),
            ),
            wrong(
                Text::new("A service that takes too long to answer an HTTP request in time.", "Một service mất quá lâu để trả lời kịp một HTTP request."),
                Text::new(
                    "That is the async API pattern's problem (202 Accepted and a job id to poll), not the saga's.",
                    "Đó là vấn đề của async API pattern (202 Accepted kèm job id để poll), không phải của saga.",
                ),
            ),
            wrong(
                Text::new("It makes a multi-service transaction atomic, so nobody ever sees it half done.", "Nó làm giao dịch nhiều service thành atomic, nên không ai thấy nó đang làm dở."),
                Text::new(
                    "A saga gives eventual consistency, not ACID: between its steps others can see a half-done booking, and the compensations undo it afterwards.",
                    "Saga cho eventual consistency chứ không phải ACID: giữa các bước, service khác vẫn thấy một booking đang làm dở, và các bước bù trừ hủy nó sau đó.",
                ),
            ),
            wrong(
                Text::new("Messages that arrive twice or out of order.", "Message tới hai lần hoặc sai thứ tự."),
                Text::new(
                    "That calls for idempotent consumers and FIFO ordering; a saga keeps several services' data consistent when one of the steps fails.",
                    "Việc đó cần consumer idempotent và thứ tự FIFO; saga giữ dữ liệu của nhiều service nhất quán khi một bước bị lỗi.",
                ),
            ),
        ],
    },
    Question {
        id: "cqrs",
        question: Text { en: "What problem does CQRS solve?", vi: "CQRS giải quyết vấn đề gì?" },
        answer: Text {
            en: "CQRS keeps the model that takes writes (commands) apart from the model that answers reads (queries). Writes and reads rarely need the same thing: they can now scale separately, the read model can be shaped for the questions users ask (denormalised, precomputed, in a search engine or a cache), and heavy queries no longer slow the writes down. A change stream keeps the read model up to date, a moment behind. For example: DynamoDB takes the writes and OpenSearch serves the searches, or RDS takes the writes and cached read replicas serve the reads.",
            vi: "CQRS tách model nhận ghi (command) khỏi model phục vụ đọc (query). Ghi và đọc hiếm khi cần giống nhau: giờ chúng scale độc lập, read model được thiết kế theo đúng câu hỏi người dùng hay hỏi (denormalized, tính sẵn, nằm trong search engine hoặc cache), và query nặng không còn làm chậm việc ghi. Một change stream giữ cho read model được cập nhật, chỉ trễ một chút. Ví dụ: DynamoDB nhận ghi và OpenSearch phục vụ tìm kiếm, hoặc RDS nhận ghi và read replica có cache phục vụ đọc.",
        },
        patterns: &["cqrs", "event-sourcing"],
        choices: &[
            wrong(
                Text::new("It keeps a copy of the database in another Region for disaster recovery.", "Nó giữ một bản sao database ở Region khác để khôi phục sau sự cố."),
                Text::new(
                    "That is replication for availability; a CQRS read model exists to answer queries in its own shape, not to stand by for a failover.",
                    "Đó là replication để sẵn sàng; read model của CQRS tồn tại để trả lời query theo cách riêng của nó, không phải để chờ failover.",
                ),
            ),
            right(
                Text::new(
                    "Reads and writes need different things, so the write model (commands) is kept apart from a read model (queries) shaped and scaled for the reads.",
                    "Đọc và ghi cần những thứ khác nhau, nên write model (command) được tách khỏi read model (query) được thiết kế và scale riêng cho việc đọc.",
                ),
                Text::new(
                    "Heavy queries no longer slow the writes, and a change stream (DynamoDB Streams or CDC) keeps the read model up to date, a moment behind.",
                    "Query nặng không còn làm chậm việc ghi, và một change stream (DynamoDB Streams hoặc CDC) giữ read model được cập nhật, chỉ trễ một chút.",
                ),
            ),
            wrong(
                Text::new("Every read sees the latest write at once.", "Mọi lần đọc đều thấy ngay lần ghi mới nhất."),
                Text::new(
                    "The opposite: the read model is fed by a change stream, so it lags a little behind the writes (eventual consistency).",
                    "Ngược lại: read model được cập nhật qua một change stream, nên nó trễ hơn phía ghi một chút (eventual consistency).",
                ),
            ),
            wrong(
                Text::new("It stores every event rather than the current state, so the state can be replayed.", "Nó lưu mọi event thay vì trạng thái hiện tại, để có thể replay lại trạng thái."),
                Text::new(
                    "That is event sourcing: it pairs well with CQRS, but CQRS itself only says that writes and reads use separate models.",
                    "Đó là event sourcing: nó đi cùng CQRS rất hợp, nhưng bản thân CQRS chỉ nói rằng ghi và đọc dùng các model riêng.",
                ),
            ),
        ],
    },
    Question {
        id: "async-api",
        question: Text { en: "What is the async API pattern for?", vi: "Async API pattern dùng cho trường hợp nào?" },
        answer: Text {
            en: "For work that takes longer than a client should wait, roughly more than ten seconds: video or image processing, reports, ML inference, sending many e-mails. The client submits the job; API Gateway hands it to a queue or a function and answers 202 Accepted with a job id straight away. The client then polls a status endpoint, or gets a webhook or notification when the job is done. Nothing times out, no connection is held open, and a failed job can be retried or sent to a dead-letter queue.",
            vi: "Cho những việc chạy lâu hơn mức client nên chờ, cỡ trên mười giây: xử lý video hay ảnh, tạo báo cáo, ML inference, gửi hàng loạt e-mail. Client gửi job; API Gateway chuyển nó vào queue hoặc function rồi trả 202 Accepted kèm job id ngay. Sau đó client poll một endpoint trạng thái, hoặc nhận webhook hay notification khi job xong. Không có gì bị timeout, không giữ kết nối mở, và job lỗi thì được retry hoặc chuyển vào dead-letter queue.",
        },
        patterns: &["async-api", "order-processing"],
        choices: &[
            wrong(
                Text::new("For every API, because asynchronous calls are always faster.", "Cho mọi API, vì gọi async luôn nhanh hơn."),
                Text::new(
                    "A request that finishes well within a second is simpler as a synchronous call; the queue, the status endpoint and the polling pay off only for long work.",
                    "Request xong trong chưa tới một giây thì gọi synchronous đơn giản hơn; queue, status endpoint và việc poll chỉ đáng công với việc chạy lâu.",
                ),
            ),
            wrong(
                Text::new("For streaming readings from many devices in real time.", "Cho việc stream số liệu từ nhiều thiết bị theo thời gian thực."),
                Text::new(
                    "That is streaming, with Kinesis Data Streams or MSK; the async API is about one client's request and the long job behind it.",
                    "Đó là streaming, với Kinesis Data Streams hay MSK; async API nói về request của một client và job chạy lâu phía sau nó.",
                ),
            ),
            wrong(
                Text::new("For sending the same event to several services.", "Cho việc gửi cùng một event tới nhiều service."),
                Text::new(
                    "That is fan-out, with SNS or EventBridge; the async API is about a job that takes too long to wait for.",
                    "Đó là fan-out, với SNS hay EventBridge; async API nói về một job chạy quá lâu để chờ.",
                ),
            ),
            right(
                Text::new(
                    "For work that takes longer than a client should wait: the API answers 202 Accepted with a job id, and the client polls the status or is notified.",
                    "Cho việc chạy lâu hơn mức client nên chờ: API trả 202 Accepted kèm job id, rồi client poll trạng thái hoặc được thông báo.",
                ),
                Text::new(
                    "API Gateway waits 29 seconds for an integration by default, so long work goes to a queue and nothing times out or holds a connection open.",
                    "Mặc định API Gateway chỉ chờ integration 29 giây, nên việc chạy lâu được đưa vào queue và không có gì bị timeout hay giữ kết nối mở.",
                ),
            ),
        ],
    },
];
