//! Ready-made patterns for the "Patterns" menu: each opens as an ordinary, editable
//! diagram beside a short explanation and "what to try" steps.

use super::build::Builder;
use super::steps::{Act, Step};
use super::text::Text;
use crate::model::spec::{DatabaseEngine, EventSourceType, Integration, NotificationChannel, Spec, StreamFlavour, Traffic};
use crate::model::{ComponentKind as K, ConnectionKind, Diagram};

/// One ready-made pattern.
#[derive(Clone, Copy)]
pub struct Pattern {
    /// Stable id, used in links from the quiz and the menu (`"sns-fanout"`).
    pub id: &'static str,
    pub title: Text,
    pub explanation: Text,
    pub steps: &'static [Step],
    build: fn() -> Result<Diagram, String>,
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pattern").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Pattern {
    /// A fresh copy of the pattern's diagram, ready to edit.
    pub fn diagram(&self) -> Diagram {
        (self.build)().unwrap_or_default()
    }

    /// The diagram, or the first connection the rule table refused (tests use this).
    pub fn try_diagram(&self) -> Result<Diagram, String> {
        (self.build)()
    }
}

/// Every pattern, in menu order.
pub fn patterns() -> &'static [Pattern] {
    PATTERNS
}

/// The pattern with this id.
pub fn pattern(id: &str) -> Option<&'static Pattern> {
    PATTERNS.iter().find(|p| p.id == id)
}

