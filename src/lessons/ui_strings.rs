//! The page's own words in Vietnamese, keyed by the English sentence they translate.
//! Each entry is a whole label or sentence (never fragments glued together); AWS
//! service names stay in English, as the lesson writes them. A native test checks that
//! every `t("...")` in `src/ui/` has an entry here.

use super::text::Lang;

/// The text in `lang`: the English as written, or its Vietnamese entry (English when
/// there is none yet, which the test above catches).
pub fn tr(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Vi => vi(en).unwrap_or(en),
    }
}

pub fn vi(en: &str) -> Option<&'static str> {
    Some(match en {
        // Header and frame
        "Build a decoupled architecture, press play, then break it." => "Dựng một kiến trúc decoupled, bấm chạy, rồi thử làm hỏng nó.",
        "Patterns" => "Mẫu kiến trúc",
        "Exercises" => "Bài tập",
        "My diagrams" => "Sơ đồ của tôi",
        "Open file" => "Mở tệp",
        "Share" => "Chia sẻ",
        "Language" => "Ngôn ngữ",
        "A simulation for learning: timings and limits follow AWS's documentation, simplified." => {
            "Mô phỏng để học: thời gian và giới hạn theo tài liệu của AWS, có giản lược."
        }
        // Palette
        "Components" => "Thành phần",
        "Drag onto the canvas, or click to add." => "Kéo vào khung vẽ, hoặc bấm để thêm.",
        "Sources" => "Nguồn",
        "Channels" => "Kênh",
        "Compute" => "Xử lý",
        "State and sinks" => "Lưu trữ và đích",
        // Canvas
        "Your diagram is empty" => "Sơ đồ đang trống",
        "Drag a producer, a queue and a consumer from the palette, connect them from the dot on a box's right edge, then press play." => {
            "Kéo một producer, một queue và một consumer từ bảng bên trái, nối chúng từ chấm ở cạnh phải của mỗi hộp, rồi bấm chạy."
        }
        "Drag to another component to connect" => "Kéo tới thành phần khác để nối",
        // Toolbar
        "Play (Space)" => "Chạy (Space)",
        "Pause (Space)" => "Tạm dừng (Space)",
        "Step one simulated second" => "Tiến một giây mô phỏng",
        "Reset the run" => "Chạy lại từ đầu",
        "Speed" => "Tốc độ",
        "Simulated seconds per second" => "Số giây mô phỏng mỗi giây thật",
        "Simulated time" => "Thời gian mô phỏng",
        "Undo (Ctrl+Z)" => "Hoàn tác (Ctrl+Z)",
        "Redo (Ctrl+Shift+Z)" => "Làm lại (Ctrl+Shift+Z)",
        "Delete the selection (Delete)" => "Xoá phần đang chọn (Delete)",
        "Zoom out (Ctrl+wheel)" => "Thu nhỏ (Ctrl+cuộn)",
        "Zoom in (Ctrl+wheel)" => "Phóng to (Ctrl+cuộn)",
        "Fit the diagram to the view (F)" => "Vừa khung nhìn (F)",
        "Snap" => "Bám lưới",
        "Snap to the grid" => "Bám theo lưới",
        "Keyboard shortcuts (?)" => "Phím tắt (?)",
        "Every message ends in exactly one of these" => "Mỗi message kết thúc ở đúng một trong các trạng thái này",
        "Max" => "Tối đa",
        "Seed" => "Seed",
        "New seed" => "Seed mới",
        "The same seed gives the same run" => "Cùng một seed cho cùng một lượt chạy",
        // Inspector
        "Inspector" => "Thuộc tính",
        "Select a component or a connection to see and change its settings." => "Chọn một thành phần hoặc một kết nối để xem và đổi thiết lập.",
        "Select one to see its settings." => "Chọn một thành phần để xem thiết lập.",
        "Warnings" => "Cảnh báo",
        "Name" => "Tên",
        "Settings" => "Thiết lập",
        "While it runs" => "Trong lúc chạy",
        "Take down now" => "Tắt ngay",
        "Bring back" => "Bật lại",
        "Send a spike (10× for 10 s)" => "Tạo đợt tăng đột biến (10× trong 10 s)",
        "Inject a poison message" => "Gửi một poison message",
        "Break it" => "Làm hỏng",
        "Down for the whole run" => "Tắt suốt lượt chạy",
        "Injected error rate" => "Tỉ lệ lỗi thêm vào",
        "Latency multiplier" => "Hệ số độ trễ",
        "Connect to" => "Nối tới",
        "Choose a component…" => "Chọn một thành phần…",
        "Duplicate" => "Nhân bản",
        "Delete" => "Xoá",
        "Connection" => "Kết nối",
        "Kind" => "Loại",
        "Traffic shape" => "Dạng lưu lượng",
        "About this pattern" => "Về mẫu này",
        "Try this" => "Thử làm",
        // Exercises
        "Hints" => "Gợi ý",
        "Check my diagram" => "Kiểm tra sơ đồ của tôi",
        "Passed: your diagram does what the exercise asks." => "Đạt: sơ đồ của bạn làm đúng điều bài tập yêu cầu.",
        "Not yet: here is what to fix." => "Chưa đạt: đây là những chỗ cần sửa.",
        "Checks look at your diagram's structure, then run it with the faults the goal implies." => {
            "Bài kiểm tra xem cấu trúc sơ đồ, rồi chạy nó với các sự cố mà mục tiêu ngụ ý."
        }
        "Close" => "Đóng",
        "Close the exercises" => "Đóng bài tập",
        "Review questions" => "Câu hỏi ôn tập",
        // Share and files
        "Share this diagram" => "Chia sẻ sơ đồ này",
        "The link holds the whole diagram in its fragment, which never reaches a server. Anyone who opens it gets their own copy." => {
            "Liên kết chứa toàn bộ sơ đồ trong phần fragment, không bao giờ gửi tới máy chủ. Ai mở nó cũng nhận được bản sao của riêng mình."
        }
        "Copy link" => "Sao chép liên kết",
        "Copied." => "Đã sao chép.",
        "Files and pictures" => "Tệp và hình ảnh",
        "Download .json" => "Tải .json",
        "Export SVG" => "Xuất SVG",
        "Export PNG" => "Xuất PNG",
        "To open a .json file, drop it on the canvas or use Open file in the header." => {
            "Để mở một tệp .json, thả nó vào khung vẽ hoặc dùng Mở tệp ở đầu trang."
        }
        "Diagrams kept in this browser only. To move one elsewhere, share its link or download its file." => {
            "Các sơ đồ chỉ lưu trong trình duyệt này. Muốn mang sang nơi khác, hãy chia sẻ liên kết hoặc tải tệp."
        }
        "Save current" => "Lưu sơ đồ hiện tại",
        "Nothing saved yet." => "Chưa lưu sơ đồ nào.",
        "Open" => "Mở",
        "Rename" => "Đổi tên",
        "Open it" => "Mở",
        "Keep mine" => "Giữ sơ đồ của tôi",
        "Keyboard shortcuts" => "Phím tắt",
        // Charts
        "Waiting" => "Đang chờ",
        "In flight" => "Đang xử lý",
        "Oldest message age" => "Tuổi message cũ nhất",
        "Dead-letter queue" => "Dead-letter queue",
        "Concurrency" => "Số luồng chạy đồng thời",
        "Throughput" => "Thông lượng",
        "Errors" => "Lỗi",
        "Throttles" => "Bị throttle",
        "Instances" => "Số instance",
        "messages" => "message",
        "retries" => "lần thử lại",
        "running at once" => "chạy cùng lúc",
        "per second" => "mỗi giây",
        "instances" => "instance",
        "No data yet" => "Chưa có dữ liệu",
        "Charts" => "Biểu đồ",
        "Over simulated time" => "Theo thời gian mô phỏng",
        // Pattern tester
        "Test an event against this pattern" => "Thử một event với pattern này",
        "Test a message against this filter policy" => "Thử một message với filter policy này",
        "Matches." => "Khớp.",
        "Does not match." => "Không khớp.",
        "Cannot test yet." => "Chưa thử được.",
        // Run panel under the canvas: charts, event log, message inspector
        "Run details" => "Chi tiết lượt chạy",
        "Event log" => "Nhật ký sự kiện",
        "{dots} messages moving · {hops} hops so far" => "{dots} message đang di chuyển · {hops} bước đã đi",
        "Hide the panel" => "Ẩn bảng",
        "Drag to resize" => "Kéo để đổi kích thước",
        "Show the panel" => "Hiện bảng",
        "Press play: the selected components' charts show here, over simulated time." => {
            "Bấm chạy: biểu đồ của các thành phần đang chọn sẽ hiện ở đây, theo thời gian mô phỏng."
        }
        "Select components on the canvas to chart them (Shift+click to add more)." => {
            "Chọn thành phần trên khung vẽ để xem biểu đồ (Shift+click để chọn thêm)."
        }
        "{n} more selected: charts show the first four." => "Còn {n} thành phần nữa đang chọn: biểu đồ chỉ hiện bốn thành phần đầu.",
        "Latency" => "Độ trễ",
        "Response time" => "Thời gian phản hồi",
        "Time here" => "Thời gian ở đây",
        "Age on arrival" => "Tuổi khi tới nơi",
        "Wait in queue" => "Chờ trong queue",
        "Work per message" => "Xử lý mỗi message",
        "mean" => "trung bình",
        "Component" => "Thành phần",
        "All components" => "Mọi thành phần",
        "Outcomes" => "Kết quả",
        "Delivered" => "Đã tới",
        "Throttled" => "Bị throttle",
        "Failed" => "Lỗi",
        "Rejected" => "Bị từ chối",
        "Dead-lettered" => "Vào DLQ",
        "Held while the pointer is over the list." => "Danh sách đứng yên khi con trỏ nằm trên nó.",
        "Time" => "Thời điểm",
        "Message" => "Message",
        "From → to" => "Từ → tới",
        "Outcome" => "Kết quả",
        "No hop matches these filters yet." => "Chưa có bước nào khớp với bộ lọc này.",
        "Press play: every hop a message makes is listed here." => "Bấm chạy: mỗi bước đi của một message sẽ được liệt kê ở đây.",
        "Message inspector" => "Xem chi tiết message",
        "Stop following this message" => "Thôi theo dõi message này",
        "Click a line in the log, or a dot on the canvas, to follow one message." => {
            "Bấm vào một dòng trong nhật ký, hoặc một chấm trên khung vẽ, để theo dõi một message."
        }
        "Message {id} is no longer kept: the page keeps the hops of the latest {n} messages." => {
            "Message {id} không còn được lưu: trang chỉ giữ các bước đi của {n} message mới nhất."
        }
        "No retries." => "Không thử lại lần nào.",
        "Handed out {n} times by {queue}, failing each time, then moved." => "{queue} đã giao nó {n} lần, lần nào cũng lỗi, rồi chuyển đi.",
        "1 retry (a hop made again)." => "1 lần thử lại (một bước đi lặp lại).",
        "{n} retries (hops made again)." => "{n} lần thử lại (các bước đi lặp lại).",
        "retry" => "thử lại",
        "Payload" => "Payload",
        "Still in {name}: waiting there or being worked on." => "Vẫn ở {name}: đang chờ ở đó hoặc đang được xử lý.",
        "In the dead-letter queue {name}: it failed too many times." => "Nằm trong dead-letter queue {name}: nó đã lỗi quá nhiều lần.",
        "Throttled by {name}; it will be tried again." => "Bị {name} throttle; nó sẽ được thử lại.",
        "Refused by {name}; it will be tried again." => "Bị {name} từ chối; nó sẽ được thử lại.",
        "Failed at {name}; it will be tried again." => "Lỗi ở {name}; nó sẽ được thử lại.",
        "Failed at {name}: it was down, returned an error or timed out, and no retry was left." => {
            "Lỗi ở {name}: thành phần này đang tắt, trả về lỗi hoặc quá thời gian, và không còn lần thử lại nào."
        }
        "Throttled by {name}: too many at once, and no retry was left." => {
            "Bị {name} throttle: quá nhiều việc cùng lúc, và không còn lần thử lại nào."
        }
        "Refused by {name}: no route, filtered out, a duplicate, or going round a loop." => {
            "Bị {name} từ chối: không có đường đi, bị bộ lọc loại, bị trùng, hoặc đang chạy vòng lặp."
        }
        "Stored in {name}: its journey is complete." => "Đã lưu vào {name}: hành trình của nó đã xong.",
        "Gone after reaching {name}: consumed there, or failed there with no retry left." => {
            "Đã hết sau khi tới {name}: được xử lý xong ở đó, hoặc lỗi ở đó mà không còn lần thử lại nào."
        }
        // Live faults and lesson steps
        "Live faults" => "Sự cố trực tiếp",
        "They act on the running simulation from now on; the diagram keeps its settings." => {
            "Chúng tác động lên lượt mô phỏng đang chạy từ lúc này; sơ đồ vẫn giữ nguyên thiết lập."
        }
        "Error rate" => "Tỉ lệ lỗi",
        "Added latency" => "Thêm độ trễ",
        "× processing time" => "× thời gian xử lý",
        "Live now: {rate} of its work fails, {times} slower." => "Đang áp dụng: {rate} việc bị lỗi, chậm hơn {times}.",
        "Back to the diagram's settings" => "Trở về thiết lập của sơ đồ",
        "Do it" => "Làm ngay",
        // Frame, dialogs and notices
        "Decouple Lab home" => "Trang chủ Decouple Lab",
        "Lesson and sharing" => "Bài học và chia sẻ",
        "Dismiss" => "Đóng thông báo",
        "Editor and simulation controls" => "Điều khiển trình soạn thảo và mô phỏng",
        "Simulation" => "Mô phỏng",
        "Edit" => "Chỉnh sửa",
        "View" => "Khung nhìn",
        "Share link" => "Liên kết chia sẻ",
        "The browser did not allow copying: select the link and copy it by hand." => "Trình duyệt không cho sao chép: hãy chọn liên kết và tự sao chép.",
        "Name for the current diagram" => "Tên cho sơ đồ hiện tại",
        "New name" => "Tên mới",
        "Component name" => "Tên thành phần",
        "Diagram canvas" => "Khung vẽ sơ đồ",
        "Diagram" => "Sơ đồ",
        "DOWN" => "TẮT",
        // Keyboard shortcuts dialog
        "Drag from the palette, or click" => "Kéo từ bảng thành phần, hoặc bấm vào",
        "Add a component" => "Thêm một thành phần",
        "Drag from a box's right dot to another box" => "Kéo từ chấm bên phải của một hộp sang hộp khác",
        "Connect" => "Nối",
        "Click, Shift+click, drag on empty canvas" => "Bấm, Shift+bấm, kéo trên vùng trống của khung vẽ",
        "Select one, add to selection, box select" => "Chọn một, thêm vào vùng chọn, chọn theo khung",
        "Double-click a box" => "Bấm đúp vào một hộp",
        "Delete or Backspace" => "Delete hoặc Backspace",
        "Delete the selection" => "Xoá phần đang chọn",
        "Undo" => "Hoàn tác",
        "Ctrl/Cmd+Shift+Z or Ctrl+Y" => "Ctrl/Cmd+Shift+Z hoặc Ctrl+Y",
        "Redo" => "Làm lại",
        "Copy, paste" => "Sao chép, dán",
        "Select everything" => "Chọn tất cả",
        "Arrow keys (Shift: fine)" => "Phím mũi tên (Shift: từng chút một)",
        "Nudge the selection" => "Dịch chuyển phần đang chọn",
        "Wheel, Alt+drag or middle-drag" => "Cuộn chuột, Alt+kéo hoặc kéo bằng nút giữa",
        "Pan" => "Di chuyển khung nhìn",
        "Ctrl+wheel or pinch" => "Ctrl+cuộn hoặc chụm hai ngón",
        "Zoom" => "Thu phóng",
        "Fit the diagram to the view" => "Vừa sơ đồ với khung nhìn",
        "Move between boxes, add from the palette" => "Chuyển giữa các hộp, thêm từ bảng thành phần",
        "Clear the selection, close this" => "Bỏ chọn, đóng bảng này",
        "Show or hide these shortcuts" => "Hiện hoặc ẩn bảng phím tắt này",
        // Settings: units, choices and checks as you type (labels are in model::setting_label)
        "Setting" => "Thiết lập",
        "Value" => "Giá trị",
        "requests" => "request",
        "requests at once" => "request cùng lúc",
        "at once" => "cùng lúc",
        "hours" => "giờ",
        "before the DLQ" => "trước khi vào DLQ",
        "share (0–1)" => "tỉ lệ (0–1)",
        "Sync proxy (waits for the backend)" => "Proxy đồng bộ (chờ backend trả lời)",
        "Async (stores, answers 202)" => "Bất đồng bộ (lưu lại, trả lời 202)",
        "S3 upload" => "Tải tệp lên S3",
        "EventBridge schedule" => "Lịch hẹn giờ EventBridge",
        "IoT Core devices" => "Thiết bị IoT Core",
        "CloudWatch alarm" => "Cảnh báo CloudWatch",
        "EC2 instances" => "Instance EC2",
        "Fargate tasks" => "Task Fargate",
        "Cache (ElastiCache)" => "Bộ nhớ đệm (ElastiCache)",
        "E-mail (SES)" => "Thư điện tử (SES)",
        "Message attributes" => "Thuộc tính message",
        "Message body" => "Nội dung message",
        "Steady" => "Đều đặn",
        "Random (Poisson)" => "Ngẫu nhiên (Poisson)",
        "Bursts" => "Theo đợt",
        "Spike" => "Tăng đột biến",
        "Ramp" => "Tăng dần",
        "That value doesn't fit this setting." => "Giá trị này không hợp với thiết lập này.",
        "Not a kind this connection can take." => "Kết nối này không thể có loại đó.",
        "Enter a whole number." => "Hãy nhập một số nguyên.",
        "Enter a number." => "Hãy nhập một số.",
        "This subscription has no filter policy, so it receives every message." => "Subscription này không có filter policy, nên nó nhận mọi message.",
        // What the run holds inside the selected component (src/ui/run_details.rs)
        "In this run" => "Trong lượt chạy này",
        "Press play to see what this component holds while the simulation runs." => "Bấm chạy để xem thành phần này đang giữ gì khi mô phỏng chạy.",
        "Events in the archive: {n}." => "Số event trong archive: {n}.",
        "Not kept because the archive was full: {n}." => "Không được giữ vì archive đã đầy: {n}.",
        "Replays started: {r} · events sent again: {n}." => "Số lần replay: {r} · số event đã gửi lại: {n}.",
        "Replay archive" => "Phát lại archive",
        "Sends every archived event to the bus's rules again, as a replay in EventBridge does: a read model built from them is built again." => {
            "Gửi lại mọi event trong archive tới các rule của bus, như một lần replay trong EventBridge: read model dựng từ các event đó sẽ được dựng lại."
        }
        "Turn on Archive in the settings to keep every event, so the run can replay them." => {
            "Hãy bật Archive trong phần thiết lập để giữ mọi event, nhờ đó lượt chạy có thể phát lại chúng."
        }
        "Every message so far fits the schema." => "Đến giờ mọi message đều khớp schema.",
        "Messages that did not fit the schema: {n} (still delivered, flagged)." => "Số message không khớp schema: {n} (vẫn được chuyển đi, nhưng bị gắn cờ).",
        "Message {id} at {t} s" => "Message {id} lúc {t} s",
        "Follow this message in the event log" => "Theo dõi message này trong nhật ký sự kiện",
        "Nothing reads this stream yet: connect a function or a worker group to it." => {
            "Chưa có gì đọc stream này: hãy nối một function hoặc một worker group vào nó."
        }
        "enhanced fan-out" => "enhanced fan-out",
        "rebalancing" => "đang rebalance",
        "Iterator age {now} (at most {max}) · {read} records read" => "Iterator age {now} (tối đa {max}) · đã đọc {read} record",
        "rebalances: {n}, records read again: {m}" => "số lần rebalance: {n}, số record bị đọc lại: {m}",
        "nobody" => "không ai",
        "Partition" => "Partition",
        "Read by" => "Được đọc bởi",
        "Lag" => "Độ trễ (lag)",
        "{s} started · {ok} succeeded · {f} failed · {r} running" => "{s} đã bắt đầu · {ok} thành công · {f} thất bại · {r} đang chạy",
        "Retries: {r} · errors caught: {c}" => "Số lần thử lại: {r} · số lỗi được catch: {c}",
        "No execution yet: something must call this state machine." => "Chưa có execution nào: cần có thành phần gọi state machine này.",
        "Open an execution to see each state it entered." => "Mở một execution để xem từng state nó đã đi qua.",
        "Earlier states not shown: {n}." => "Số state trước đó không hiển thị: {n}.",
        "State" => "State",
        "Status" => "Trạng thái",
        "retried ×{n}" => "thử lại ×{n}",
        "{error}, caught: went to {next}" => "{error}, đã được catch: chuyển sang {next}",
        "Running" => "Đang chạy",
        "Succeeded" => "Thành công",
        "Timed out" => "Hết thời gian",
        "Caught" => "Đã catch",
        "Cancelled" => "Đã hủy",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `t("...")` literal in the page's code has a Vietnamese entry.
    #[test]
    fn every_translated_literal_in_the_ui_has_a_vietnamese_entry() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
        let mut missing = Vec::new();
        let mut seen = 0;
        // The folder and its subfolders (src/ui/hooks).
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(dir)];
        while let Some(d) = dirs.pop() {
            for entry in std::fs::read_dir(&d).expect("src/ui") {
                let path = entry.expect("entry").path();
                if path.is_dir() { dirs.push(path) } else { files.push(path) }
            }
        }
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (at, _) in text.match_indices("t(\"") {
                // `t(` on its own, not the end of another name such as `set(`.
                let before = text[..at].chars().next_back().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                let literal = text[at + 3..].split('"').next().unwrap_or_default();
                seen += 1;
                if vi(literal).is_none() {
                    missing.push(format!("{}: {literal}", path.display()));
                }
            }
        }
        assert!(seen > 40, "only {seen} translated literals found");
        assert!(missing.is_empty(), "no Vietnamese for: {missing:#?}");
    }

    #[test]
    fn english_is_as_written_and_vietnamese_is_whole() {
        assert_eq!(tr(Lang::En, "Patterns"), "Patterns");
        assert_eq!(tr(Lang::Vi, "Patterns"), "Mẫu kiến trúc");
        assert_eq!(crate::model::ComponentKind::Queue.name(Lang::Vi), "Hàng đợi");
    }
}
