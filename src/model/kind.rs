//! The kinds of component a learner can place, with their AWS and plain names.

use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};

/// Where a kind sits in the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    Source,
    Channel,
    Compute,
    Storage,
}

impl Category {
    pub const ALL: [Category; 4] = [Category::Source, Category::Channel, Category::Compute, Category::Storage];
}

/// Every kind of component in the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    Client,
    ApiGateway,
    EventSource,
    Queue,
    Topic,
    EventBus,
    Stream,
    DeliveryStream,
    Function,
    WorkerGroup,
    Service,
    StateMachine,
    Database,
    ObjectStorage,
    SearchIndex,
    Analytics,
    Notification,
}

impl ComponentKind {
    pub const ALL: [ComponentKind; 17] = [
        ComponentKind::Client,
        ComponentKind::ApiGateway,
        ComponentKind::EventSource,
        ComponentKind::Queue,
        ComponentKind::Topic,
        ComponentKind::EventBus,
        ComponentKind::Stream,
        ComponentKind::DeliveryStream,
        ComponentKind::Function,
        ComponentKind::WorkerGroup,
        ComponentKind::Service,
        ComponentKind::StateMachine,
        ComponentKind::Database,
        ComponentKind::ObjectStorage,
        ComponentKind::SearchIndex,
        ComponentKind::Analytics,
        ComponentKind::Notification,
    ];