static PATTERNS: &[Pattern] = &[
    Pattern {
        id: "tight-vs-loose",
        title: Text { en: "Tightly vs loosely coupled", vi: "Tightly coupled và loosely coupled" },
        explanation: Text {
            en: "Two shops take the same orders. In the top one the web server calls the order processor and waits for its answer: if the processor is down, the shopper gets an error. In the bottom one the web front puts each order in an SQS queue and answers 202 Accepted at once; the processor takes orders from the queue when it can. A failure stays where it happens.",
            vi: "Hai cửa hàng nhận cùng một lượng đơn. Ở hàng trên, web server gọi thẳng order processor và chờ trả lời: processor chết thì người mua nhận lỗi ngay. Ở hàng dưới, web front bỏ từng đơn vào SQS queue rồi trả 202 Accepted liền; processor lấy đơn ra khi nó sẵn sàng. Lỗi ở đâu thì nằm yên ở đó, không lan sang người dùng.",
        },
        steps: &[
            Step::say(Text {
                en: "Press play. Both shops take every order: the top one answers 200 once the processor is done, the bottom one answers 202 as soon as the order is in the queue.",
                vi: "Bấm play. Cả hai cửa hàng đều nhận hết đơn: hàng trên trả 200 khi processor xử lý xong, hàng dưới trả 202 ngay khi đơn đã vào queue.",
            }),
            Step::act(
                Text {
                    en: "Take the order processor down in both shops. Top: every shopper now sees an error. Bottom: shoppers still get 202, and the orders pile up in the queue.",
                    vi: "Tắt order processor ở cả hai cửa hàng. Hàng trên: người mua nào cũng thấy lỗi. Hàng dưới: người mua vẫn nhận 202, còn đơn hàng nằm chờ trong queue.",
                },
                &[Act::Down("Order processor (sync)"), Act::Down("Order processor (async)")],
            ),
            Step::act(
                Text {
                    en: "Bring both processors back. Top: the errors stop, but the orders that failed are lost. Bottom: the workers drain the queue and every order gets processed.",
                    vi: "Bật lại cả hai processor. Hàng trên: hết lỗi, nhưng những đơn đã lỗi thì mất luôn. Hàng dưới: workers xử lý dần hết queue, không đơn nào bị mất.",
                },
                &[Act::Up("Order processor (sync)"), Act::Up("Order processor (async)")],
            ),
        ],
        build: tight_vs_loose,
    },
    Pattern {
        id: "sync-to-async-chain",
        title: Text { en: "From a sync chain to an async chain", vi: "Từ chuỗi sync sang chuỗi async" },
        explanation: Text {
            en: "Top: A calls B, which calls C, and the client waits for all three; the slowest service sets everyone's pace, and one failure breaks the whole request. Bottom: the same three steps with a queue between each pair. A answers as soon as its own work is done; B and C catch up at their own speed, and a slow C only makes its queue longer.",
            vi: "Hàng trên: A gọi B, B gọi C, client phải chờ cả ba; service chậm nhất quyết định tốc độ của tất cả, một chỗ lỗi là cả request hỏng. Hàng dưới: vẫn ba bước đó nhưng có queue chen giữa từng cặp. A trả lời ngay khi xong phần việc của mình; B và C xử lý theo nhịp riêng, C chậm thì chỉ làm queue dài thêm.",
        },
        steps: &[
            Step::say(Text {
                en: "Press play and compare the latency the two clients see.",
                vi: "Bấm play và so sánh latency mà hai client nhìn thấy.",
            }),
            Step::act(
                Text {
                    en: "Make Service C thirty times slower in both chains. Top: requests start timing out at the client. Bottom: the client is still answered quickly; only the queue in front of C grows.",
                    vi: "Làm Service C chậm đi 30 lần ở cả hai chuỗi. Hàng trên: request bắt đầu timeout ở client. Hàng dưới: client vẫn được trả lời nhanh, chỉ có queue trước C là dài ra.",
                },
                &[Act::Slow("Service C", 30.0), Act::Slow("Service C (async)", 30.0)],
            ),
            Step::act(
                Text {
                    en: "Take Service B down in both chains and watch where the errors show up.",
                    vi: "Tắt Service B ở cả hai chuỗi và xem lỗi xuất hiện ở đâu.",
                },
                &[Act::Down("Service B"), Act::Down("Service B (async)")],
            ),
        ],
        build: sync_to_async,
    },
    Pattern {
        id: "producer-consumer",
        title: Text { en: "Producer and consumers", vi: "Producer và consumers" },
        explanation: Text {
            en: "The web app (producer) sends jobs to an SQS queue; an Auto Scaling group of workers (consumers) polls it and adds instances when the backlog per instance grows. A spike makes the queue longer for a while instead of overloading anyone, and a message that keeps failing moves to the dead-letter queue after a few tries.",
            vi: "Web app (producer) gửi job vào SQS queue; một Auto Scaling group gồm các worker (consumer) poll queue và thêm instance khi backlog trên mỗi instance tăng. Khi traffic tăng đột biến, queue chỉ dài ra một lúc chứ không ai bị quá tải; message nào lỗi mãi thì sau vài lần thử sẽ chuyển sang dead-letter queue (DLQ).",
        },
        steps: &[
            Step::say(Text {
                en: "Press play and watch the spike at 20 s: the queue grows; after three one-minute data points above the target the group scales out, and the backlog shrinks again.",
                vi: "Bấm play và để ý đợt tăng đột biến ở giây 20: queue dài ra; sau ba điểm dữ liệu một phút vượt mục tiêu, group scale out thêm instance, rồi backlog giảm lại.",
            }),
            Step::act(
                Text {
                    en: "Send a poison message. Workers fail on it each time it is received, until the queue moves it to the DLQ; the other jobs carry on.",
                    vi: "Gửi một poison message. Worker lần nào nhận nó cũng lỗi, cho đến khi queue chuyển nó sang DLQ; các job khác vẫn chạy bình thường.",
                },
                &[Act::Poison("Web app")],
            ),
            Step::act(
                Text {
                    en: "Take the workers down: the web app still sends without errors and the jobs wait in the queue.",
                    vi: "Tắt các worker: web app vẫn gửi được, không lỗi, còn job thì nằm chờ trong queue.",
                },
                &[Act::Down("Workers (Auto Scaling)")],
            ),
        ],
        build: producer_consumer,
    },
    Pattern {
        id: "order-processing",
        title: Text { en: "Order processing", vi: "Xử lý đơn hàng" },
        explanation: Text {
            en: "A shopper's order goes through API Gateway to a small Lambda function that only checks it and puts it in the orders queue. A group of order processors takes orders from the queue, saves them in DynamoDB and sends a confirmation e-mail through SES. The shopper is answered in milliseconds, whatever the processors are doing.",
            vi: "Đơn của người mua đi qua API Gateway tới một Lambda function nhỏ, chỉ kiểm tra đơn rồi bỏ vào orders queue. Nhóm order processor lấy đơn từ queue, lưu vào DynamoDB và gửi e-mail xác nhận qua SES. Người mua được trả lời trong vài mili giây, bất kể processor đang bận hay đang lỗi.",
        },
        steps: &[
            Step::say(Text {
                en: "Press play and check the shoppers' latency: it only includes the gateway and the small function.",
                vi: "Bấm play và xem latency của người mua: nó chỉ gồm API Gateway và function nhỏ kia.",
            }),
            Step::act(
                Text {
                    en: "Triple the shoppers for 20 seconds. The queue absorbs the burst; the processors scale out and catch up.",
                    vi: "Tăng số người mua lên gấp ba trong 20 giây. Queue hấp thụ đợt tăng này; processor scale out rồi xử lý kịp.",
                },
                &[Act::Spike { client: "Shoppers", factor: 3.0, for_s: 20.0 }],
            ),
            Step::act(
                Text {
                    en: "Make a third of the processors' work fail. Failed orders come back to the queue and are tried again; only orders that fail every time end in the DLQ.",
                    vi: "Cho một phần ba số lần xử lý của processor bị lỗi. Đơn lỗi quay lại queue để thử lại; chỉ đơn nào lần nào cũng lỗi mới rơi vào DLQ.",
                },
                &[Act::ErrorRate("Order processors", 0.33)],
            ),
        ],
        build: order_processing,
    },
    Pattern {
        id: "sns-fanout",
        title: Text { en: "SNS fan-out", vi: "SNS fan-out" },
        explanation: Text {
            en: "The order service publishes one \"OrderPlaced\" message to an SNS topic. The topic pushes a copy to each subscribed SQS queue: one for inventory, one for e-mail, one for analytics. Each consumer has its own queue, so it works at its own pace and can fail alone. Adding a consumer means adding a queue and a service; the order service does not change.",
            vi: "Order service publish một message \"OrderPlaced\" lên SNS topic. Topic đẩy một bản sao tới từng SQS queue đã subscribe: một cho inventory, một cho e-mail, một cho analytics. Mỗi consumer có queue riêng nên chạy theo nhịp riêng và lỗi cũng chỉ lỗi một mình. Muốn thêm consumer thì thêm một queue và một service; order service không phải sửa gì.",
        },
        steps: &[
            Step::say(Text {
                en: "Press play: every order reaches all three queues.",
                vi: "Bấm play: mỗi đơn hàng đều tới đủ cả ba queue.",
            }),
            Step::act(
                Text {
                    en: "Take the e-mail service down. Inventory and analytics keep going; the e-mail queue holds its messages until the service is back.",
                    vi: "Tắt e-mail service. Inventory và analytics vẫn chạy; e-mail queue giữ message lại cho tới khi service sống lại.",
                },
                &[Act::Down("E-mail service")],
            ),
            Step::say(Text {
                en: "Add a fourth queue subscribed to the topic (say, for loyalty points) without touching the order service.",
                vi: "Thêm queue thứ tư subscribe vào topic (ví dụ cho điểm thưởng) mà không cần đụng vào order service.",
            }),
        ],
        build: sns_fanout,
    },
    Pattern {
        id: "eventbridge-routing",
        title: Text { en: "EventBridge routing", vi: "Định tuyến với EventBridge" },
        explanation: Text {
            en: "Three kinds of events land on one EventBridge bus, the hub several teams share: S3 uploads, CloudWatch alarms and the shop's own OrderPlaced events. Each team adds a rule for the events it needs: .jpg uploads go to the thumbnail function, alarms in the ALARM state start the incident state machine, and orders of 300 or more go to a queue. An event no rule matches is simply not delivered. The teams agree on the events' shape through a schema in the EventBridge Schema Registry; the bus here checks every event against that schema and counts the ones that do not fit, still routing them (AWS's registry describes events and checks none).",
            vi: "Ba loại event đổ về cùng một EventBridge bus, hub trung tâm mà nhiều team dùng chung: file upload lên S3, CloudWatch alarm và event OrderPlaced của chính cửa hàng. Mỗi team thêm một rule cho những event mình cần: ảnh .jpg đi tới function làm thumbnail, alarm ở trạng thái ALARM khởi chạy state machine xử lý sự cố, còn đơn từ 300 trở lên vào một queue. Event nào không khớp rule nào thì không được chuyển đi đâu cả. Các team thống nhất cấu trúc của event qua một schema trong EventBridge Schema Registry; bus ở đây so từng event với schema đó và đếm những event không khớp, nhưng vẫn định tuyến chúng (registry của AWS chỉ mô tả event, không kiểm tra event nào).",
        },
        steps: &[
            Step::say(Text {
                en: "Press play and compare how many events each target gets with how many arrive on the bus.",
                vi: "Bấm play và so sánh số event mỗi target nhận được với số event đổ về bus.",
            }),
            Step::say(Text {
                en: "Open the rule to the big-orders queue and change 300 to 100: more orders now match.",
                vi: "Mở rule tới queue đơn lớn, đổi 300 thành 100: sẽ có nhiều đơn khớp hơn.",
            }),
            Step::say(Text {
                en: "Open the bus's schema and the shop app's payload, and send an amount as text (\"amount\": \"12\"): the bus counts events that break the schema, and the numeric rule no longer matches them.",
                vi: "Mở schema của bus và payload của shop app, rồi gửi amount dạng chuỗi (\"amount\": \"12\"): bus đếm những event sai schema, và rule so sánh số không còn khớp với chúng nữa.",
            }),
            Step::act(
                Text {
                    en: "Take the thumbnail function down: alarms and orders are still routed as before.",
                    vi: "Tắt function làm thumbnail: alarm và đơn hàng vẫn được định tuyến như cũ.",
                },
                &[Act::Down("Thumbnail maker")],
            ),
        ],
        build: eventbridge_routing,
    },
    Pattern {
        id: "microservices",
        title: Text { en: "Microservices", vi: "Microservices" },
        explanation: Text {
            en: "API Gateway sends each request to the user, order or payment service, and waits for the answer: that part is synchronous because the user needs a reply. Each service owns its database; no other service writes to it. Side effects go through an EventBridge bus: notifications by e-mail, analytics through a Kinesis stream read by containers on AWS Fargate, and the search index update. They happen a moment later, and their failures never reach the user.",
            vi: "API Gateway chuyển mỗi request tới user, order hoặc payment service và chờ trả lời: phần này phải sync vì người dùng cần câu trả lời. Mỗi service sở hữu database riêng; không service nào khác ghi vào đó. Các việc phụ đi qua một EventBridge bus: gửi e-mail thông báo, analytics qua Kinesis stream do các container chạy trên AWS Fargate đọc, và cập nhật search index. Chúng xảy ra chậm hơn một chút, và lỗi của chúng không bao giờ tới tay người dùng.",
        },
        steps: &[
            Step::say(Text {
                en: "Press play: the users' latency covers only one service and its own database.",
                vi: "Bấm play: latency của người dùng chỉ gồm một service và database của chính nó.",
            }),
            Step::act(
                Text {
                    en: "Take the notification service down: users see no error at all; the e-mails are late, not lost.",
                    vi: "Tắt notification service: người dùng không thấy lỗi nào; e-mail chỉ đến muộn chứ không mất.",
                },
                &[Act::Down("Notification service")],
            ),
            Step::act(
                Text {
                    en: "Take the payment service down: requests routed to it fail, because that call is synchronous, but users and orders still work.",
                    vi: "Tắt payment service: các request đi tới nó bị lỗi vì lời gọi đó là sync, nhưng user và order vẫn chạy bình thường.",
                },
                &[Act::Down("Payment service")],
            ),
        ],
        build: microservices,
    },
    Pattern {
        id: "saga",
        title: Text { en: "Saga: booking a trip", vi: "Saga: đặt một chuyến đi" },
        explanation: Text {
            en: "Booking a trip touches three services, each with its own database, so there is no single transaction to roll back. A saga runs three local steps (reserve the hotel, book the flight, charge the payment) and, if one fails, runs compensations for the steps already done, newest first. Top: a Step Functions state machine orchestrates it; each step's Catch leads to the right compensations. Bottom: the same saga as choreography; each service reacts to the previous one's event, and a payment failure triggers the cancellations in reverse order.",
            vi: "Đặt một chuyến đi đụng tới ba service, mỗi service có database riêng, nên không có một transaction chung để rollback. Saga chạy ba local transaction (giữ phòng khách sạn, đặt vé máy bay, trừ tiền) và nếu một bước lỗi thì chạy compensation cho các bước đã xong, theo thứ tự ngược lại. Hàng trên: Step Functions state machine điều phối (orchestration); Catch của mỗi bước dẫn tới đúng các bước bù trừ. Hàng dưới: cùng saga đó theo kiểu choreography; mỗi service phản ứng với event của service trước, và khi thanh toán lỗi thì việc hủy chạy ngược lại từng bước.",
        },
        steps: &[
            Step::say(Text {
                en: "Open the state machine's definition: find the Catch on BookFlight and on ChargePayment, and follow where each one leads.",
                vi: "Mở definition của state machine: tìm Catch ở BookFlight và ChargePayment, rồi lần theo xem mỗi cái dẫn tới đâu.",
            }),
            Step::act(
                Text {
                    en: "Make the payment fail every time. In the choreography, once Lambda has retried twice (after one and two minutes), the failure goes to the PaymentFailed topic: the flight is cancelled, then the hotel.",
                    vi: "Cho bước thanh toán lần nào cũng lỗi. Bên choreography, sau khi Lambda retry hai lần (sau một phút và hai phút), lỗi đi vào topic PaymentFailed: vé máy bay bị hủy trước, rồi tới phòng khách sạn.",
                },
                &[Act::ErrorRate("Charge payment", 1.0), Act::ErrorRate("Payment service", 1.0)],
            ),
        ],
        build: saga,
    },
    Pattern {
        id: "cqrs",
        title: Text { en: "CQRS", vi: "CQRS" },
        explanation: Text {
            en: "Commands and queries take different paths. Commands are written to an Aurora database (the write model). Its change data capture (CDC) stream feeds a projector that keeps an OpenSearch index (the read model) up to date, shaped for the searches users run. Reads scale apart from writes; the price is a short delay before a write shows up in search. (The query handler reads the search index; the diagram draws only arrows that carry writes and messages.)",
            vi: "Command và query đi hai đường khác nhau. Command được ghi vào một database Aurora (write model). Luồng change data capture (CDC) của database đó đẩy thay đổi tới một projector, projector cập nhật OpenSearch index (read model) đã được thiết kế sẵn cho các kiểu tìm kiếm người dùng hay dùng. Đọc và ghi scale độc lập; cái giá phải trả là một độ trễ ngắn trước khi dữ liệu mới xuất hiện trong kết quả tìm kiếm. (Query handler đọc từ search index; sơ đồ chỉ vẽ các mũi tên mang dữ liệu ghi và message.)",
        },
        steps: &[
            Step::say(Text {
                en: "Press play and look at the search index's lag: how long a write takes to become searchable.",
                vi: "Bấm play và xem lag của search index: mất bao lâu để một lần ghi tìm kiếm được.",
            }),
            Step::act(
                Text {
                    en: "Make the projector twenty times slower: the lag grows, yet writers notice nothing.",
                    vi: "Làm projector chậm đi 20 lần: lag tăng lên, nhưng bên ghi không hề hay biết.",
                },
                &[Act::Slow("Projector", 20.0)],
            ),
            Step::act(
                Text {
                    en: "Send five times more queries for 20 seconds: the command side does not slow down.",
                    vi: "Tăng query lên gấp năm trong 20 giây: phía command không chậm đi chút nào.",
                },
                &[Act::Spike { client: "Readers (queries)", factor: 5.0, for_s: 20.0 }],
            ),
        ],
        build: cqrs,
    },
    Pattern {
        id: "event-sourcing",
        title: Text { en: "Event sourcing", vi: "Event sourcing" },
        explanation: Text {
            en: "The bank stores what happened, not only the result: AccountCreated, Deposit 100, Withdraw 30, Deposit 50. The current balance, 120, is what you get by applying the events in order. The event bus archives every event; replaying the archive sends the events through the bus's rules again, which rebuilds the balances read model. A Kinesis stream keeps the log for new consumers, and a Step Functions Distributed Map can replay one account's events through a function.",
            vi: "Ngân hàng lưu những gì đã xảy ra chứ không chỉ kết quả cuối: AccountCreated, Deposit 100, Withdraw 30, Deposit 50. Số dư hiện tại, 120, là kết quả khi áp dụng lần lượt các event đó. Event bus lưu mọi event vào archive; replay archive sẽ đưa các event qua các rule của bus thêm lần nữa, nhờ đó dựng lại read model số dư. Một Kinesis stream giữ log cho các consumer mới, và Step Functions Distributed Map có thể replay các event của một tài khoản qua một function.",
        },
        steps: &[
            Step::say(Text {
                en: "Press play: every deposit and withdrawal is kept in the bus's archive and in the stream, and the projector updates the balances read model.",
                vi: "Bấm play: mọi lần nạp và rút đều được giữ trong archive của bus và trong stream, còn projector cập nhật read model số dư.",
            }),
            Step::act(
                Text {
                    en: "Take the balance projector down: the read model stops changing, but the archive keeps every event, because the events are the source of truth.",
                    vi: "Tắt balance projector: read model ngừng cập nhật, nhưng archive vẫn giữ mọi event, vì event mới là nguồn sự thật.",
                },
                &[Act::Down("Balance projector")],
            ),
            Step::act(
                Text {
                    en: "Bring the projector back and replay the archive: every archived event goes through the bus's rules again and the read model is rebuilt. The stream gets the replayed events too, so every consumer must handle an event seen twice.",
                    vi: "Bật projector lại và replay archive: mọi event trong archive lại đi qua các rule của bus và read model được dựng lại. Stream cũng nhận lại các event được replay, nên consumer nào cũng phải xử lý được event đến hai lần.",
                },
                &[Act::Up("Balance projector"), Act::Replay("Account events (archived)")],
            ),
        ],
        build: event_sourcing,
    },
    Pattern {
        id: "async-api",
        title: Text { en: "Async API", vi: "Async API" },
        explanation: Text {
            en: "A job takes half a minute, longer than anyone should hold an HTTP request open. POST /jobs stores the job in a queue and answers 202 Accepted with a job id at once. A worker does the job and records its status; the client asks GET /jobs/{id} every few seconds, or is told through SNS when the job is done.",
            vi: "Một job mất nửa phút, quá lâu để giữ một HTTP request mở. POST /jobs bỏ job vào queue và trả 202 Accepted kèm job id ngay lập tức. Worker làm job và ghi lại trạng thái; client cứ vài giây gọi GET /jobs/{id} để hỏi, hoặc được SNS báo khi job xong.",
        },
        steps: &[
            Step::say(Text {
                en: "Press play: submitting takes milliseconds, while each job takes 30 seconds.",
                vi: "Bấm play: gửi job chỉ mất vài mili giây, trong khi mỗi job chạy 30 giây.",
            }),
            Step::act(
                Text {
                    en: "Take the worker down: submits are still accepted and the jobs wait; status polls keep answering.",
                    vi: "Tắt worker: job vẫn được nhận và nằm chờ; các lần poll trạng thái vẫn được trả lời.",
                },
                &[Act::Down("Job worker")],
            ),
        ],
        build: async_api,
    },
    Pattern {
        id: "image-pipeline",
        title: Text { en: "Pipeline: image processing", vi: "Pipeline: xử lý ảnh" },
        explanation: Text {
            en: "Each upload to S3 emits an event that invokes a Lambda function; the function writes a thumbnail to a second bucket. That write emits another event, which EventBridge routes to a notifier and to the function that updates the search index. No step knows who comes after it.",
            vi: "Mỗi lần upload lên S3 sinh ra một event gọi Lambda function; function ghi thumbnail vào bucket thứ hai. Lần ghi đó lại sinh event khác, được EventBridge chuyển tới notifier và tới function cập nhật search index. Không bước nào cần biết bước sau là ai.",
        },
        steps: &[
            Step::act(
                Text {
                    en: "Make the thumbnail function ten times slower: uploads still succeed, and thumbnails appear later.",
                    vi: "Làm function tạo thumbnail chậm đi 10 lần: upload vẫn thành công, thumbnail chỉ xuất hiện muộn hơn.",
                },
                &[Act::Slow("Thumbnail maker", 10.0)],
            ),
            Step::act(
                Text {
                    en: "Take the search indexer down: notifications are still sent.",
                    vi: "Tắt search indexer: thông báo vẫn được gửi đi.",
                },
                &[Act::Down("Search indexer")],
            ),
        ],
        build: image_pipeline,
    },
    Pattern {
        id: "ecommerce-pipeline",
        title: Text { en: "Pipeline: e-commerce order", vi: "Pipeline: đơn hàng thương mại điện tử" },
        explanation: Text {
            en: "The order function saves the order in DynamoDB and returns. DynamoDB Streams passes each new order on, and a small function publishes it to an SNS topic that fans it out to queues for inventory, e-mail and analytics. Saving the order is the only thing the user waits for.",
            vi: "Order function lưu đơn vào DynamoDB rồi trả về. DynamoDB Streams chuyển từng đơn mới đi tiếp, một function nhỏ publish nó lên SNS topic, topic fan-out ra các queue cho inventory, e-mail và analytics. Người dùng chỉ phải chờ đúng bước lưu đơn.",
        },
        steps: &[Step::act(
            Text {
                en: "Take the analytics consumer down: orders are saved, stock and e-mail are updated; analytics catches up later.",
                vi: "Tắt consumer analytics: đơn vẫn được lưu, kho và e-mail vẫn cập nhật; analytics sẽ bắt kịp sau.",
            },
            &[Act::Down("Analytics service")],
        )],
        build: ecommerce_pipeline,
    },
    Pattern {
        id: "iot-pipeline",
        title: Text { en: "Pipeline: IoT data", vi: "Pipeline: dữ liệu IoT" },
        explanation: Text {
            en: "Devices send readings through IoT Core into a Kinesis data stream. Three consumers read the whole stream, each at its own position: a function for real-time analytics, a function that keeps each device's latest state in DynamoDB, and Firehose, which batches the records into S3 for Athena to query.",
            vi: "Thiết bị gửi số đo qua IoT Core vào Kinesis Data Streams. Ba consumer cùng đọc toàn bộ stream, mỗi consumer ở vị trí riêng của mình: một function phân tích real-time, một function giữ trạng thái mới nhất của từng thiết bị trong DynamoDB, và Firehose gom record thành từng lô ghi vào S3 để Athena truy vấn.",
        },
        steps: &[Step::act(
            Text {
                en: "Take the real-time analytics function down: the device state and the S3 archive keep up; when it returns it reads on from where it stopped.",
                vi: "Tắt function phân tích real-time: trạng thái thiết bị và kho S3 vẫn cập nhật đều; khi bật lại, nó đọc tiếp từ chỗ đã dừng.",
            },
            &[Act::Down("Real-time analytics")],
        )],
        build: iot_pipeline,
    },
    Pattern {
        id: "workflow-orchestration",
        title: Text { en: "Pipeline: workflow orchestration", vi: "Pipeline: điều phối workflow" },
        explanation: Text {
            en: "A trigger starts a Step Functions workflow. The first function validates the input; a Choice state sends good input to two functions that run in parallel and bad input to the error handler, which the Parallel state's Catch also leads to. The workflow, not the functions, decides what runs next.",
            vi: "Một trigger khởi chạy workflow Step Functions. Function đầu tiên kiểm tra input; Choice state đưa input hợp lệ tới hai function chạy song song (Parallel), input lỗi thì tới error handler, nơi Catch của Parallel cũng dẫn tới. Thứ tự chạy do workflow quyết định, không phải do các function.",
        },
        steps: &[Step::say(Text {
            en: "Open the definition and follow both ways out of the Choice state, and the Catch on the Parallel state.",
            vi: "Mở definition và lần theo cả hai nhánh ra khỏi Choice state, cùng với Catch của Parallel state.",
        })],
        build: workflow_orchestration,
    },
    Pattern {
        id: "event-streaming",
        title: Text { en: "Event streaming with Amazon MSK", vi: "Event streaming với Amazon MSK" },
        explanation: Text {
            en: "The shop's website writes every click to a Kafka topic on Amazon MSK, keyed by user, so one user's clicks stay in order on one partition. Two consumer groups read the whole topic, each at its own committed offset: a Lambda function keeps live page counts in DynamoDB, and a group of containers on AWS Fargate archives the clicks to S3. The topic keeps the events for seven days, so a consumer that stops reads on from where it stopped, and a new consumer can start from the beginning.",
            vi: "Website của cửa hàng ghi mọi lượt click vào một Kafka topic trên Amazon MSK, dùng mã người dùng làm key, nên các click của một người luôn nằm theo thứ tự trên cùng một partition. Hai consumer group cùng đọc toàn bộ topic, mỗi group ở committed offset riêng: một Lambda function đếm lượt xem trang theo thời gian thực trong DynamoDB, còn một nhóm container chạy trên AWS Fargate lưu các click vào S3. Topic giữ event trong bảy ngày, nên consumer nào dừng lại thì đọc tiếp từ chỗ đã dừng, và consumer mới có thể đọc từ đầu.",
        },
        steps: &[
            Step::say(Text {
                en: "Press play: both consumer groups get every click; compare what the page counter and the archive received with what the website sent.",
                vi: "Bấm play: cả hai consumer group đều nhận mọi click; so số click mà bộ đếm và kho lưu trữ nhận được với số website đã gửi.",
            }),
            Step::act(
                Text {
                    en: "Take the page counter down: the archive keeps up, and the counter's unread clicks wait on the topic instead of being lost (its iterator age grows).",
                    vi: "Tắt bộ đếm lượt xem: kho lưu trữ vẫn theo kịp, còn các click bộ đếm chưa đọc thì nằm chờ trên topic chứ không mất (iterator age tăng dần).",
                },
                &[Act::Down("Live page counts")],
            ),
            Step::act(
                Text {
                    en: "Bring the page counter back: it reads on from its committed offset and catches up.",
                    vi: "Bật bộ đếm lại: nó đọc tiếp từ committed offset của mình và bắt kịp.",
                },
                &[Act::Up("Live page counts")],
            ),
        ],
        build: event_streaming,
    },
];

