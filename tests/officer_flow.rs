//! Issue 16: an officer makes their own unit's self-evaluation from nothing —
//! identity, team, every narrative section, figures, scores with reasons —
//! then saves, reopens and exports; nothing of the sample's unit remains.

mod common;

use common::{app_at, keys, screen};
use jixiao::app::narrative::Section;
use jixiao::app::{Mode, Pane};
use jixiao::core::Lang;
use jixiao::core::engine::WarningCode;
use jixiao::core::format::{load, to_json};
use jixiao::core::model::FieldId;
use jixiao::core::newbook::blank_workbook;
use jixiao::core::sample::sample_workbook;
use jixiao::core::templates::Template;
use rust_decimal_macros::dec;

const UNIT: &str = "湛江市霞山区教育局";

fn codes(app: &jixiao::app::App) -> Vec<WarningCode> {
    app.derived.warnings.iter().map(|w| w.code).collect()
}

fn fill_identity(h: &mut common::Harness) {
    keys(h, "/ 单位名称 <enter>");
    assert_eq!(h.pane, Pane::Unit, "/单位名称 finds the unit pane");
    keys(h, &format!("<enter> <c-u> {UNIT} <enter>"));
    assert_eq!(h.workbook.unit.name, UNIT);
    keys(h, "/ 评价年度 <enter> <enter> <c-u> 24 <enter>");
    assert!(
        matches!(h.mode, Mode::Edit(_)),
        "a two-digit year is refused"
    );
    keys(h, "<c-u> 2024 <enter>");
    assert_eq!(h.workbook.unit.fiscal_year, 2024);
    keys(h, "/ 通知文号 <enter> <enter> 湛霞财〔2025〕12号 <enter>");
    keys(
        h,
        "/ 联系人及电话 <enter> <enter> 陈老师0759-1234567 <enter>",
    );
    assert_eq!(h.workbook.unit.notice_ref, "湛霞财〔2025〕12号");
    // 内设机构: the add row of the list.
    keys(
        h,
        "/ 内设机构 <enter> <down> <enter> 办公室 <enter> a 基础教育股 <enter>",
    );
    assert_eq!(h.workbook.unit.sections, vec!["办公室", "基础教育股"]);
}

fn fill_team(h: &mut common::Harness) {
    keys(
        h,
        "<end> <enter> 林晓 <enter> <right> <enter> 局长 <enter> <right> <enter> 组长 <enter>",
    );
    keys(
        h,
        "<left> <left> a 黄静 <enter> <right> <enter> 财务股股长 <enter>",
    );
    keys(h, "<right> <enter> 成员 <enter>");
    let team = &h.workbook.narrative.team;
    assert_eq!(team.len(), 2);
    assert_eq!(
        (
            team[0].name.as_str(),
            team[0].post.as_str(),
            team[0].role.as_str()
        ),
        ("林晓", "局长", "组长")
    );
    assert_eq!(team[1].post, "财务股股长");
    // Move the second member up, then back down (two undoable edits).
    keys(h, "K");
    assert_eq!(h.workbook.narrative.team[0].name, "黄静");
    keys(h, "J");
    assert_eq!(h.workbook.narrative.team[0].name, "林晓");
    let shown = screen(h, 80, 24);
    assert!(shown.contains("财务股股长"), "{shown}");
}

fn fill_narrative(h: &mut common::Harness) {
    keys(h, "7");
    for (i, _) in Section::ALL.iter().enumerate() {
        keys(
            h,
            &format!("<enter> 教育局第{i}部分第一段。 <c-n> 第二段。 <enter> <down>"),
        );
    }
    for (i, section) in Section::ALL.iter().enumerate() {
        assert_eq!(
            section.get(&h.workbook.narrative),
            format!("教育局第{i}部分第一段。\n第二段。")
        );
    }
    // Undo per edit: one u takes back only the last section.
    keys(h, "u");
    assert_eq!(Section::Other.get(&h.workbook.narrative), "");
    keys(h, "<c-r>");
    assert!(!Section::Other.get(&h.workbook.narrative).is_empty());
}

