//! The page's own words, each a [`Text`] with the English and the Vietnamese written
//! whole (never fragments glued together), grouped by the screen that shows them. A
//! label without its Vietnamese does not compile; AWS service names stay in English, as
//! the lesson writes them. Here, below the view layer, so the charts' titles and the
//! speeds can be named natively too.

use crate::text::Text;

/// The header and the footer.
pub mod header {
    use super::Text;
    pub const BUILD_A_DECOUPLED_ARCHITECTURE_PRESS: Text = Text::new("Build a decoupled architecture, press play, then break it.", "Dựng một kiến trúc decoupled, bấm chạy, rồi thử làm hỏng nó.");
    pub const PATTERNS: Text = Text::new("Patterns", "Mẫu kiến trúc");
    pub const EXERCISES: Text = Text::new("Exercises", "Bài tập");
    pub const MY_DIAGRAMS: Text = Text::new("My diagrams", "Sơ đồ của tôi");
    pub const OPEN_FILE: Text = Text::new("Open file", "Mở tệp");
    pub const SHARE: Text = Text::new("Share", "Chia sẻ");
    pub const LANGUAGE: Text = Text::new("Language", "Ngôn ngữ");
    pub const A_SIMULATION_FOR_LEARNING_TIMINGS: Text = Text::new("A simulation for learning: timings and limits follow AWS's documentation, simplified.", "Mô phỏng để học: thời gian và giới hạn theo tài liệu của AWS, có giản lược.");
}

/// The palette of components.
pub mod palette {
    use super::Text;
    pub const COMPONENTS: Text = Text::new("Components", "Thành phần");
    pub const DRAG_ONTO_THE_CANVAS_OR: Text = Text::new("Drag onto the canvas, or click to add.", "Kéo vào khung vẽ, hoặc bấm để thêm.");
    pub const SOURCES: Text = Text::new("Sources", "Nguồn");
    pub const CHANNELS: Text = Text::new("Channels", "Kênh");
    pub const COMPUTE: Text = Text::new("Compute", "Xử lý");
    pub const STATE_AND_SINKS: Text = Text::new("State and sinks", "Lưu trữ và đích");
    /// Heard by screen readers before an item's name and service.
    pub const ADD: Text = Text::new("Add", "Thêm");
}

/// The tab bar under the canvas on a phone.
pub mod phone {
    use super::Text;
    pub const PANELS: Text = Text::new("Panels", "Bảng");
    pub const COMPONENTS: Text = Text::new("Components", "Thành phần");
    pub const DIAGRAM: Text = Text::new("Diagram", "Sơ đồ");
    pub const INSPECTOR: Text = Text::new("Inspector", "Thuộc tính");
}

/// The canvas when it is empty or being dragged on.
pub mod canvas {
    use super::Text;
    pub const YOUR_DIAGRAM_IS_EMPTY: Text = Text::new("Your diagram is empty", "Sơ đồ đang trống");
    pub const START_FROM_THE_LESSON: Text = Text::new("Start from the lesson", "Bắt đầu từ bài học");
    pub const OR_OPEN_A_PATTERN: Text = Text::new("Or open a ready-made pattern", "Hoặc mở một mẫu có sẵn");
    pub const OR_BUILD_YOUR_OWN: Text = Text::new("Or build your own: drag a producer, a queue and a consumer from the palette, connect them from the dot on a box's right edge, then press play.", "Hoặc tự dựng: kéo một producer, một queue và một consumer từ bảng bên trái, nối chúng từ chấm ở cạnh phải của mỗi hộp, rồi bấm chạy.");
    pub const DRAG_TO_ANOTHER_COMPONENT_TO: Text = Text::new("Drag to another component to connect", "Kéo tới thành phần khác để nối");
}

/// The toolbar: playback, editing, zoom, speed and seed.
pub mod toolbar {
    use super::Text;
    pub const NOTHING_SENDS_MESSAGES_YET: Text = Text::new("Nothing sends messages yet: add a Client", "Chưa có gì gửi tin nhắn: hãy thêm một Client");
    pub const ADD_A_CLIENT: Text = Text::new("Add a Client", "Thêm Client");
    pub const ADD_A_CLIENT_CONNECTED_TO: Text = Text::new("Adds a Client connected to the diagram's entry point, sending requests at a rate you can change in the inspector.", "Thêm một Client nối vào điểm vào của sơ đồ, gửi request theo tốc độ bạn đổi được trong bảng thuộc tính.");
    pub const NOTHING_SENDS_SO_THE_RUN: Text = Text::new("Nothing in this diagram sends messages, so the run stays at 0 created: add a Client (the button next to Play) or an event source.", "Sơ đồ này chưa có gì gửi tin nhắn, nên lượt chạy vẫn ở 0 đã tạo: hãy thêm một Client (nút cạnh nút Chạy) hoặc một nguồn sự kiện.");
    pub const PLAY_SPACE: Text = Text::new("Play (Space)", "Chạy (Space)");
    pub const PAUSE_SPACE: Text = Text::new("Pause (Space)", "Tạm dừng (Space)");
    pub const STEP_ONE_SIMULATED_SECOND: Text = Text::new("Step one simulated second", "Tiến một giây mô phỏng");
    pub const RESET_THE_RUN: Text = Text::new("Reset the run", "Chạy lại từ đầu");
    pub const SPEED: Text = Text::new("Speed", "Tốc độ");
    pub const SIMULATED_SECONDS_PER_SECOND: Text = Text::new("Simulated seconds per second", "Số giây mô phỏng mỗi giây thật");
    pub const SIMULATED_TIME: Text = Text::new("Simulated time", "Thời gian mô phỏng");
    pub const UNDO_CTRL_Z: Text = Text::new("Undo (Ctrl+Z)", "Hoàn tác (Ctrl+Z)");
    pub const REDO_CTRL_SHIFT_Z: Text = Text::new("Redo (Ctrl+Shift+Z)", "Làm lại (Ctrl+Shift+Z)");
    pub const DELETE_THE_SELECTION_DELETE: Text = Text::new("Delete the selection (Delete)", "Xoá phần đang chọn (Delete)");
    pub const ZOOM_OUT_CTRL_WHEEL: Text = Text::new("Zoom out (Ctrl+wheel)", "Thu nhỏ (Ctrl+cuộn)");
    pub const ZOOM_IN_CTRL_WHEEL: Text = Text::new("Zoom in (Ctrl+wheel)", "Phóng to (Ctrl+cuộn)");
    pub const FIT_THE_DIAGRAM_TO_THE: Text = Text::new("Fit the diagram to the view (F)", "Vừa khung nhìn (F)");
    pub const SNAP: Text = Text::new("Snap", "Bám lưới");
    pub const SNAP_TO_THE_GRID: Text = Text::new("Snap to the grid", "Bám theo lưới");
    pub const KEYBOARD_SHORTCUTS: Text = Text::new("Keyboard shortcuts (?)", "Phím tắt (?)");
    pub const EVERY_MESSAGE_ENDS_IN_EXACTLY: Text = Text::new("Every message ends in exactly one of these", "Mỗi message kết thúc ở đúng một trong các trạng thái này");
    pub const MAX: Text = Text::new("Max", "Tối đa");
    pub const SEED: Text = Text::new("Seed", "Seed");
    pub const NEW_SEED: Text = Text::new("New seed", "Seed mới");
    pub const THE_SAME_SEED_GIVES_THE: Text = Text::new("The same seed gives the same run", "Cùng một seed cho cùng một lượt chạy");
}