// ----- the diagrams -----

const ORDER: &str = r#"{"orderId": "{{uuid}}", "customerId": "c-{{int 1 200}}", "amount": {{int 1 500}}}"#;

fn tight_vs_loose() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let users = b.client("Shoppers (sync)", 0.0, 0.0, 10.0, true, ORDER);
    let web = b.service("Web server (sync)", 1.0, 0.0, 100, 20);
    let proc_ = b.service("Order processor (sync)", 2.0, 0.0, 20, 200);
    b.link(users, web);
    b.link(web, proc_);
    let users2 = b.client("Shoppers (async)", 0.0, 1.0, 10.0, true, ORDER);
    let front = b.gateway("Web server (202)", 1.0, 1.0, Integration::Async);
    let queue = b.queue("Orders queue", 2.0, 1.0, 30);
    let workers = b.workers("Order processor (async)", 3.0, 1.0, 2, 4, 200);
    if let Spec::WorkerGroup(s) = b.spec(workers) {
        // Room to drain a backlog without waiting minutes for Auto Scaling.
        s.per_instance_concurrency = 2;
    }
    b.link(users2, front);
    b.link(front, queue);
    b.link(queue, workers);
    b.finish()
}

fn sync_to_async() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let c = b.client("Client (sync chain)", 0.0, 0.0, 10.0, true, ORDER);
    let a = b.service("Service A", 1.0, 0.0, 50, 50);
    let bb = b.service("Service B", 2.0, 0.0, 20, 100);
    let cc = b.service("Service C", 3.0, 0.0, 20, 100);
    b.link(c, a);
    b.link(a, bb);
    b.link(bb, cc);
    let c2 = b.client("Client (async chain)", 0.0, 1.0, 10.0, true, ORDER);
    let a2 = b.service("Service A (async)", 1.0, 1.0, 50, 50);
    let q1 = b.queue("Queue A→B", 2.0, 1.0, 3);
    let b2 = b.function("Service B (async)", 3.0, 1.0, 100, 3);
    let q2 = b.queue("Queue B→C", 4.0, 1.0, 10);
    let c3 = b.function("Service C (async)", 5.0, 1.0, 100, 10);
    for f in [b2, c3] {
        if let Spec::Function(s) = b.spec(f) {
            s.concurrency_limit = 20;
        }
    }
    b.link(c2, a2);
    b.link(a2, q1);
    b.link(q1, b2);
    b.link(b2, q2);
    b.link(q2, c3);
    b.finish()
}

