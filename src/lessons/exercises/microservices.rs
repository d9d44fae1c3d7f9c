//! Exercise 5, microservices: an API Gateway in front of three or more services, each
//! with a database only it writes, and an event bus or topic carrying side effects to
//! their own consumers; then every side effect (whatever the services reach beyond
//! each other and their own databases, by events or by a synchronous call) is taken
//! down and users must see no error.

use super::common::{client_report, downstream, names, no_client_report, no_test_client, refused, sim_failed};
use super::Exercise;
use crate::lessons::graph::{list_en, list_vi, name, of_kind, sources, targets, COMPUTE};
use crate::lessons::simulate;
use crate::lessons::text::Text;
use crate::lessons::verdict::{fail, finding_codes, pass, Finding};
use crate::model::{Component, ComponentId, ComponentKind as K, ConnectionKind as C, Diagram};
use std::collections::BTreeSet;

finding_codes! {
    Refused => "aws-refuses",
    FrontDoor => "front-door",
    Services => "services",
    OwnDatabase => "own-database",
    NoSharedDatabase => "no-shared-database",
    AsyncSideEffects => "async-side-effects",
    /// With every side effect down, users saw no error.
    SideEffectsIsolated => "side-effects-isolated",
}

pub(super) const EXERCISE: Exercise = Exercise {
    id: "microservices",
    title: Text { en: "A microservices architecture", vi: "Kiến trúc microservices" },
    goal: Text {
        en: "Draw a microservices app: an API Gateway in front of at least three services, each with a database of its own (no database shared between services), and an event bus or topic that carries side effects such as notifications, analytics or search to their own consumers. The check takes every side-effect consumer down: users must not notice.",
        vi: "Vẽ một ứng dụng microservices: API Gateway đứng trước ít nhất ba service, mỗi service có database riêng (không service nào dùng chung database), và một event bus hoặc topic mang các việc phụ như thông báo, analytics hay search tới consumer riêng của chúng. Bài kiểm tra sẽ tắt hết các consumer việc phụ: người dùng không được nhận ra điều gì.",
    },
    hints: &[
        Text {
            en: "The API Gateway calls each service synchronously: the user needs an answer. Side effects (e-mail, analytics, search) are not part of that answer: publish them as events.",
            vi: "API Gateway gọi từng service theo kiểu sync: người dùng cần câu trả lời. Các việc phụ (e-mail, analytics, search) không thuộc câu trả lời đó: hãy publish chúng thành event.",
        },
        Text {
            en: "If two services need the same data, one owns it and the other gets it through an API or an event, never by writing to the same table.",
            vi: "Nếu hai service cần cùng dữ liệu, một service sở hữu nó, service kia lấy qua API hoặc event, chứ không bao giờ ghi chung một bảng.",
        },
    ],
    check,
    solution,
};

const CHANNELS: &[K] = &[K::EventBus, K::Topic, K::Queue, K::Stream];