/// The inspector beside the canvas.
pub mod inspector {
    use super::Text;
    pub const INSPECTOR: Text = Text::new("Inspector", "Thuộc tính");
    pub const SELECT_A_COMPONENT_OR_A: Text = Text::new("Select a component or a connection to see and change its settings.", "Chọn một thành phần hoặc một kết nối để xem và đổi thiết lập.");
    pub const SELECT_ONE_TO_SEE_ITS: Text = Text::new("Select one to see its settings.", "Chọn một thành phần để xem thiết lập.");
    pub const WARNINGS: Text = Text::new("Warnings", "Cảnh báo");
    pub const NAME: Text = Text::new("Name", "Tên");
    pub const SETTINGS: Text = Text::new("Settings", "Thiết lập");
    pub const SEND_A_SPIKE_10_FOR: Text = Text::new("Send a spike (10× for 10 s)", "Tạo đợt tăng đột biến (10× trong 10 s)");
    pub const INJECT_A_POISON_MESSAGE: Text = Text::new("Inject a poison message", "Gửi một poison message");
    pub const CONNECT_TO: Text = Text::new("Connect to", "Nối tới");
    pub const CHOOSE_A_COMPONENT: Text = Text::new("Choose a component…", "Chọn một thành phần…");
    pub const NOTHING_TO_CONNECT_TO: Text = Text::new("Nothing on the canvas it can connect to yet: add a component it may send to.", "Trên khung vẽ chưa có gì để nối tới: hãy thêm một thành phần mà nó được gửi tới.");
    pub const CONNECT: Text = Text::new("Connect", "Nối");
    pub const CHOOSE_THEN_ENTER: Text = Text::new("Arrow keys choose, Enter connects. C on the canvas comes back here.", "Phím mũi tên để chọn, Enter để nối. Bấm C trên khung vẽ để quay lại đây.");
    pub const CONNECTED_TO: Text = Text::new("Connected to {name}. Choose another to connect again.", "Đã nối tới {name}. Chọn thành phần khác để nối tiếp.");
    pub const DUPLICATE: Text = Text::new("Duplicate", "Nhân bản");
    pub const DELETE: Text = Text::new("Delete", "Xoá");
    pub const CONNECTION: Text = Text::new("Connection", "Kết nối");
    pub const KIND: Text = Text::new("Kind", "Loại");
    pub const TRAFFIC_SHAPE: Text = Text::new("Traffic shape", "Dạng lưu lượng");
    pub const ABOUT_THIS_PATTERN: Text = Text::new("About this pattern", "Về mẫu này");
    pub const TRY_THIS: Text = Text::new("Try this", "Thử làm");
}

/// The exercises panel.
pub mod exercises {
    use super::Text;
    pub const HINTS: Text = Text::new("Hints", "Gợi ý");
    pub const CHECK_MY_DIAGRAM: Text = Text::new("Check my diagram", "Kiểm tra sơ đồ của tôi");
    pub const PASSED_YOUR_DIAGRAM_DOES_WHAT: Text = Text::new("Passed: your diagram does what the exercise asks.", "Đạt: sơ đồ của bạn làm đúng điều bài tập yêu cầu.");
    pub const NOT_YET_HERE_IS_WHAT: Text = Text::new("Not yet: here is what to fix.", "Chưa đạt: đây là những chỗ cần sửa.");
    pub const CHECKS_LOOK_AT_YOUR_DIAGRAMS: Text = Text::new("Checks look at your diagram's structure, then run it with the faults the goal implies.", "Bài kiểm tra xem cấu trúc sơ đồ, rồi chạy nó với các sự cố mà mục tiêu ngụ ý.");
    pub const CLOSE: Text = Text::new("Close", "Đóng");
    pub const CLOSE_THE_EXERCISES: Text = Text::new("Close the exercises", "Đóng bài tập");
    pub const THE_DIAGRAM_CHANGED_SINCE_THIS: Text = Text::new("Out of date: the diagram changed since this check. Check again to see where it stands now.", "Đã cũ: sơ đồ đã thay đổi từ lần kiểm tra này. Hãy kiểm tra lại để biết bây giờ thế nào.");
    pub const CHECK_AGAIN: Text = Text::new("Check again", "Kiểm tra lại");
    pub const DONE: Text = Text::new("Done", "Đã xong");
    pub const REVIEW_QUESTIONS: Text = Text::new("Review questions", "Câu hỏi ôn tập");
}

/// The review quiz under the exercises.
pub mod quiz {
    use super::Text;
    pub const CHOOSE_AN_ANSWER_THEN_CHECK: Text = Text::new("Choose an answer to each question, then check it.", "Chọn một đáp án cho mỗi câu hỏi, rồi kiểm tra.");
    pub const CHECK_ANSWER: Text = Text::new("Check answer", "Kiểm tra đáp án");
    pub const TRY_AGAIN: Text = Text::new("Try again", "Thử lại");
    pub const CHOOSE_ONE_FIRST: Text = Text::new("Choose one of the answers first.", "Hãy chọn một đáp án trước.");
    pub const RIGHT: Text = Text::new("Right.", "Đúng.");
    pub const NOT_QUITE: Text = Text::new("Not quite.", "Chưa đúng.");
    pub const THE_FULL_ANSWER: Text = Text::new("The full answer", "Đáp án đầy đủ");
    pub const SEE_IT_IN_A_PATTERN: Text = Text::new("See it in a pattern:", "Xem trong mẫu kiến trúc:");
}