fn producer_consumer() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let app = b.client("Web app", 0.0, 0.0, 20.0, true, r#"{"jobId": "{{uuid}}", "size": {{int 1 10}}}"#);
    if let Spec::Client(s) = b.spec(app) {
        s.traffic = Traffic::Spike { at_s: 20.0, for_s: 15.0, factor: 4.0 };
    }
    let q = b.queue("Jobs queue", 1.0, 0.0, 30);
    let w = b.workers("Workers (Auto Scaling)", 2.0, 0.0, 1, 10, 500);
    if let Spec::WorkerGroup(s) = b.spec(w) {
        s.per_instance_concurrency = 5;
        s.target_backlog_per_instance = 20;
    }
    let db = b.database("Results", 3.0, 0.0, DatabaseEngine::DynamoDb, false);
    let dlq = b.queue("Jobs DLQ", 1.0, 1.0, 30);
    b.link(app, q);
    b.link(q, w);
    b.link(w, db);
    b.redrive(q, dlq, 3);
    b.finish()
}

fn order_processing() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let users = b.client("Shoppers", 0.0, 0.0, 10.0, true, ORDER);
    let api = b.gateway("Orders API", 1.0, 0.0, Integration::SyncProxy);
    let accept = b.function("Accept order", 2.0, 0.0, 30, 3);
    let q = b.queue("Orders queue", 3.0, 0.0, 30);
    let procs = b.workers("Order processors", 4.0, 0.0, 2, 10, 300);
    if let Spec::WorkerGroup(s) = b.spec(procs) {
        s.per_instance_concurrency = 5;
    }
    let db = b.database("Orders table", 5.0, 0.0, DatabaseEngine::DynamoDb, false);
    let mail = b.add(K::Notification, "Order e-mails (SES)", 5.0, 1.0);
    let dlq = b.queue("Orders DLQ", 3.0, 1.0, 30);
    b.link(users, api);
    b.link(api, accept);
    b.link(accept, q);
    b.link(q, procs);
    b.link(procs, db);
    b.link(procs, mail);
    b.redrive(q, dlq, 5);
    b.finish()
}