fn fill_figures_and_scores(h: &mut common::Harness) {
    keys(h, "/ 财政拨款收入预算数 <enter> <enter> 800 <enter>");
    keys(h, "/ 财政拨款收入决算数 <enter> <enter> 820 <enter>");
    assert_eq!(
        FieldId::AppropriationIncomeBudget.get(&h.workbook),
        Some(dec!(800))
    );
    assert_eq!(
        FieldId::AppropriationIncomeFinal.get(&h.workbook),
        Some(dec!(820))
    );
    // A2 一般: points lost without a reason raise a warning that jumps to the reason.
    keys(h, "/ A2 <enter> <enter> 3 <enter>");
    assert!(
        codes(h).contains(&WarningCode::ReasonMissing),
        "{:?}",
        codes(h)
    );
    let at = h
        .derived
        .warnings
        .iter()
        .position(|w| w.code == WarningCode::ReasonMissing)
        .expect("warning");
    keys(h, "5");
    keys(h, &"<down> ".repeat(at));
    keys(h, "<enter>");
    assert_eq!((h.pane, h.column[Pane::Indicators]), (Pane::Indicators, 1));
    keys(h, "<enter> 部分项目预算编制不够细化 <enter>");
    assert!(!codes(h).contains(&WarningCode::ReasonMissing));
    // Full marks again: the reason left behind is flagged.
    keys(h, "<left> <enter> 1 <enter>");
    assert!(
        codes(h).contains(&WarningCode::ReasonStale),
        "{:?}",
        codes(h)
    );
    keys(
        h,
        "<right> <enter> <c-u> <enter> <left> <enter> 3 <enter> <right> <enter> 部分项目预算编制不够细化 <enter>",
    );
    assert!(!codes(h).contains(&WarningCode::ReasonStale));
}

#[test]
fn a_new_unit_from_nothing_saves_reopens_and_exports_without_the_sample() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("jiaoyuju-2024.json");
    let blank = blank_workbook("新单位", 2023, Template::Seed.table());
    std::fs::write(&path, to_json(&blank)).expect("blank file");
    let mut h = app_at(&path, Lang::Zh);

    fill_identity(&mut h);
    fill_team(&mut h);
    fill_narrative(&mut h);
    fill_figures_and_scores(&mut h);

    // Nothing printed yet, so no printed-figure warning; P fills them.
    assert!(h.workbook.reported.total_score.is_none());
    assert!(!codes(&h).contains(&WarningCode::ReportedDiffers));
    keys(&mut h, "P");
    assert_eq!(
        h.workbook.reported.total_score,
        Some(h.derived.total_display())
    );
    assert!(!codes(&h).contains(&WarningCode::ReportedDiffers));

    keys(&mut h, "<c-s>");
    assert!(!h.dirty, "{:?}", h.status);
    let reopened = load(&std::fs::read_to_string(&path).expect("saved"))
        .expect("loads")
        .workbook;
    assert_eq!(reopened, h.workbook);
    let again = app_at(&path, Lang::Zh);
    assert_eq!(again.workbook.unit.name, UNIT);

    let report = dir.path().join("report.md");
    keys(&mut h, &format!("x <c-u> {} <enter>", report.display()));
    let text = std::fs::read_to_string(&report).expect("exported");
    assert!(text.contains(UNIT) && text.contains("2024"), "{text}");
    assert!(text.contains("教育局第0部分第一段"), "{text}");
    assert!(text.contains("林晓") && text.contains("财务股股长"));
    let sample = sample_workbook();
    assert!(!text.contains(&sample.unit.name));
    for member in &sample.narrative.team {
        assert!(
            !text.contains(&member.name),
            "sample member {}",
            member.name
        );
    }
    let prose: String = sample.narrative.functions.chars().take(12).collect();
    assert!(!text.contains(&prose), "sample prose {prose}");
}

#[test]
fn new_panes_fit_at_80x24_and_say_their_keys() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut h = app_at(&dir.path().join("none.json"), Lang::Zh);
    keys(&mut h, "6");
    let shown = screen(&mut h, 80, 24);
    assert!(
        shown.contains("单位名称") && shown.contains("6 单位"),
        "{shown}"
    );
    keys(&mut h, "7 <enter>");
    let editing = screen(&mut h, 80, 24);
    assert!(editing.contains("Ctrl-N 换行"), "{editing}");
    keys(&mut h, "<esc>");
    assert_eq!(h.mode, Mode::Browse);
}

#[test]
fn an_unfinished_workbook_shows_no_grade_in_the_header() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("new.json");
    let blank = blank_workbook(UNIT, 2024, Template::Seed.table());
    std::fs::write(&path, to_json(&blank)).expect("blank file");
    let mut h = app_at(&path, Lang::Zh);
    let shown = screen(&mut h.app, 120, 36);
    let header = shown.lines().nth(1).expect("header line");
    assert!(header.contains("等级 未评定"), "{header}");
    assert!(!header.contains("等级 差"), "{header}");
}