/// The Lesson panel: the lesson's objectives and its table of AWS decoupling tools.
pub mod lesson {
    use super::Text;
    pub const LESSON: Text = Text::new("Lesson", "Bài học");
    pub const TITLE: Text = Text::new("The lesson: decoupled architectures", "Bài học: Decoupled Architectures");
    pub const INTRO: Text = Text::new(
        "What the lesson teaches, and the AWS services it decouples with. Each service opens a pattern you can run and break.",
        "Những gì bài học dạy, và các dịch vụ AWS dùng để decouple. Mỗi dịch vụ mở ra một mẫu kiến trúc mà bạn có thể chạy và thử làm hỏng.",
    );
    pub const LEARNING_OBJECTIVES: Text = Text::new("Learning objectives", "Mục tiêu học tập");
    pub const AWS_DECOUPLING_TOOLS: Text = Text::new("AWS decoupling tools", "Các công cụ decoupling của AWS");
    pub const SERVICE: Text = Text::new("Service", "Dịch vụ");
    pub const HOW_IT_DECOUPLES: Text = Text::new("How it decouples", "Cách decouple");
    pub const WHEN_TO_USE_IT: Text = Text::new("When to use it", "Khi nào dùng");
}

/// Sharing, the library and files.
pub mod share {
    use super::Text;
    pub const SHARE_THIS_DIAGRAM: Text = Text::new("Share this diagram", "Chia sẻ sơ đồ này");
    pub const THE_LINK_HOLDS_THE_WHOLE: Text = Text::new("The link holds the whole diagram in its fragment, which never reaches a server. Anyone who opens it gets their own copy.", "Liên kết chứa toàn bộ sơ đồ trong phần fragment, không bao giờ gửi tới máy chủ. Ai mở nó cũng nhận được bản sao của riêng mình.");
    pub const COPY_LINK: Text = Text::new("Copy link", "Sao chép liên kết");
    pub const COPIED: Text = Text::new("Copied.", "Đã sao chép.");
    pub const FILES_AND_PICTURES: Text = Text::new("Files and pictures", "Tệp và hình ảnh");
    pub const DOWNLOAD_JSON: Text = Text::new("Download .json", "Tải .json");
    pub const EXPORT_SVG: Text = Text::new("Export SVG", "Xuất SVG");
    pub const EXPORT_PNG: Text = Text::new("Export PNG", "Xuất PNG");
    pub const TO_OPEN_A_JSON_FILE: Text = Text::new("To open a .json file or a template, drop it on the canvas, or use Open file or Paste in the header.", "Để mở một tệp .json hoặc một template, thả nó vào khung vẽ, hoặc dùng Mở tệp hay Dán ở đầu trang.");
    pub const DIAGRAMS_KEPT_IN_THIS_BROWSER: Text = Text::new("Diagrams kept in this browser only. To move one elsewhere, share its link or download its file.", "Các sơ đồ chỉ lưu trong trình duyệt này. Muốn mang sang nơi khác, hãy chia sẻ liên kết hoặc tải tệp.");
    pub const SAVE_CURRENT: Text = Text::new("Save current", "Lưu sơ đồ hiện tại");
    pub const NOTHING_SAVED_YET: Text = Text::new("Nothing saved yet.", "Chưa lưu sơ đồ nào.");
    pub const OPEN: Text = Text::new("Open", "Mở");
    pub const RENAME: Text = Text::new("Rename", "Đổi tên");
    pub const OPEN_IT: Text = Text::new("Open it", "Mở");
    pub const KEEP_MINE: Text = Text::new("Keep mine", "Giữ sơ đồ của tôi");
    pub const KEYBOARD_SHORTCUTS: Text = Text::new("Keyboard shortcuts", "Phím tắt");
    pub const DOWNLOAD_SAM_TEMPLATE: Text = Text::new("Download SAM template", "Tải SAM template");
    pub const THE_SAM_TEMPLATE_HOLDS: Text = Text::new("The SAM template holds every component as an AWS resource, ready for sam deploy; what a template cannot say (positions, traffic, failure rates) rides in its Metadata, so opening it here gives this diagram back.", "SAM template chứa mọi thành phần dưới dạng tài nguyên AWS, sẵn sàng cho sam deploy; những gì template không diễn tả được (vị trí, lưu lượng, tỉ lệ lỗi) nằm trong Metadata, nên mở lại nó ở đây sẽ được đúng sơ đồ này.");
}

/// Opening a diagram or a template: from a link, a file, the library or pasted text.
pub mod open {
    use super::Text;
    pub const PASTE: Text = Text::new("Paste", "Dán");
    pub const PASTE_A_TEMPLATE_OR_DIAGRAM: Text = Text::new("Paste a template or diagram", "Dán template hoặc sơ đồ");
    pub const PASTE_A_SAM_OR_CLOUDFORMATION: Text = Text::new("Paste a SAM or CloudFormation template (YAML or JSON), or a Decouple Lab diagram file, then open it.", "Dán một SAM hoặc CloudFormation template (YAML hoặc JSON), hoặc một tệp sơ đồ Decouple Lab, rồi mở nó.");
    pub const TEMPLATE_OR_DIAGRAM_TEXT: Text = Text::new("Template or diagram text", "Nội dung template hoặc sơ đồ");
    pub const PASTE_SOMETHING_FIRST: Text = Text::new("Paste a template or a diagram into the box first.", "Hãy dán một template hoặc sơ đồ vào ô trước đã.");
    pub const OPENED_FROM_THE_LINK: Text = Text::new("Opened the diagram from the link.", "Đã mở sơ đồ từ liên kết.");
    pub const OPENED_FROM_THE_FILE: Text = Text::new("Opened the diagram from the file.", "Đã mở sơ đồ từ tệp.");
    pub const OPENED_THE_SAVED_DIAGRAM: Text = Text::new("Opened the saved diagram.", "Đã mở sơ đồ đã lưu.");
    pub const OPENED_THE_PASTED_TEXT: Text = Text::new("Opened the diagram from the pasted text.", "Đã mở sơ đồ từ nội dung đã dán.");
    pub const OPENED_FROM_THE_LINK_UNDO: Text = Text::new("Opened the diagram from the link. Undo brings back your previous diagram.", "Đã mở sơ đồ từ liên kết. Bấm Hoàn tác để lấy lại sơ đồ trước đó.");
    pub const OPENED_FROM_THE_FILE_UNDO: Text = Text::new("Opened the diagram from the file. Undo brings back your previous diagram.", "Đã mở sơ đồ từ tệp. Bấm Hoàn tác để lấy lại sơ đồ trước đó.");
    pub const OPENED_THE_SAVED_DIAGRAM_UNDO: Text = Text::new("Opened the saved diagram. Undo brings back your previous diagram.", "Đã mở sơ đồ đã lưu. Bấm Hoàn tác để lấy lại sơ đồ trước đó.");
    pub const OPENED_THE_PASTED_TEXT_UNDO: Text = Text::new("Opened the diagram from the pasted text. Undo brings back your previous diagram.", "Đã mở sơ đồ từ nội dung đã dán. Bấm Hoàn tác để lấy lại sơ đồ trước đó.");
    pub const OPEN_FROM_THIS_LINK: Text = Text::new("Open the diagram from this link?", "Mở sơ đồ từ liên kết này?");
    pub const OPEN_FROM_THIS_FILE: Text = Text::new("Open the diagram from this file?", "Mở sơ đồ từ tệp này?");
    pub const OPEN_THIS_SAVED_DIAGRAM: Text = Text::new("Open this saved diagram?", "Mở sơ đồ đã lưu này?");
    pub const OPEN_THE_PASTED_TEXT: Text = Text::new("Open the diagram from the pasted text?", "Mở sơ đồ từ nội dung đã dán?");
    pub const FILE_LARGER_THAN_1_MB: Text = Text::new("This file is larger than 1 MB, too large for a diagram. Your diagram is unchanged.", "Tệp này lớn hơn 1 MB, quá lớn đối với một sơ đồ. Sơ đồ của bạn vẫn giữ nguyên.");
    pub const THE_BROWSER_COULD_NOT_READ: Text = Text::new("The browser could not read this file. Your diagram is unchanged.", "Trình duyệt không đọc được tệp này. Sơ đồ của bạn vẫn giữ nguyên.");
}