fn sns_fanout() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let c = b.client("Checkout", 0.0, 1.0, 5.0, true, ORDER);
    let svc = b.service("Order service", 1.0, 1.0, 50, 50);
    let topic = b.add(K::Topic, "OrderPlaced topic", 2.0, 1.0);
    b.link(c, svc);
    b.link(svc, topic);
    let names = [("Inventory queue", "Inventory service"), ("E-mail queue", "E-mail service"), ("Analytics queue", "Analytics service")];
    let mut consumers = Vec::new();
    for (row, (q, f)) in names.iter().enumerate() {
        let q = b.queue(q, 3.0, row as f64, 3);
        let f = b.function(f, 4.0, row as f64, 150, 3);
        b.link(topic, q);
        b.link(q, f);
        consumers.push(f);
    }
    let stock = b.database("Stock levels", 5.0, 0.0, DatabaseEngine::DynamoDb, false);
    let mail = b.add(K::Notification, "Customer e-mail (SES)", 5.0, 1.0);
    let lake = b.add(K::ObjectStorage, "Analytics data (S3)", 5.0, 2.0);
    if let Spec::ObjectStorage(s) = b.spec(lake) {
        s.emit_events = false;
    }
    b.link(consumers[0], stock);
    b.link(consumers[1], mail);
    b.link(consumers[2], lake);
    b.finish()
}