    /// The plain name a learner sees first in the palette.
    pub fn plain_name(self) -> &'static str {
        match self {
            ComponentKind::Client => "Client",
            ComponentKind::ApiGateway => "API Gateway",
            ComponentKind::EventSource => "Event source",
            ComponentKind::Queue => "Queue",
            ComponentKind::Topic => "Topic",
            ComponentKind::EventBus => "Event bus",
            ComponentKind::Stream => "Stream",
            ComponentKind::DeliveryStream => "Delivery stream",
            ComponentKind::Function => "Function",
            ComponentKind::WorkerGroup => "Worker group",
            ComponentKind::Service => "Service",
            ComponentKind::StateMachine => "State machine",
            ComponentKind::Database => "Database",
            ComponentKind::ObjectStorage => "Object storage",
            ComponentKind::SearchIndex => "Search index",
            ComponentKind::Analytics => "Analytics",
            ComponentKind::Notification => "Notification",
        }
    }

    /// The plain name in `lang` (AWS names stay English).
    pub fn name(self, lang: Lang) -> &'static str {
        use ComponentKind::*;
        let vi = match self {
            Client => "Người dùng",
            ApiGateway => "API Gateway",
            EventSource => "Nguồn sự kiện",
            Queue => "Hàng đợi",
            Topic => "Topic",
            EventBus => "Event bus",
            Stream => "Luồng dữ liệu",
            DeliveryStream => "Luồng chuyển phát",
            Function => "Hàm",
            WorkerGroup => "Nhóm worker",
            Service => "Dịch vụ",
            StateMachine => "State machine",
            Database => "Cơ sở dữ liệu",
            ObjectStorage => "Lưu trữ đối tượng",
            SearchIndex => "Chỉ mục tìm kiếm",
            Analytics => "Phân tích",
            Notification => "Thông báo",
        };
        Text::new(self.plain_name(), vi).get(lang)
    }

    /// What stands behind the kind in `lang`: the AWS service, whose name stays English,
    /// or a plain description where there is no single service.
    pub fn service(self, lang: Lang) -> &'static str {
        use ComponentKind::*;
        match (self, lang) {
            (Client, Lang::Vi) => "Người dùng, ứng dụng",
            (EventSource, Lang::Vi) => "Nguồn sự kiện của AWS",
            (Service, Lang::Vi) => "Vi dịch vụ (HTTP)",
            _ => self.aws_name(),
        }
    }

    /// The AWS service behind the kind, as AWS writes it.
    pub fn aws_name(self) -> &'static str {
        match self {
            ComponentKind::Client => "Users or web app",
            ComponentKind::ApiGateway => "Amazon API Gateway",
            ComponentKind::EventSource => "AWS event source",
            ComponentKind::Queue => "Amazon SQS",
            ComponentKind::Topic => "Amazon SNS",
            ComponentKind::EventBus => "Amazon EventBridge",
            ComponentKind::Stream => "Amazon Kinesis Data Streams",
            ComponentKind::DeliveryStream => "Amazon Data Firehose",
            ComponentKind::Function => "AWS Lambda",
            ComponentKind::WorkerGroup => "EC2 Auto Scaling group",
            ComponentKind::Service => "Microservice (HTTP)",
            ComponentKind::StateMachine => "AWS Step Functions",
            ComponentKind::Database => "Amazon DynamoDB",
            ComponentKind::ObjectStorage => "Amazon S3",
            ComponentKind::SearchIndex => "Amazon OpenSearch Service",
            ComponentKind::Analytics => "Amazon Athena",
            ComponentKind::Notification => "Amazon SES",
        }
    }

    /// The stable machine name used in files and links (`"queue"`, `"event_bus"`).
    pub fn key(self) -> &'static str {
        match self {
            ComponentKind::Client => "client",
            ComponentKind::ApiGateway => "api_gateway",
            ComponentKind::EventSource => "event_source",
            ComponentKind::Queue => "queue",
            ComponentKind::Topic => "topic",
            ComponentKind::EventBus => "event_bus",
            ComponentKind::Stream => "stream",
            ComponentKind::DeliveryStream => "delivery_stream",
            ComponentKind::Function => "function",
            ComponentKind::WorkerGroup => "worker_group",
            ComponentKind::Service => "service",
            ComponentKind::StateMachine => "state_machine",
            ComponentKind::Database => "database",
            ComponentKind::ObjectStorage => "object_storage",
            ComponentKind::SearchIndex => "search_index",
            ComponentKind::Analytics => "analytics",
            ComponentKind::Notification => "notification",
        }
    }

    pub fn from_key(key: &str) -> Option<ComponentKind> {
        ComponentKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn category(self) -> Category {
        use ComponentKind::*;
        match self {
            Client | ApiGateway | EventSource => Category::Source,
            Queue | Topic | EventBus | Stream | DeliveryStream => Category::Channel,
            Function | WorkerGroup | Service | StateMachine => Category::Compute,
            Database | ObjectStorage | SearchIndex | Analytics | Notification => Category::Storage,
        }
    }

    /// One line for the palette's tooltip.
    pub fn summary(self) -> &'static str {
        use ComponentKind::*;
        match self {
            Client => "Users or an app sending requests at a rate you choose",
            ApiGateway => "The HTTP front door: proxies calls or stores them and answers 202",
            EventSource => "S3 uploads, schedules, IoT devices or alarms emitting AWS events",
            Queue => "Holds messages until a consumer takes them (standard or FIFO)",
            Topic => "Pushes each message to every subscriber (fan-out)",
            EventBus => "Routes events to targets by rules with patterns",
            Stream => "An ordered log in shards; every consumer reads it all",
            DeliveryStream => "Buffers records and writes them to storage in batches",
            Function => "Runs code per message or batch, scaling to a concurrency limit",
            WorkerGroup => "Instances polling a queue, scaling on the backlog",
            Service => "A synchronous HTTP microservice with limited capacity",
            StateMachine => "Orchestrates steps with retries and compensations",
            Database => "Stores items at a write capacity; can stream its changes",
            ObjectStorage => "Stores objects and emits an event for each write",
            SearchIndex => "A read model kept up to date from changes",
            Analytics => "Queries the data that lands in storage",
            Notification => "Sends e-mail or SMS to people",
        }
    }

    /// One line for the palette's tooltip, in `lang`.
    pub fn summary_in(self, lang: Lang) -> &'static str {
        use ComponentKind::*;
        let vi = match self {
            Client => "Người dùng hoặc ứng dụng gửi request theo tốc độ bạn chọn",
            ApiGateway => "Cửa ngõ HTTP: chuyển tiếp lời gọi, hoặc lưu lại rồi trả lời 202",
            EventSource => "Tệp tải lên S3, lịch hẹn giờ, thiết bị IoT hoặc cảnh báo phát ra event của AWS",
            Queue => "Giữ message tới khi có consumer lấy đi (standard hoặc FIFO)",
            Topic => "Đẩy mỗi message tới mọi subscriber (fan-out)",
            EventBus => "Chuyển event tới các target theo rule có pattern",
            Stream => "Một log có thứ tự, chia theo shard; consumer nào cũng đọc hết",
            DeliveryStream => "Gom record vào bộ đệm rồi ghi xuống kho lưu trữ theo lô",
            Function => "Chạy code cho từng message hoặc từng lô, mở rộng tới giới hạn đồng thời",
            WorkerGroup => "Các instance lấy message từ một hàng đợi, tự co giãn theo backlog",
            Service => "Một vi dịch vụ HTTP đồng bộ, sức chứa có hạn",
            StateMachine => "Điều phối các bước, có thử lại và bù trừ",
            Database => "Lưu item theo write capacity; có thể phát ra luồng thay đổi",
            ObjectStorage => "Lưu đối tượng và phát một event cho mỗi lần ghi",
            SearchIndex => "Một read model luôn được cập nhật từ các thay đổi",
            Analytics => "Truy vấn dữ liệu đã được lưu vào kho",
            Notification => "Gửi e-mail hoặc SMS tới người dùng",
        };
        Text::new(self.summary(), vi).get(lang)
    }

    /// The noun in `lang` as it stands inside a sentence, without an article.
    pub fn noun_in(self, lang: Lang) -> &'static str {
        use ComponentKind::*;
        let vi = match self {
            Client => "người dùng",
            ApiGateway => "API Gateway",
            EventSource => "nguồn sự kiện",
            Queue => "hàng đợi",
            Topic => "topic",
            EventBus => "event bus",
            Stream => "luồng dữ liệu",
            DeliveryStream => "luồng chuyển phát",
            Function => "hàm",
            WorkerGroup => "nhóm worker",
            Service => "dịch vụ",
            StateMachine => "state machine",
            Database => "cơ sở dữ liệu",
            ObjectStorage => "kho lưu trữ đối tượng",
            SearchIndex => "chỉ mục tìm kiếm",
            Analytics => "đích phân tích",
            Notification => "đích thông báo",
        };
        Text::new(self.noun(), vi).get(lang)
    }

    /// The article-free noun used in sentences ("a queue", "an event bus").
    pub fn noun(self) -> &'static str {
        use ComponentKind::*;
        match self {
            Client => "client",
            ApiGateway => "API gateway",
            EventSource => "event source",
            Queue => "queue",
            Topic => "topic",
            EventBus => "event bus",
            Stream => "stream",
            DeliveryStream => "delivery stream",
            Function => "function",
            WorkerGroup => "worker group",
            Service => "service",
            StateMachine => "state machine",
            Database => "database",
            ObjectStorage => "bucket",
            SearchIndex => "search index",
            Analytics => "analytics sink",
            Notification => "notification sink",
        }
    }

    /// "a queue", "an event bus", "an API gateway".
    pub fn with_article(self) -> String {
        let noun = self.noun();
        let article = match noun.chars().next() {
            Some('a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U') => "an",
            _ => "a",
        };
        format!("{article} {noun}")
    }
}