/// The charts: titles and units.
pub mod charts {
    use super::Text;
    pub const WAITING: Text = Text::new("Waiting", "Đang chờ");
    pub const IN_FLIGHT: Text = Text::new("In flight", "In flight");
    pub const MESSAGES_IN_THE_QUEUE: Text = Text::new("Messages in the queue", "Message trong queue");
    pub const OLDEST_MESSAGE_AGE: Text = Text::new("Oldest message age", "Tuổi message cũ nhất");
    pub const DEAD_LETTER_QUEUE: Text = Text::new("Dead-letter queue", "Dead-letter queue");
    pub const CONCURRENCY: Text = Text::new("Concurrency", "Số luồng chạy đồng thời");
    pub const THROUGHPUT: Text = Text::new("Throughput", "Thông lượng");
    pub const ERRORS: Text = Text::new("Errors", "Lỗi");
    pub const THROTTLES: Text = Text::new("Throttles", "Bị throttle");
    pub const INSTANCES: Text = Text::new("Instances", "Số instance");
    pub const MESSAGES: Text = Text::new("messages", "message");
    pub const RETRIES: Text = Text::new("retries", "lần thử lại");
    pub const RUNNING_AT_ONCE: Text = Text::new("running at once", "chạy cùng lúc");
    pub const PER_SECOND: Text = Text::new("per second", "mỗi giây");
    pub const INSTANCES_UNIT: Text = Text::new("instances", "instance");
    pub const NO_DATA_YET: Text = Text::new("No data yet", "Chưa có dữ liệu");
    pub const CHARTS: Text = Text::new("Charts", "Biểu đồ");
    pub const OVER_SIMULATED_TIME: Text = Text::new("Over simulated time", "Theo thời gian mô phỏng");
}

/// The tester under a pattern or a filter policy.
pub mod pattern_tester {
    use super::Text;
    pub const TEST_AN_EVENT_AGAINST_THIS: Text = Text::new("Test an event against this pattern", "Thử một event với pattern này");
    pub const TEST_A_MESSAGE_AGAINST_THIS: Text = Text::new("Test a message against this filter policy", "Thử một message với filter policy này");
    pub const MATCHES: Text = Text::new("Matches.", "Khớp.");
    pub const DOES_NOT_MATCH: Text = Text::new("Does not match.", "Không khớp.");
    pub const CANNOT_TEST_YET: Text = Text::new("Cannot test yet.", "Chưa thử được.");
}