pub(crate) const SHOP_EVENT: &str =
    r#"{"source": "com.example.shop", "detail-type": "OrderPlaced", "detail": {"orderId": "{{uuid}}", "amount": {{int 1 500}}}}"#;

fn eventbridge_routing() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let s3 = b.add(K::EventSource, "Photo uploads (S3)", 0.0, 0.0);
    if let Spec::EventSource(s) = b.spec(s3) {
        s.source = EventSourceType::S3Upload;
        s.rate_per_s = 2.0;
    }
    let alarm = b.add(K::EventSource, "CPU alarm (CloudWatch)", 0.0, 1.0);
    if let Spec::EventSource(s) = b.spec(alarm) {
        s.source = EventSourceType::CloudWatchAlarm;
        s.rate_per_s = 0.5;
    }
    let app = b.client("Shop app (custom events)", 0.0, 2.0, 5.0, false, SHOP_EVENT);
    let bus = b.add(K::EventBus, "Default event bus", 1.0, 1.0);
    if let Spec::EventBus(s) = b.spec(bus) {
        s.schema = HUB_SCHEMA.to_string();
    }
    let thumbs = b.function("Thumbnail maker", 2.0, 0.0, 400, 10);
    let runbook = b.state_machine("Incident runbook", 2.0, 1.0, INCIDENT_ASL);
    let q = b.queue("Big orders queue", 2.0, 2.0, 3);
    let handler = b.function("Big order handler", 3.0, 2.0, 100, 3);
    let thumbs_bucket = b.add(K::ObjectStorage, "Thumbnails (S3)", 3.0, 0.0);
    if let Spec::ObjectStorage(s) = b.spec(thumbs_bucket) {
        s.emit_events = false;
    }
    let pager = b.function("Page the on-call", 3.0, 1.0, 100, 3);
    for src in [s3, alarm, app] {
        b.link(src, bus);
    }
    b.rule(bus, thumbs, r#"{"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"key": [{"suffix": ".jpg"}]}}"#);
    b.rule(bus, runbook, r#"{"source": ["aws.cloudwatch"], "detail-type": ["CloudWatch Alarm State Change"], "detail": {"state": ["ALARM"]}}"#);
    b.rule(bus, q, r#"{"source": ["com.example.shop"], "detail-type": ["OrderPlaced"], "detail": {"amount": [{"numeric": [">=", 300]}]}}"#);
    b.link(thumbs, thumbs_bucket);
    b.task(runbook, pager, "PageOnCall");
    b.link(q, handler);
    b.finish()
}

/// What the teams agreed every event on the hub looks like (the Schema Registry's part).
const HUB_SCHEMA: &str = r#"{"type": "object", "required": ["source", "detail-type", "detail"], "properties": {"source": {"type": "string"}, "detail-type": {"type": "string"}, "detail": {"type": "object", "properties": {"amount": {"type": "number"}}}}}"#;

const INCIDENT_ASL: &str = r#"{
  "Comment": "Page the on-call engineer when an alarm fires.",
  "StartAt": "PageOnCall",
  "States": {
    "PageOnCall": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:PageOnCall",
      "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2}],
      "End": true
    }
  }
}"#;

pub(crate) const MICRO_EVENT: &str = r#"{"source": "com.example.shop", "detail-type": "{{pick UserSignedUp OrderPlaced PaymentCompleted}}", "detail": {"id": "{{uuid}}", "amount": {{int 1 500}}}}"#;

fn microservices() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let users = b.client("Users", 0.0, 1.0, 15.0, true, MICRO_EVENT);
    let api = b.gateway("API Gateway", 1.0, 1.0, Integration::SyncProxy);
    b.link(users, api);
    let bus = b.add(K::EventBus, "Event bus (EventBridge)", 3.0, 3.0);
    for (row, (svc, db)) in [("User service", "Users DB"), ("Order service", "Orders DB"), ("Payment service", "Payments DB")].iter().enumerate() {
        let s = b.service(svc, 2.0, row as f64, 20, 60);
        let d = b.database(db, 3.0, row as f64, DatabaseEngine::DynamoDb, false);
        b.link(api, s);
        b.link(s, d);
        b.link(s, bus);
    }
    let notify = b.function("Notification service", 4.0, 2.0, 200, 3);
    let mail = b.add(K::Notification, "E-mail (SES)", 5.0, 2.0);
    let stream = b.add(K::Stream, "Analytics stream (Kinesis)", 4.0, 3.0);
    let analytics = b.workers("Analytics service (Fargate)", 5.0, 3.0, 1, 2, 100);
    let search_fn = b.function("Search service", 4.0, 4.0, 100, 3);
    let index = b.add(K::SearchIndex, "Search (OpenSearch)", 5.0, 4.0);
    b.rule(bus, notify, r#"{"source": ["com.example.shop"], "detail-type": ["OrderPlaced", "PaymentCompleted"]}"#);
    b.rule(bus, stream, r#"{"source": ["com.example.shop"]}"#);
    b.rule(bus, search_fn, r#"{"source": ["com.example.shop"], "detail-type": ["UserSignedUp", "OrderPlaced"]}"#);
    b.link(notify, mail);
    b.link(stream, analytics);
    b.link(search_fn, index);
    b.finish()
}

pub(crate) const TRIP_SAGA_ASL: &str = r#"{
  "Comment": "Book a trip as a saga: hotel, flight, payment; on failure undo the finished steps, newest first.",
  "StartAt": "ReserveHotel",
  "States": {
    "ReserveHotel": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ReserveHotel",
      "ResultPath": "$.hotel",
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "TripFailed"}],
      "Next": "BookFlight"
    },
    "BookFlight": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:BookFlight",
      "ResultPath": "$.flight",
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "CancelHotel"}],
      "Next": "ChargePayment"
    },
    "ChargePayment": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ChargePayment",
      "ResultPath": "$.payment",
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "CancelFlight"}],
      "Next": "TripBooked"
    },
    "CancelFlight": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:CancelFlight",
      "ResultPath": null,
      "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 5, "BackoffRate": 2}],
      "Next": "CancelHotel"
    },
    "CancelHotel": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:CancelHotel",
      "ResultPath": null,
      "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 5, "BackoffRate": 2}],
      "Next": "TripFailed"
    },
    "TripFailed": {"Type": "Fail", "Error": "TripNotBooked", "Cause": "A step failed; the finished steps were undone."},
    "TripBooked": {"Type": "Succeed"}
  }
}"#;

const TRIP: &str = r#"{"tripId": "{{uuid}}", "customerId": "c-{{int 1 200}}", "nights": {{int 1 7}}}"#;

/// The orchestrated saga (used by the pattern and the exercise's reference solution).
pub(crate) fn saga_orchestration(b: &mut Builder, row: f64) {
    let app = b.client("Trip booking app", 0.0, row + 1.0, 2.0, true, TRIP);
    let sm = b.state_machine("Book trip (saga)", 1.0, row + 1.0, TRIP_SAGA_ASL);
    b.link(app, sm);
    // The hotel's one Lambda function serves both its Task states (reserve and
    // cancel), as a service often does; the flight's steps are two functions.
    let hotel = b.function("Hotel bookings", 2.0, row, 150, 10);
    b.task(sm, hotel, "ReserveHotel");
    b.task(sm, hotel, "CancelHotel");
    let steps = [("Book flight", "BookFlight", 2.0, 1.0), ("Charge payment", "ChargePayment", 2.0, 2.0), ("Cancel flight", "CancelFlight", 3.0, 1.0)];
    for (name, state, col, r) in steps {
        let f = b.function(name, col, row + r, 150, 10);
        b.task(sm, f, state);
    }
}

