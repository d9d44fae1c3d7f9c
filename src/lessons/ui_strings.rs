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
        _ => return None,
    })
}

/// Component kinds' plain names (AWS names stay English).
pub fn kind_name(kind: crate::model::ComponentKind, lang: Lang) -> &'static str {
    use crate::model::ComponentKind::*;
    if lang == Lang::En {
        return kind.plain_name();
    }
    match kind {
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
    }
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
        for entry in std::fs::read_dir(dir).expect("src/ui") {
            let path = entry.expect("entry").path();
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
        assert_eq!(kind_name(crate::model::ComponentKind::Queue, Lang::Vi), "Hàng đợi");
    }
}