/// The run panel under the canvas: charts, event log, message inspector.
pub mod run_panel {
    use super::Text;
    pub const RUN_DETAILS: Text = Text::new("Run details", "Chi tiết lượt chạy");
    pub const EVENT_LOG: Text = Text::new("Event log", "Nhật ký sự kiện");
    pub const DOTS_MESSAGES_MOVING_HOPS_HOPS: Text = Text::new("{dots} messages moving · {hops} hops so far", "{dots} message đang di chuyển · {hops} bước đã đi");
    pub const HIDE_THE_PANEL: Text = Text::new("Hide the panel", "Ẩn bảng");
    pub const DRAG_TO_RESIZE: Text = Text::new("Drag to resize", "Kéo để đổi kích thước");
    pub const SHOW_THE_PANEL: Text = Text::new("Show the panel", "Hiện bảng");
    pub const PRESS_PLAY_THE_SELECTED_COMPONENTS: Text = Text::new("Press play: the selected components' charts show here, over simulated time.", "Bấm chạy: biểu đồ của các thành phần đang chọn sẽ hiện ở đây, theo thời gian mô phỏng.");
    pub const SELECT_COMPONENTS_ON_THE_CANVAS: Text = Text::new("Select components on the canvas to chart them (Shift+click to add more).", "Chọn thành phần trên khung vẽ để xem biểu đồ (Shift+click để chọn thêm).");
    pub const N_MORE_SELECTED_CHARTS_SHOW: Text = Text::new("{n} more selected: charts show the first four.", "Còn {n} thành phần nữa đang chọn: biểu đồ chỉ hiện bốn thành phần đầu.");
    pub const LATENCY: Text = Text::new("Latency", "Độ trễ");
    pub const RESPONSE_TIME: Text = Text::new("Response time", "Thời gian phản hồi");
    pub const TIME_HERE: Text = Text::new("Time here", "Thời gian ở đây");
    pub const AGE_ON_ARRIVAL: Text = Text::new("Age on arrival", "Tuổi khi tới nơi");
    pub const WAIT_IN_QUEUE: Text = Text::new("Wait in queue", "Chờ trong queue");
    pub const WORK_PER_MESSAGE: Text = Text::new("Work per message", "Xử lý mỗi message");
    pub const MEAN: Text = Text::new("mean", "trung bình");
    pub const COMPONENT: Text = Text::new("Component", "Thành phần");
    pub const ALL_COMPONENTS: Text = Text::new("All components", "Mọi thành phần");
    pub const OUTCOMES: Text = Text::new("Outcomes", "Kết quả");
    pub const DELIVERED: Text = Text::new("Delivered", "Đã tới");
    pub const THROTTLED: Text = Text::new("Throttled", "Bị throttle");
    pub const FAILED: Text = Text::new("Failed", "Lỗi");
    pub const REJECTED: Text = Text::new("Rejected", "Bị từ chối");
    pub const DEAD_LETTERED: Text = Text::new("Dead-lettered", "Vào DLQ");
    pub const HELD_WHILE_THE_POINTER_IS: Text = Text::new("Held while the pointer is over the list.", "Danh sách đứng yên khi con trỏ nằm trên nó.");
    pub const TIME: Text = Text::new("Time", "Thời điểm");
    pub const MESSAGE: Text = Text::new("Message", "Message");
    pub const FROM_TO: Text = Text::new("From → to", "Từ → tới");
    pub const OUTCOME: Text = Text::new("Outcome", "Kết quả");
    pub const NO_HOP_MATCHES_THESE_FILTERS: Text = Text::new("No hop matches these filters yet.", "Chưa có bước nào khớp với bộ lọc này.");
    pub const PRESS_PLAY_EVERY_HOP_A: Text = Text::new("Press play: every hop a message makes is listed here.", "Bấm chạy: mỗi bước đi của một message sẽ được liệt kê ở đây.");
    pub const MESSAGE_INSPECTOR: Text = Text::new("Message inspector", "Xem chi tiết message");
    pub const STOP_FOLLOWING_THIS_MESSAGE: Text = Text::new("Stop following this message", "Thôi theo dõi message này");
    pub const CLICK_A_LINE_IN_THE: Text = Text::new("Click a line in the log, or a dot on the canvas, to follow one message.", "Bấm vào một dòng trong nhật ký, hoặc một chấm trên khung vẽ, để theo dõi một message.");
    pub const MESSAGE_ID_IS_NO_LONGER: Text = Text::new("Message {id} is no longer kept: the page keeps the hops of the latest {n} messages.", "Message {id} không còn được lưu: trang chỉ giữ các bước đi của {n} message mới nhất.");
    pub const NO_RETRIES: Text = Text::new("No retries.", "Không thử lại lần nào.");
    pub const HANDED_OUT_N_TIMES_BY: Text = Text::new("Handed out {n} times by {queue}, failing each time, then moved.", "{queue} đã giao nó {n} lần, lần nào cũng lỗi, rồi chuyển đi.");
    pub const N1_RETRY_A_HOP_MADE: Text = Text::new("1 retry (a hop made again).", "1 lần thử lại (một bước đi lặp lại).");
    pub const N_RETRIES_HOPS_MADE_AGAIN: Text = Text::new("{n} retries (hops made again).", "{n} lần thử lại (các bước đi lặp lại).");
    pub const RETRY: Text = Text::new("retry", "thử lại");
    pub const PAYLOAD: Text = Text::new("Payload", "Payload");
    pub const STILL_IN_NAME_WAITING_THERE: Text = Text::new("Still in {name}: waiting there or being worked on.", "Vẫn ở {name}: đang chờ ở đó hoặc đang được xử lý.");
    pub const IN_THE_DEAD_LETTER_QUEUE: Text = Text::new("In the dead-letter queue {name}: it failed too many times.", "Nằm trong dead-letter queue {name}: nó đã lỗi quá nhiều lần.");
    pub const THROTTLED_BY_NAME_IT_WILL: Text = Text::new("Throttled by {name}; it will be tried again.", "Bị {name} throttle; nó sẽ được thử lại.");
    pub const REFUSED_BY_NAME_IT_WILL: Text = Text::new("Refused by {name}; it will be tried again.", "Bị {name} từ chối; nó sẽ được thử lại.");
    pub const FAILED_AT_NAME_IT_WILL: Text = Text::new("Failed at {name}; it will be tried again.", "Lỗi ở {name}; nó sẽ được thử lại.");
    pub const FAILED_AT_NAME_IT_WAS: Text = Text::new("Failed at {name}: it was down, returned an error or timed out, and no retry was left.", "Lỗi ở {name}: thành phần này đang tắt, trả về lỗi hoặc quá thời gian, và không còn lần thử lại nào.");
    pub const THROTTLED_BY_NAME_TOO_MANY: Text = Text::new("Throttled by {name}: too many at once, and no retry was left.", "Bị {name} throttle: quá nhiều việc cùng lúc, và không còn lần thử lại nào.");
    pub const REFUSED_BY_NAME_NO_ROUTE: Text = Text::new("Refused by {name}: no route, filtered out, a duplicate, or going round a loop.", "Bị {name} từ chối: không có đường đi, bị bộ lọc loại, bị trùng, hoặc đang chạy vòng lặp.");
    pub const STORED_IN_NAME_ITS_JOURNEY: Text = Text::new("Stored in {name}: its journey is complete.", "Đã lưu vào {name}: hành trình của nó đã xong.");
    pub const GONE_AFTER_REACHING_NAME_CONSUMED: Text = Text::new("Gone after reaching {name}: consumed there, or failed there with no retry left.", "Đã hết sau khi tới {name}: được xử lý xong ở đó, hoặc lỗi ở đó mà không còn lần thử lại nào.");
}

/// Live faults and lesson steps.
pub mod live_faults {
    use super::Text;
    pub const ERROR_RATE: Text = Text::new("Error rate", "Tỉ lệ lỗi");
    pub const ADDED_LATENCY: Text = Text::new("Added latency", "Thêm độ trễ");
    pub const PROCESSING_TIME: Text = Text::new("× processing time", "× thời gian xử lý");
    pub const LIVE_NOW_RATE_OF_ITS: Text = Text::new("Live now: {rate} of its work fails, {times} slower.", "Đang áp dụng: {rate} việc bị lỗi, chậm hơn {times}.");
    pub const BACK_TO_THE_DIAGRAMS_SETTINGS: Text = Text::new("Back to the diagram's settings", "Trở về thiết lập của sơ đồ");
    pub const DO_IT: Text = Text::new("Do it", "Làm ngay");
}