fn saga() -> Result<Diagram, String> {
    let mut b = Builder::new();
    saga_orchestration(&mut b, 0.0);
    // Choreography: one topic per kind of event; compensations run right to left.
    let app = b.client("Trip app (events)", 0.0, 4.0, 2.0, false, TRIP);
    let requested = b.add(K::Topic, "TripRequested", 1.0, 4.0);
    let hotel = b.function("Hotel service", 2.0, 4.0, 150, 10);
    let reserved = b.add(K::Topic, "HotelReserved", 3.0, 4.0);
    let flight = b.function("Flight service", 4.0, 4.0, 150, 10);
    let booked = b.add(K::Topic, "FlightBooked", 5.0, 4.0);
    let payment = b.function("Payment service", 6.0, 4.0, 150, 10);
    let failed = b.add(K::Topic, "PaymentFailed", 6.0, 5.0);
    let cancel_flight = b.function("Flight service: cancel", 5.0, 5.0, 150, 10);
    let cancelled = b.add(K::Topic, "FlightCancelled", 4.0, 5.0);
    let cancel_hotel = b.function("Hotel service: cancel", 3.0, 5.0, 150, 10);
    b.link(app, requested);
    b.link(requested, hotel);
    b.link(hotel, reserved);
    b.link(reserved, flight);
    b.link(flight, booked);
    b.link(booked, payment);
    b.link_as(payment, failed, ConnectionKind::OnFailure);
    b.link(failed, cancel_flight);
    b.link(cancel_flight, cancelled);
    b.link(cancelled, cancel_hotel);
    b.finish()
}

fn cqrs() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let writers = b.client("Writers (commands)", 0.0, 0.0, 10.0, true, ORDER);
    let cmd_api = b.gateway("Commands API", 1.0, 0.0, Integration::SyncProxy);
    let handler = b.function("Command handler", 2.0, 0.0, 40, 3);
    let table = b.database("Orders (Aurora, write model)", 3.0, 0.0, DatabaseEngine::Aurora, true);
    let projector = b.function("Projector", 4.0, 0.0, 50, 10);
    let index = b.add(K::SearchIndex, "Orders search (read model)", 5.0, 0.0);
    b.link(writers, cmd_api);
    b.link(cmd_api, handler);
    b.link(handler, table);
    b.link(table, projector);
    b.link(projector, index);
    let readers = b.client("Readers (queries)", 0.0, 1.0, 30.0, true, r#"{"query": "customerId:c-{{int 1 200}}"}"#);
    let query_api = b.gateway("Queries API", 1.0, 1.0, Integration::SyncProxy);
    let query = b.function("Query handler", 2.0, 1.0, 20, 3);
    b.link(readers, query_api);
    b.link(query_api, query);
    // The query side reads the read model only, never the write model.
    b.link_as(query, index, ConnectionKind::Read);
    b.finish()
}

const REPLAY_ASL: &str = r#"{
  "Comment": "Replay an account's events in order to rebuild its balance.",
  "StartAt": "ReplayEvents",
  "States": {
    "ReplayEvents": {
      "Type": "Map",
      "ItemsPath": "$.events",
      "MaxConcurrency": 1,
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "ApplyEvent",
        "States": {
          "ApplyEvent": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:RebuildBalance", "End": true}
        }
      },
      "End": true
    }
  }
}"#;