fn check(d: &Diagram) -> Vec<Finding> {
    if let Some(f) = refused(d, Code::Refused) {
        return vec![f];
    }
    let mut out = Vec::new();
    let gateways = of_kind(d, K::ApiGateway);
    let front = gateways.iter().max_by_key(|g| targets(d, g.id, Some(C::Call), COMPUTE).len()).copied();
    let services: Vec<&Component> = front.map(|g| targets(d, g.id, Some(C::Call), COMPUTE)).unwrap_or_default();
    let Some(gw) = front.filter(|_| !services.is_empty()) else {
        out.push(fail(Code::FrontDoor, msg!(
            "There is no API Gateway calling services: put one in front, and connect it to each service.",
            "Chưa có API Gateway nào gọi tới service: hãy đặt một cái phía trước và nối nó tới từng service."
        )));
        return out;
    };
    let g = &gw.name;
    let (list, list_v) = (list_en(&names(&services)), list_vi(&names(&services)));
    if services.len() < 3 {
        let n = services.len();
        out.push(fail(Code::Services, msg!(
            "{g} reaches {n} service(s) ({list}); a microservices app here needs at least three, each doing one job.",
            "{g} mới tới được {n} service ({list_v}); ứng dụng microservices ở đây cần ít nhất ba service, mỗi service làm một việc."
        )));
        return out;
    }
    out.push(pass(Code::Services, msg!("{g} calls the services {list}.", "{g} gọi các service {list_v}.")));
    let mut own = true;
    for s in &services {
        if targets(d, s.id, Some(C::Write), &[K::Database]).is_empty() {
            own = false;
            let sn = &s.name;
            out.push(fail(Code::OwnDatabase, msg!(
                "{sn} has no database of its own: give each service a database that only it writes to.",
                "{sn} chưa có database riêng: hãy cho mỗi service một database chỉ mình nó ghi vào."
            )));
        }
    }
    if own {
        out.push(pass(Code::OwnDatabase, msg!("Every service writes to a database.", "Service nào cũng ghi vào database của mình.")));
    }
    let mut shared = false;
    for db in of_kind(d, K::Database) {
        let writers = sources(d, db.id, Some(C::Write), COMPUTE);
        if writers.len() >= 2 {
            shared = true;
            let dbn = &db.name;
            let (who, who_vi) = (list_en(&names(&writers)), list_vi(&names(&writers)));
            out.push(fail(Code::NoSharedDatabase, msg!(
                "The database {dbn} is written by {who}: each service should own its data. Let one service own it, and the other ask through its API or react to its events.",
                "Database {dbn} đang bị {who_vi} cùng ghi: mỗi service phải sở hữu dữ liệu của mình. Hãy để một service sở hữu nó, service kia hỏi qua API hoặc phản ứng với event của nó."
            )));
        }
    }
    if !shared {
        out.push(pass(Code::NoSharedDatabase, msg!("No database is shared between services.", "Không có database nào bị các service dùng chung.")));
    }
    // The core: the gateway, the services and their own databases. Everything else
    // the services reach is a side effect, however it is reached.
    let mut core: BTreeSet<ComponentId> = services.iter().map(|s| s.id).collect();
    core.insert(gw.id);
    for s in &services {
        core.extend(targets(d, s.id, Some(C::Write), &[K::Database]).iter().map(|db| db.id));
    }
    let mut channel_names = Vec::new();
    let mut side: BTreeSet<ComponentId> = BTreeSet::new();
    for s in &services {
        for reached in downstream(d, s.id, &core) {
            let Some(c) = d.component(reached) else { continue };
            if CHANNELS.contains(&c.kind()) {
                if d.outgoing(c.id).any(|e| e.kind != C::Redrive) && !channel_names.contains(&c.name) && targets(d, s.id, None, CHANNELS).iter().any(|t| t.id == c.id) {
                    channel_names.push(c.name.clone());
                }
            } else {
                side.insert(reached);
            }
        }
    }
    if channel_names.is_empty() {
        out.push(fail(Code::AsyncSideEffects, msg!(
            "Nothing is asynchronous: have the services publish events to an event bus (or a topic) and give notifications, analytics or search their own consumers there.",
            "Chưa có gì async cả: hãy cho các service publish event lên một event bus (hoặc topic), và để thông báo, analytics hay search có consumer riêng ở đó."
        )));
        return out;
    }
    let (ch, ch_vi) = (list_en(&channel_names), list_vi(&channel_names));
    out.push(pass(Code::AsyncSideEffects, msg!(
        "The services publish to {ch}, which carries side effects to their own consumers.",
        "Các service publish lên {ch_vi}, nơi chuyển các việc phụ tới consumer riêng của chúng."
    )));
    if out.iter().all(|f| f.passed) {
        // Side effects a service reaches itself, not through a channel: the usual
        // reason users notice.
        let direct: Vec<String> = side
            .iter()
            .filter(|id| d.incoming(**id).any(|c| core.contains(&c.from) && !CHANNELS.contains(&d.component(c.from).map_or(K::Client, |f| f.kind()))))
            .map(|id| name(d, *id))
            .collect();
        let side: Vec<ComponentId> = side.into_iter().collect();
        out.push(all_side_effects_down(d, gw.id, &side, &direct));
    }
    out
}

fn all_side_effects_down(d: &Diagram, gateway: ComponentId, side: &[ComponentId], direct: &[String]) -> Finding {
    let mut d = d.clone();
    simulate::silence_sources(&mut d);
    let payload = crate::lessons::patterns::MICRO_EVENT;
    let Some(users) = simulate::add_test_client(&mut d, "Check: users", gateway, 10.0, Some(payload)) else {
        return sim_failed(Code::SideEffectsIsolated, no_test_client("API Gateway"));
    };
    for id in side {
        if let Some(c) = d.component_mut(*id) {
            c.faults.down = true;
        }
    }
    let down: Vec<String> = side.iter().map(|id| name(&d, *id)).collect();
    let (down_en, down_vi) = (list_en(&down), list_vi(&down));
    let sim = match simulate::run(&d, 60.0) {
        Ok(sim) => sim,
        Err(why) => return sim_failed(Code::SideEffectsIsolated, why),
    };
    let Some(seen) = client_report(&sim, users) else { return sim_failed(Code::SideEffectsIsolated, no_client_report()) };
    let (sent, errors) = (seen.sent, seen.errors_total());
    if errors == 0 && seen.ok > 0 {
        pass(Code::SideEffectsIsolated, msg!(
            "With {down_en} down, users saw no error in {sent} requests: side effects are decoupled from the answer.",
            "Khi {down_vi} chết, người dùng không gặp lỗi nào trong {sent} request: các việc phụ đã tách khỏi câu trả lời."
        ))
    } else if direct.is_empty() {
        fail(Code::SideEffectsIsolated, msg!(
            "With {down_en} down, {errors} of {sent} user requests failed: a side effect is still on the path users wait for. Make the services publish and move on instead of calling it.",
            "Khi {down_vi} chết, có {errors}/{sent} request của người dùng bị lỗi: vẫn còn việc phụ nằm trên đường người dùng phải chờ. Hãy cho service publish rồi đi tiếp thay vì gọi trực tiếp."
        ))
    } else {
        let (direct_en, direct_vi) = (list_en(direct), list_vi(direct));
        fail(Code::SideEffectsIsolated, msg!(
            "With {down_en} down, {errors} of {sent} user requests failed: a service calls {direct_en} itself, so users wait for it. Have the service publish an event instead and let {direct_en} consume it from the bus or topic.",
            "Khi {down_vi} chết, có {errors}/{sent} request của người dùng bị lỗi: một service tự gọi {direct_vi}, nên người dùng phải chờ nó. Hãy cho service publish event thay vào đó, và để {direct_vi} nhận event từ bus hoặc topic."
        ))
    }
}

fn solution() -> Diagram {
    crate::lessons::patterns::pattern("microservices").map(|p| p.diagram()).unwrap_or_default()
}