/// The inspector's one group of faults (outage, error rate, slow-down).
pub mod faults {
    use super::Text;
    pub const FAULTS: Text = Text::new("Faults", "Sự cố");
    pub const BEFORE_THE_RUN: Text = Text::new("Set before the run: they apply from the start and are saved with the diagram.", "Đặt trước lượt chạy: áp dụng từ đầu và được lưu cùng sơ đồ.");
    pub const DURING_THE_RUN: Text = Text::new("During the run: they apply now, to this run only; the diagram keeps its own.", "Trong lượt chạy: áp dụng ngay, chỉ cho lượt này; sơ đồ giữ thiết lập riêng.");
    pub const OUTAGE: Text = Text::new("Outage", "Sự cố ngừng hoạt động");
    pub const RUNNING: Text = Text::new("Running", "Đang chạy");
    pub const RUNNING_MEANS: Text = Text::new("Works as its settings say.", "Hoạt động đúng theo thiết lập.");
    pub const ERRORS: Text = Text::new("Errors", "Errors (lỗi)");
    pub const ERRORS_MEANS: Text = Text::new("Invocations fail; messages come back after the visibility timeout.", "Các invocation bị lỗi; message quay lại queue sau visibility timeout.");
    pub const STOPPED: Text = Text::new("Stopped / throttled to 0", "Stopped / throttle về 0");
    pub const STOPPED_MEANS: Text = Text::new("Reserved concurrency 0: no invocations; messages wait in the queue.", "Reserved concurrency 0: không có invocation nào; message nằm chờ trong queue.");
    pub const DOWN: Text = Text::new("Down", "Down (ngừng)");
    pub const DOWN_MEANS: Text = Text::new("Requests to it fail; callers see the error.", "Request tới nó bị lỗi; bên gọi nhận lỗi.");
    pub const DOWN_SERVICE_MEANS: Text = Text::new("Never answers; callers wait for their timeout.", "Không bao giờ trả lời; bên gọi chờ tới timeout.");
    pub const DOWN_WORKERS_MEANS: Text = Text::new("Instances stop polling; messages wait in the queue.", "Các instance ngừng poll; message nằm chờ trong queue.");
    pub const ERROR_RATE_MEANS: Text = Text::new("Share of its work that fails (retried as its caller or queue retries).", "Tỉ lệ công việc bị lỗi (được thử lại theo cách bên gọi hoặc queue thử lại).");
    pub const SLOWER_MEANS: Text = Text::new("Each piece of work takes this many times longer.", "Mỗi việc mất thời gian gấp từng ấy lần.");
    pub const PLUS_ITS_OWN: Text = Text::new("Plus {pct} from its own error rate, set under Settings.", "Cộng thêm {pct} từ tỉ lệ lỗi riêng của nó, chỉnh ở phần Thiết lập.");
}

/// The canvas's legend of dot colours and badge figures.
pub mod legend {
    use super::Text;
    pub const LEGEND: Text = Text::new("Legend", "Chú thích");
    pub const DOTS: Text = Text::new("Moving dots: one message's hop, by how it went", "Chấm di chuyển: một bước đi của message, theo kết quả");
    pub const BADGES: Text = Text::new("Figures under a box", "Số liệu dưới mỗi hộp");
    /// Each badge word and what it counts (the queue's two match its tooltip).
    pub const FIGURES: [(Text, Text); 8] = [
        (Text::new("waiting", "đang chờ"), Text::new("in a queue, visible: ready for a consumer to receive", "trong queue, visible: sẵn sàng cho consumer nhận")),
        (Text::new("in flight", "in flight"), Text::new("in a queue, received and hidden for the visibility timeout; back if not deleted by then", "trong queue, đã được nhận và bị ẩn trong visibility timeout; quay lại nếu chưa bị xoá")),
        (Text::new("busy", "đang bận"), Text::new("invocations or requests running now", "số invocation hoặc request đang chạy")),
        (Text::new("passed", "đã chuyển"), Text::new("messages passed on so far", "số message đã chuyển tiếp")),
        (Text::new("stored", "đã lưu"), Text::new("items written so far", "số mục đã ghi")),
        (Text::new("sent · failed", "đã gửi · lỗi"), Text::new("a client's requests, and those its users saw fail", "request của client, và số request người dùng thấy lỗi")),
        (Text::new("errors", "lỗi"), Text::new("failed or throttled work so far (red)", "số việc lỗi hoặc bị throttle (màu đỏ)")),
        (Text::new("in DLQ", "trong DLQ"), Text::new("messages now in the dead-letter queue (red)", "số message đang nằm trong dead-letter queue (màu đỏ)")),
    ];
}

/// The frame, dialogs and notices.
pub mod frame {
    use super::Text;
    pub const DECOUPLE_LAB_HOME: Text = Text::new("Decouple Lab home", "Trang chủ Decouple Lab");
    pub const LESSON_AND_SHARING: Text = Text::new("Lesson and sharing", "Bài học và chia sẻ");
    pub const DISMISS: Text = Text::new("Dismiss", "Đóng thông báo");
    pub const EDITOR_AND_SIMULATION_CONTROLS: Text = Text::new("Editor and simulation controls", "Điều khiển trình soạn thảo và mô phỏng");
    pub const SIMULATION: Text = Text::new("Simulation", "Mô phỏng");
    pub const EDIT: Text = Text::new("Edit", "Chỉnh sửa");
    pub const VIEW: Text = Text::new("View", "Khung nhìn");
    pub const SHARE_LINK: Text = Text::new("Share link", "Liên kết chia sẻ");
    pub const THE_BROWSER_DID_NOT_ALLOW: Text = Text::new("The browser did not allow copying: select the link and copy it by hand.", "Trình duyệt không cho sao chép: hãy chọn liên kết và tự sao chép.");
    pub const NAME_FOR_THE_CURRENT_DIAGRAM: Text = Text::new("Name for the current diagram", "Tên cho sơ đồ hiện tại");
    pub const NEW_NAME: Text = Text::new("New name", "Tên mới");
    pub const COMPONENT_NAME: Text = Text::new("Component name", "Tên thành phần");
    pub const DIAGRAM_CANVAS: Text = Text::new("Diagram canvas", "Khung vẽ sơ đồ");
    pub const DIAGRAM: Text = Text::new("Diagram", "Sơ đồ");
    pub const DOWN: Text = Text::new("DOWN", "TẮT");
    pub const STOPPED: Text = Text::new("STOPPED", "STOPPED");
}