fn event_sourcing() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let app = b.client(
        "Bank app",
        0.0,
        1.0,
        5.0,
        false,
        r#"{"source": "bank.accounts", "detail-type": "{{pick Deposit Withdraw}}", "detail": {"accountId": "123", "amount": {{int 10 100}}}}"#,
    );
    let bus = b.add(K::EventBus, "Account events (archived)", 1.0, 1.0);
    if let Spec::EventBus(s) = b.spec(bus) {
        s.archive = true;
    }
    let projector = b.function("Balance projector", 2.0, 0.0, 50, 3);
    let balances = b.database("Balances (read model)", 3.0, 0.0, DatabaseEngine::DynamoDb, false);
    let log = b.add(K::Stream, "Event log (Kinesis)", 2.0, 1.0);
    let newcomer = b.function("New consumer (fraud check)", 3.0, 1.0, 80, 10);
    b.link(app, bus);
    b.rule(bus, projector, r#"{"source": ["bank.accounts"]}"#);
    b.rule(bus, log, r#"{"source": ["bank.accounts"]}"#);
    b.link(projector, balances);
    b.link(log, newcomer);
    let operator = b.client(
        "Operator (replay)",
        0.0,
        2.0,
        0.1,
        false,
        r#"{"accountId": "123", "events": [{"type": "AccountCreated"}, {"type": "Deposit", "amount": 100}, {"type": "Withdraw", "amount": 30}, {"type": "Deposit", "amount": 50}]}"#,
    );
    let replay = b.state_machine("Replay (Distributed Map)", 1.0, 2.0, REPLAY_ASL);
    let rebuild = b.function("Rebuild balance", 2.0, 2.0, 50, 3);
    let rebuilt = b.database("Balances (rebuilt)", 3.0, 2.0, DatabaseEngine::DynamoDb, false);
    b.link(operator, replay);
    b.task(replay, rebuild, "ApplyEvent");
    b.link(rebuild, rebuilt);
    b.finish()
}

/// The async API (used by the pattern and the exercise's reference solution).
pub(crate) fn async_api_parts(b: &mut Builder, job_ms: u32) {
    let submit = b.client("App: submit job", 0.0, 0.0, 2.0, true, r#"{"jobId": "{{uuid}}", "image": "photo-{{seq}}.png"}"#);
    let post = b.gateway("POST /jobs", 1.0, 0.0, Integration::Async);
    let q = b.queue("Jobs queue", 2.0, 0.0, 120);
    let worker = b.function("Job worker", 3.0, 0.0, job_ms, 120);
    let status = b.database("Job status", 4.0, 0.0, DatabaseEngine::DynamoDb, false);
    let done = b.add(K::Topic, "Job finished", 4.0, 1.0);
    let tell = b.add(K::Notification, "Tell the client", 5.0, 1.0);
    if let Spec::Notification(s) = b.spec(tell) {
        s.channel = NotificationChannel::Sms;
    }
    b.link(submit, post);
    b.link(post, q);
    let esm = b.link(q, worker);
    if let Some(c) = b.d.connection_mut(esm) {
        c.settings.batch_size = 1;
    }
    b.link(worker, status);
    b.link(worker, done);
    b.link(done, tell);
    let poll = b.client("App: poll status", 0.0, 2.0, 4.0, true, r#"{"jobId": "{{uuid}}"}"#);
    let get = b.gateway("GET /jobs/{id}", 1.0, 2.0, Integration::SyncProxy);
    let reader = b.function("Status reader", 2.0, 2.0, 20, 3);
    b.link(poll, get);
    b.link(get, reader);
    b.link_as(reader, status, ConnectionKind::Read);
}

fn async_api() -> Result<Diagram, String> {
    let mut b = Builder::new();
    async_api_parts(&mut b, 30_000);
    b.finish()
}

fn image_pipeline() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let users = b.client(
        "Users uploading",
        0.0,
        0.0,
        3.0,
        true,
        r#"{"source": "aws.s3", "detail-type": "Object Created", "detail": {"bucket": "uploads", "key": "photo-{{seq}}.jpg"}}"#,
    );
    let uploads = b.add(K::ObjectStorage, "Uploads (S3)", 1.0, 0.0);
    let thumbs = b.function("Thumbnail maker", 2.0, 0.0, 800, 30);
    let thumb_bucket = b.add(K::ObjectStorage, "Thumbnails (S3)", 3.0, 0.0);
    let bus = b.add(K::EventBus, "Media events (EventBridge)", 4.0, 0.0);
    let notifier = b.function("Notifier", 5.0, 0.0, 100, 3);
    let mail = b.add(K::Notification, "Upload e-mail", 6.0, 0.0);
    let indexer = b.function("Search indexer", 5.0, 1.0, 100, 3);
    let index = b.add(K::SearchIndex, "Image search", 6.0, 1.0);
    b.link(users, uploads);
    b.link(uploads, thumbs);
    b.link(thumbs, thumb_bucket);
    b.link(thumb_bucket, bus);
    b.rule(bus, notifier, r#"{"source": ["aws.s3"], "detail-type": ["Object Created"]}"#);
    b.rule(bus, indexer, r#"{"source": ["aws.s3"], "detail": {"key": [{"suffix": ".jpg"}]}}"#);
    b.link(notifier, mail);
    b.link(indexer, index);
    b.finish()
}

fn ecommerce_pipeline() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let users = b.client("Shoppers", 0.0, 1.0, 5.0, true, ORDER);
    let api = b.gateway("API Gateway", 1.0, 1.0, Integration::SyncProxy);
    let order = b.function("Order Lambda", 2.0, 1.0, 60, 3);
    let table = b.database("Orders (DynamoDB)", 3.0, 1.0, DatabaseEngine::DynamoDb, true);
    let relay = b.function("Stream to SNS", 4.0, 1.0, 30, 10);
    let topic = b.add(K::Topic, "Orders topic (SNS)", 5.0, 1.0);
    b.link(users, api);
    b.link(api, order);
    b.link(order, table);
    b.link(table, relay);
    b.link(relay, topic);
    for (row, (q, f)) in [("Inventory queue", "Inventory service"), ("E-mail queue", "E-mail service"), ("Analytics queue", "Analytics service")]
        .iter()
        .enumerate()
    {
        let q = b.queue(q, 6.0, row as f64, 3);
        let f = b.function(f, 7.0, row as f64, 120, 3);
        b.link(topic, q);
        b.link(q, f);
    }
    b.finish()
}

fn iot_pipeline() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let devices = b.add(K::EventSource, "Devices (IoT Core)", 0.0, 1.0);
    if let Spec::EventSource(s) = b.spec(devices) {
        s.source = EventSourceType::IotDevices;
        s.rate_per_s = 20.0;
    }
    let stream = b.add(K::Stream, "Telemetry (Kinesis)", 1.0, 1.0);
    let realtime = b.function("Real-time analytics", 2.0, 0.0, 100, 10);
    let firehose = b.add(K::DeliveryStream, "Firehose", 2.0, 1.0);
    if let Spec::DeliveryStream(s) = b.spec(firehose) {
        s.buffer_interval_s = 30;
    }
    let lake = b.add(K::ObjectStorage, "Raw data (S3)", 3.0, 1.0);
    let athena = b.add(K::Analytics, "Athena", 4.0, 1.0);
    let state_fn = b.function("Device state updater", 2.0, 2.0, 80, 10);
    let state_db = b.database("Device state (DynamoDB)", 3.0, 2.0, DatabaseEngine::DynamoDb, false);
    b.link(devices, stream);
    b.link(stream, realtime);
    b.link(stream, firehose);
    b.link(firehose, lake);
    b.link(lake, athena);
    b.link(stream, state_fn);
    b.link(state_fn, state_db);
    b.finish()
}

const WORKFLOW_ASL: &str = r#"{
  "Comment": "Validate, then run two steps in parallel; anything that fails goes to the error handler.",
  "StartAt": "Validate",
  "States": {
    "Validate": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Validate",
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "HandleError"}],
      "Next": "IsValid"
    },
    "IsValid": {
      "Type": "Choice",
      "Choices": [{"Variable": "$.valid", "BooleanEquals": true, "Next": "ProcessInParallel"}],
      "Default": "HandleError"
    },
    "ProcessInParallel": {
      "Type": "Parallel",
      "Branches": [
        {"StartAt": "Enrich", "States": {"Enrich": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Enrich", "End": true}}},
        {"StartAt": "Store", "States": {"Store": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Store", "End": true}}}
      ],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "HandleError"}],
      "Next": "Done"
    },
    "Done": {"Type": "Succeed"},
    "HandleError": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HandleError",
      "Next": "Failed"
    },
    "Failed": {"Type": "Fail", "Error": "WorkflowFailed", "Cause": "Validation or processing failed."}
  }
}"#;

fn workflow_orchestration() -> Result<Diagram, String> {
    let mut b = Builder::new();
    // Valid input: every execution succeeds until a fault (a function down, a poison
    // message) sends it down the Catch to the error handler.
    let trigger = b.client("Trigger", 0.0, 1.0, 1.0, false, r#"{"valid": true, "id": "{{uuid}}"}"#);
    let sm = b.state_machine("Workflow (Step Functions)", 1.0, 1.0, WORKFLOW_ASL);
    b.link(trigger, sm);
    for (name, state, col, row) in [
        ("Lambda 1: validate", "Validate", 2.0, 0.0),
        ("Lambda 2: enrich", "Enrich", 3.0, 0.5),
        ("Lambda 3: store", "Store", 3.0, 1.5),
        ("Error handler", "HandleError", 2.0, 2.0),
    ] {
        let f = b.function(name, col, row, 100, 10);
        b.task(sm, f, state);
    }
    b.finish()
}

fn event_streaming() -> Result<Diagram, String> {
    let mut b = Builder::new();
    let site = b.client("Shop website (clicks)", 0.0, 1.0, 20.0, false, r#"{"userId": "u-{{int 1 60}}", "page": "/product/{{int 1 40}}"}"#);
    let topic = b.add(K::Stream, "Clickstream (Amazon MSK)", 1.0, 1.0);
    if let Spec::Stream(s) = b.spec(topic) {
        s.flavour = StreamFlavour::Kafka;
        s.shards = 3;
        s.partition_key_field = "userId".to_string();
        // Kafka's default log.retention.hours: seven days.
        s.retention_h = 168;
    }
    let counter = b.function("Live page counts", 2.0, 0.0, 40, 10);
    let counts = b.database("Page counts (DynamoDB)", 3.0, 0.0, DatabaseEngine::DynamoDb, false);
    let archivers = b.workers("Click archivers (Fargate)", 2.0, 2.0, 1, 3, 20);
    let archive = b.add(K::ObjectStorage, "Click archive (S3)", 3.0, 2.0);
    if let Spec::ObjectStorage(s) = b.spec(archive) {
        s.emit_events = false;
    }
    b.link(site, topic);
    b.link(topic, counter);
    b.link(counter, counts);
    b.link(topic, archivers);
    b.link(archivers, archive);
    b.finish()
}