/// The keyboard shortcuts dialog.
pub mod shortcuts {
    use super::Text;
    pub const DRAG_FROM_THE_PALETTE_OR: Text = Text::new("Drag from the palette, or click", "Kéo từ bảng thành phần, hoặc bấm vào");
    pub const ADD_A_COMPONENT: Text = Text::new("Add a component", "Thêm một thành phần");
    pub const DRAG_FROM_A_BOXS_RIGHT: Text = Text::new("Drag from a box's right dot to another box", "Kéo từ chấm bên phải của một hộp sang hộp khác");
    pub const CONNECT: Text = Text::new("Connect", "Nối");
    pub const CONNECT_THE_SELECTED_BOX: Text = Text::new("Connect the selected box: go to “Connect to”", "Nối hộp đang chọn: tới ô “Nối tới”");
    pub const CLICK_SHIFT_CLICK_DRAG_ON: Text = Text::new("Click, Shift+click, drag on empty canvas", "Bấm, Shift+bấm, kéo trên vùng trống của khung vẽ");
    pub const SELECT_ONE_ADD_TO_SELECTION: Text = Text::new("Select one, add to selection, box select", "Chọn một, thêm vào vùng chọn, chọn theo khung");
    pub const DOUBLE_CLICK_A_BOX: Text = Text::new("Double-click a box", "Bấm đúp vào một hộp");
    pub const RIGHT_CLICK_OR_LONG_PRESS: Text = Text::new("Right-click, long press or Shift+F10", "Bấm chuột phải, nhấn giữ hoặc Shift+F10");
    pub const THE_ACTIONS_OF_A_BOX: Text = Text::new("A box's actions, or the canvas's", "Thao tác với một hộp hoặc với khung vẽ");
    pub const DELETE_OR_BACKSPACE: Text = Text::new("Delete or Backspace", "Delete hoặc Backspace");
    pub const DELETE_THE_SELECTION: Text = Text::new("Delete the selection", "Xoá phần đang chọn");
    pub const UNDO: Text = Text::new("Undo", "Hoàn tác");
    pub const CTRL_CMD_SHIFT_Z_OR: Text = Text::new("Ctrl/Cmd+Shift+Z or Ctrl+Y", "Ctrl/Cmd+Shift+Z hoặc Ctrl+Y");
    pub const REDO: Text = Text::new("Redo", "Làm lại");
    pub const COPY_PASTE: Text = Text::new("Copy, paste", "Sao chép, dán");
    pub const SELECT_EVERYTHING: Text = Text::new("Select everything", "Chọn tất cả");
    pub const ARROW_KEYS_SHIFT_FINE: Text = Text::new("Arrow keys (Shift: fine)", "Phím mũi tên (Shift: từng chút một)");
    pub const NUDGE_THE_SELECTION: Text = Text::new("Nudge the selection", "Dịch chuyển phần đang chọn");
    pub const WHEEL_ALT_DRAG_OR_MIDDLE: Text = Text::new("Wheel, Alt+drag or middle-drag", "Cuộn chuột, Alt+kéo hoặc kéo bằng nút giữa");
    pub const PAN: Text = Text::new("Pan", "Di chuyển khung nhìn");
    pub const CTRL_WHEEL_OR_PINCH: Text = Text::new("Ctrl+wheel or pinch", "Ctrl+cuộn hoặc chụm hai ngón");
    pub const ZOOM: Text = Text::new("Zoom", "Thu phóng");
    pub const FIT_THE_DIAGRAM_TO_THE: Text = Text::new("Fit the diagram to the view", "Vừa sơ đồ với khung nhìn");
    pub const MOVE_BETWEEN_BOXES_ADD_FROM: Text = Text::new("Move between boxes, add from the palette", "Chuyển giữa các hộp, thêm từ bảng thành phần");
    pub const CLEAR_THE_SELECTION_CLOSE_THIS: Text = Text::new("Clear the selection, close this", "Bỏ chọn, đóng bảng này");
    pub const SHOW_OR_HIDE_THESE_SHORTCUTS: Text = Text::new("Show or hide these shortcuts", "Hiện hoặc ẩn bảng phím tắt này");
}

/// Settings: units, choices and checks as you type (labels are in `model::setting_label`).
pub mod settings {
    use super::Text;
    pub const SETTING: Text = Text::new("Setting", "Thiết lập");
    pub const VALUE: Text = Text::new("Value", "Giá trị");
    pub const REQUESTS: Text = Text::new("requests", "request");
    pub const REQUESTS_AT_ONCE: Text = Text::new("requests at once", "request cùng lúc");
    pub const AT_ONCE: Text = Text::new("at once", "cùng lúc");
    pub const HOURS: Text = Text::new("hours", "giờ");
    pub const BEFORE_THE_DLQ: Text = Text::new("before the DLQ", "trước khi vào DLQ");
    pub const SHARE_ZERO_TO_ONE: Text = Text::new("share (0–1)", "tỉ lệ (0–1)");
    pub const SYNC_PROXY_WAITS_FOR_THE: Text = Text::new("Sync proxy (waits for the backend)", "Proxy đồng bộ (chờ backend trả lời)");
    pub const ASYNC_STORES_ANSWERS_202: Text = Text::new("Async (stores, answers 202)", "Bất đồng bộ (lưu lại, trả lời 202)");
    pub const S3_UPLOAD: Text = Text::new("S3 upload", "Tải tệp lên S3");
    pub const EVENTBRIDGE_SCHEDULE: Text = Text::new("EventBridge schedule", "Lịch hẹn giờ EventBridge");
    pub const IOT_CORE_DEVICES: Text = Text::new("IoT Core devices", "Thiết bị IoT Core");
    pub const CLOUDWATCH_ALARM: Text = Text::new("CloudWatch alarm", "Cảnh báo CloudWatch");
    pub const EC2_INSTANCES: Text = Text::new("EC2 instances", "Instance EC2");
    pub const FARGATE_TASKS: Text = Text::new("Fargate tasks", "Task Fargate");
    pub const CACHE_ELASTICACHE: Text = Text::new("Cache (ElastiCache)", "Bộ nhớ đệm (ElastiCache)");
    pub const E_MAIL_SES: Text = Text::new("E-mail (SES)", "Thư điện tử (SES)");
    pub const MESSAGE_ATTRIBUTES: Text = Text::new("Message attributes", "Thuộc tính message");
    pub const MESSAGE_BODY: Text = Text::new("Message body", "Nội dung message");
    pub const STEADY: Text = Text::new("Steady", "Đều đặn");
    pub const RANDOM_POISSON: Text = Text::new("Random (Poisson)", "Ngẫu nhiên (Poisson)");
    pub const BURSTS: Text = Text::new("Bursts", "Theo đợt");
    pub const SPIKE: Text = Text::new("Spike", "Tăng đột biến");
    pub const RAMP: Text = Text::new("Ramp", "Tăng dần");
    pub const NOT_A_KIND_THIS_CONNECTION: Text = Text::new("Not a kind this connection can take.", "Kết nối này không thể có loại đó.");
    pub const ENTER_A_WHOLE_NUMBER: Text = Text::new("Enter a whole number.", "Hãy nhập một số nguyên.");
    pub const ENTER_A_NUMBER: Text = Text::new("Enter a number.", "Hãy nhập một số.");
    pub const THIS_SUBSCRIPTION_HAS_NO_FILTER: Text = Text::new("This subscription has no filter policy, so it receives every message.", "Subscription này không có filter policy, nên nó nhận mọi message.");
}

/// What the run holds inside the selected component.
pub mod run_details {
    use super::Text;
    pub const IN_THIS_RUN: Text = Text::new("In this run", "Trong lượt chạy này");
    pub const PRESS_PLAY_TO_SEE_WHAT: Text = Text::new("Press play to see what this component holds while the simulation runs.", "Bấm chạy để xem thành phần này đang giữ gì khi mô phỏng chạy.");
    pub const EVENTS_IN_THE_ARCHIVE_N: Text = Text::new("Events in the archive: {n}.", "Số event trong archive: {n}.");
    pub const NOT_KEPT_BECAUSE_THE_ARCHIVE: Text = Text::new("Not kept because the archive was full: {n}.", "Không được giữ vì archive đã đầy: {n}.");
    pub const REPLAYS_STARTED_R_EVENTS_SENT: Text = Text::new("Replays started: {r} · events sent again: {n}.", "Số lần replay: {r} · số event đã gửi lại: {n}.");
    pub const REPLAY_ARCHIVE: Text = Text::new("Replay archive", "Phát lại archive");
    pub const SENDS_EVERY_ARCHIVED_EVENT_TO: Text = Text::new("Sends every archived event to the bus's rules again, as a replay in EventBridge does: a read model built from them is built again.", "Gửi lại mọi event trong archive tới các rule của bus, như một lần replay trong EventBridge: read model dựng từ các event đó sẽ được dựng lại.");
    pub const TURN_ON_ARCHIVE_IN_THE: Text = Text::new("Turn on Archive in the settings to keep every event, so the run can replay them.", "Hãy bật Archive trong phần thiết lập để giữ mọi event, nhờ đó lượt chạy có thể phát lại chúng.");
    pub const EVERY_MESSAGE_SO_FAR_FITS: Text = Text::new("Every message so far fits the schema.", "Đến giờ mọi message đều khớp schema.");
    pub const MESSAGES_THAT_DID_NOT_FIT: Text = Text::new("Messages that did not fit the schema: {n} (still delivered, flagged).", "Số message không khớp schema: {n} (vẫn được chuyển đi, nhưng bị gắn cờ).");
    pub const MESSAGE_ID_AT_T_S: Text = Text::new("Message {id} at {t} s", "Message {id} lúc {t} s");
    pub const FOLLOW_THIS_MESSAGE_IN_THE: Text = Text::new("Follow this message in the event log", "Theo dõi message này trong nhật ký sự kiện");
    pub const NOTHING_READS_THIS_STREAM_YET: Text = Text::new("Nothing reads this stream yet: connect a function or a worker group to it.", "Chưa có gì đọc stream này: hãy nối một function hoặc một worker group vào nó.");
    pub const ENHANCED_FAN_OUT: Text = Text::new("enhanced fan-out", "enhanced fan-out");
    pub const REBALANCING: Text = Text::new("rebalancing", "đang rebalance");
    pub const ITERATOR_AGE_NOW_AT_MOST: Text = Text::new("Iterator age {now} (at most {max}) · {read} records read", "Iterator age {now} (tối đa {max}) · đã đọc {read} record");
    pub const REBALANCES_N_RECORDS_READ_AGAIN: Text = Text::new("rebalances: {n}, records read again: {m}", "số lần rebalance: {n}, số record bị đọc lại: {m}");
    pub const NOBODY: Text = Text::new("nobody", "không ai");
    pub const PARTITION: Text = Text::new("Partition", "Partition");
    pub const READ_BY: Text = Text::new("Read by", "Được đọc bởi");
    pub const LAG: Text = Text::new("Lag", "Độ trễ (lag)");
    pub const S_STARTED_OK_SUCCEEDED_F: Text = Text::new("{s} started · {ok} succeeded · {f} failed · {r} running", "{s} đã bắt đầu · {ok} thành công · {f} thất bại · {r} đang chạy");
    pub const RETRIES_R_ERRORS_CAUGHT_C: Text = Text::new("Retries: {r} · errors caught: {c}", "Số lần thử lại: {r} · số lỗi được catch: {c}");
    pub const NO_EXECUTION_YET_SOMETHING_MUST: Text = Text::new("No execution yet: something must call this state machine.", "Chưa có execution nào: cần có thành phần gọi state machine này.");
    pub const OPEN_AN_EXECUTION_TO_SEE: Text = Text::new("Open an execution to see each state it entered.", "Mở một execution để xem từng state nó đã đi qua.");
    pub const EARLIER_STATES_NOT_SHOWN_N: Text = Text::new("Earlier states not shown: {n}.", "Số state trước đó không hiển thị: {n}.");
    pub const STATE: Text = Text::new("State", "State");
    pub const STATUS: Text = Text::new("Status", "Trạng thái");
    pub const RETRIED_N: Text = Text::new("retried ×{n}", "thử lại ×{n}");
    pub const ERROR_CAUGHT_WENT_TO_NEXT: Text = Text::new("{error}, caught: went to {next}", "{error}, đã được catch: chuyển sang {next}");
    pub const RUNNING: Text = Text::new("Running", "Đang chạy");
    pub const SUCCEEDED: Text = Text::new("Succeeded", "Thành công");
    pub const TIMED_OUT: Text = Text::new("Timed out", "Hết thời gian");
    pub const CAUGHT: Text = Text::new("Caught", "Đã catch");
    pub const CANCELLED: Text = Text::new("Cancelled", "Đã hủy");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn english_is_as_written_and_vietnamese_is_whole() {
        assert_eq!(header::PATTERNS.get(Lang::En), "Patterns");
        assert_eq!(header::PATTERNS.get(Lang::Vi), "Mẫu kiến trúc");
        assert_eq!(crate::model::ComponentKind::Queue.name(Lang::Vi), "Hàng đợi");
    }
}

/// The menu a right click or a long press opens on the canvas.
pub mod context_menu {
    use super::Text;
    pub const COMPONENT: Text = Text::new("Component", "Thành phần");
    pub const CANVAS: Text = Text::new("Canvas", "Khung vẽ");
    pub const RENAME: Text = Text::new("Rename", "Đổi tên");
    pub const CONNECT_TO: Text = Text::new("Connect to…", "Nối tới…");
    pub const SELECT_ALL: Text = Text::new("Select all", "Chọn tất cả");
    pub const FIT: Text = Text::new("Fit to view", "Vừa khung nhìn");
}
