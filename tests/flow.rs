//! Flow tests: keys in, state and screen out.

mod common;

use common::{app, keys, screen};
use jixiao::app::{Effect, Mode, ModeKind, Pane};
use jixiao::core::Lang;
use jixiao::core::engine::MetricId;
use jixiao::core::format::load;
use jixiao::core::model::FieldId;
use rust_decimal_macros::dec;

fn f1(app: &jixiao::app::App) -> Option<rust_decimal::Decimal> {
    app.derived
        .metric(MetricId::AppropriationIncomeVarianceRate)
        .and_then(|m| m.display)
}

fn score_of(app: &jixiao::app::App, code: &str) -> rust_decimal::Decimal {
    let flat = app.workbook.table.flatten();
    let i = flat
        .iter()
        .position(|(_, ind)| ind.code == code)
        .expect("code");
    app.derived.scores.indicators[i].score
}

#[test]
fn search_edit_undo_save_reload() {
    let (mut app, _dir, path) = app();
    assert_eq!(f1(&app), Some(dec!(19.58)));
    assert_eq!(app.derived.total_display(), dec!(94.00));

    keys(&mut app, "/ 财政拨款收入预算数 <enter>");
    assert_eq!(app.pane, Pane::Budget);
    assert!(screen(&mut app, 120, 40).contains("财政拨款收入预算数"));

    keys(&mut app, "<enter>");
    assert!(
        matches!(&app.mode, Mode::Edit(e) if e.buffer == "731.80"),
        "editor holds the current value"
    );
    keys(&mut app, "<c-u> 588.55");
    // Live preview while typing a valid value.
    assert_eq!(f1(&app), Some(dec!(0.00)));
    keys(&mut app, "<enter>");
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(f1(&app), Some(dec!(0.00)));
    assert_eq!(score_of(&app, "A3.1"), dec!(5));
    assert_eq!(app.derived.total_display(), dec!(99.00));
    assert!(app.dirty);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("0.00%"), "{shown}");
    assert!(shown.contains("99 / 100"), "{shown}");

    keys(&mut app, "u");
    assert_eq!(f1(&app), Some(dec!(19.58)));
    assert_eq!(app.derived.total_display(), dec!(94.00));
    assert!(!app.dirty, "undo back to the loaded state clears the mark");
    keys(&mut app, "<c-r>");
    assert_eq!(f1(&app), Some(dec!(0.00)));

    keys(&mut app, "<c-s>");
    assert!(!app.dirty);
    assert!(screen(&mut app, 120, 40).contains("已保存"));
    let text = std::fs::read_to_string(&path).expect("saved file");
    let reloaded = load(&text).expect("loads").workbook;
    assert_eq!(reloaded, app.workbook);
    assert_eq!(
        FieldId::AppropriationIncomeBudget.get(&reloaded),
        Some(dec!(588.55))
    );
    let again = jixiao::core::engine::derive(&reloaded);
    assert_eq!(again.total_display(), dec!(99.00));
}

#[test]
fn bad_amounts_keep_the_stored_value_and_say_why() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "/ 财政拨款收入预算数 <enter> <enter> <c-u> 12a");
    let Mode::Edit(editor) = &app.mode else {
        panic!("editor open")
    };
    assert_eq!(editor.buffer, "12a", "typed text kept for correction");
    assert!(editor.error.is_some());
    assert_eq!(
        FieldId::AppropriationIncomeBudget.get(&app.workbook),
        Some(dec!(731.80))
    );
    assert_eq!(
        f1(&app),
        Some(dec!(19.58)),
        "derived figures keep the old value"
    );
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("不是数字"), "{shown}");

    // Enter does not commit bad text.
    keys(&mut app, "<enter>");
    assert!(matches!(app.mode, Mode::Edit(_)));
    for (bad, why) in [
        ("1.2.3", "小数点多于一个"),
        ("1.234", "小数位数过多"),
        ("-5", "不能为负数"),
    ] {
        keys(&mut app, &format!("<c-u> {bad}"));
        let status = app.status.clone().expect("status");
        assert!(
            status.is_error && status.text.contains(why),
            "{bad}: {}",
            status.text
        );
        assert_eq!(
            FieldId::AppropriationIncomeBudget.get(&app.workbook),
            Some(dec!(731.80))
        );
    }
    // Full-width digits as an IME types them are fine.
    keys(&mut app, "<c-u> ５８８．５５ <enter>");
    assert_eq!(
        FieldId::AppropriationIncomeBudget.get(&app.workbook),
        Some(dec!(588.55))
    );

    // Esc restores the old value.
    keys(&mut app, "<enter> <c-u> 1 <esc>");
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(
        FieldId::AppropriationIncomeBudget.get(&app.workbook),
        Some(dec!(588.55))
    );
}

#[test]
fn english_messages_with_lang_en() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = common::app_at(&dir.path().join("w.json"), Lang::En);
    keys(
        &mut app,
        "/ appropriation_income_budget <enter> <enter> <c-u> abc",
    );
    let status = app.status.clone().expect("status");
    assert!(status.text.contains("not a number"), "{}", status.text);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Total"), "{shown}");
}

#[test]
fn levels_choice_changes_score_and_total() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "/ 效果性 <enter>");
    assert_eq!(app.pane, Pane::Indicators);
    assert_eq!(score_of(&app, "D3"), dec!(4));
    keys(&mut app, "<enter>");
    assert!(matches!(app.mode, Mode::Choice(_)));
    keys(&mut app, "<up> <enter>");
    assert_eq!(score_of(&app, "D3"), dec!(5));
    assert_eq!(app.derived.total_display(), dec!(95.00));
    keys(&mut app, "u");
    assert_eq!(score_of(&app, "D3"), dec!(4));
}

#[test]
fn checklist_toggle_deducts() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "/ 信息公开 <enter> <enter>");
    assert!(matches!(app.mode, Mode::Choice(_)));
    keys(&mut app, "<space> <enter>");
    assert_eq!(score_of(&app, "C1"), dec!(2.5));
}

#[test]
fn reason_editor_caret_on_chinese() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "/ 效果性 <enter> <right> <enter>");
    let Mode::Edit(editor) = &app.mode else {
        panic!("editor")
    };
    assert!(editor.buffer.starts_with("预算年度内"));
    keys(&mut app, "<c-u> 目标达成 <left> <left> 基本 <enter>");
    let flat = app.workbook.table.flatten();
    let d3 = flat.iter().find(|(_, i)| i.code == "D3").expect("D3").1;
    assert_eq!(d3.entry.deduction_reason, "目标基本达成");
}

#[test]
fn quit_asks_and_esc_stays() {
    let (mut app, _dir, path) = app();
    assert_eq!(
        keys(&mut app, "q"),
        Effect::Quit,
        "no changes: quits at once"
    );

    let (mut app, _dir, _) = common::app();
    keys(&mut app, "/ 年度实际支出 <enter> <enter> <c-u> 500 <enter>");
    assert!(app.dirty);
    assert_eq!(keys(&mut app, "q"), Effect::None);
    assert_eq!(app.mode, Mode::ConfirmQuit);
    assert!(screen(&mut app, 120, 40).contains("未保存的修改"));
    keys(&mut app, "<esc>");
    assert_eq!(app.mode, Mode::Browse);
    assert!(!app.should_quit);
    assert!(app.dirty);
    assert_eq!(keys(&mut app, "q d"), Effect::Quit);
    assert!(!path.exists(), "discard writes nothing");

    let (mut app, _dir, path) = common::app();
    keys(
        &mut app,
        "/ 年度实际支出 <enter> <enter> <c-u> 500 <enter> q s",
    );
    assert!(app.should_quit);
    assert!(path.exists());
}

#[test]
fn checks_pane_jumps_to_the_field() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "5");
    let target = app
        .derived
        .warnings
        .iter()
        .position(|w| format!("{:?}", w.code) == "CarryoverIdentity")
        .expect("carry-over warning");
    for _ in 0..target {
        keys(&mut app, "j");
    }
    keys(&mut app, "<enter>");
    assert_eq!(app.pane, Pane::Budget);
    let rows = jixiao::app::rows::budget_rows();
    assert_eq!(
        rows[app.selected()],
        jixiao::app::BudgetRow::Field(FieldId::OpeningAppropriationCarryover)
    );
}

#[test]
fn fold_and_search_unfolds() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "3 <enter>");
    assert!(app.folds.indicators.contains("A"));
    let folded = app.row_count(Pane::Indicators);
    keys(&mut app, "/ A3.1 <enter>");
    assert_eq!(app.pane, Pane::Indicators);
    assert!(
        !app.folds.indicators.contains("A"),
        "jump unfolds the parent"
    );
    assert!(app.row_count(Pane::Indicators) > folded);
    // n goes on to the next match, N back.
    keys(&mut app, "/ 差异率 <enter>");
    let first = (app.pane, app.selected());
    keys(&mut app, "n");
    assert_ne!((app.pane, app.selected()), first);
    keys(&mut app, "N");
    assert_eq!((app.pane, app.selected()), first);
}

#[test]
fn revert_to_saved_is_undoable() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "/ 年度实际支出 <enter> <enter> <c-u> 500 <enter>");
    assert!(app.dirty);
    keys(&mut app, "R");
    assert!(!app.dirty);
    assert_eq!(
        FieldId::ActualExpenditure.get(&app.workbook),
        Some(dec!(588.55))
    );
    keys(&mut app, "u");
    assert_eq!(
        FieldId::ActualExpenditure.get(&app.workbook),
        Some(dec!(500))
    );
}

#[test]
fn read_only_refuses_edits_with_a_reason() {
    let (mut app, _dir, path) = app();
    app.read_only = Some(jixiao::core::Bilingual::new("审核模式", "review mode"));
    keys(&mut app, "2 j j <enter>");
    assert_eq!(app.mode, Mode::Browse);
    let status = app.status.clone().expect("status");
    assert!(status.text.contains("只读") && status.text.contains("审核模式"));
    assert_eq!(keys(&mut app, "<c-s>"), Effect::None);
    assert!(!path.exists());
}

#[test]
fn every_size_renders_without_panic() {
    let (mut app, _dir, _path) = app();
    for pane in ["1", "2", "3", "4", "5", "?"] {
        keys(&mut app, pane);
        for w in (1..=300).step_by(37) {
            for h in (1..=100).step_by(13) {
                let _ = screen(&mut app, w, h);
            }
        }
        keys(&mut app, "<esc>");
    }
    let small = screen(&mut app, 40, 10);
    assert!(small.contains("窗口太小"), "{small}");
}

#[test]
fn help_lists_every_binding_when_scrolled() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "?");
    let mut seen = String::new();
    for _ in 0..80 {
        seen.push_str(&screen(&mut app, 80, 24));
        keys(&mut app, "j");
    }
    let workbench_modes = [
        ModeKind::Browse,
        ModeKind::Edit,
        ModeKind::Search,
        ModeKind::Choice,
        ModeKind::ConfirmQuit,
        ModeKind::Help,
    ];
    for b in jixiao::app::keymap::BINDINGS
        .iter()
        .filter(|b| workbench_modes.contains(&b.mode))
    {
        assert!(
            seen.contains(b.help.get(Lang::Zh)),
            "help misses {:?}",
            b.help
        );
    }
    keys(&mut app, "<esc>");
    assert_eq!(app.mode, Mode::Browse);
}

#[test]
fn export_report_and_tables_from_the_workbench() {
    let (mut app, dir, path) = app();
    keys(&mut app, "x");
    assert!(matches!(&app.mode, Mode::Export(e) if e.buffer.ends_with("workbook-自评报告.md")));
    keys(&mut app, "<enter>");
    let report = std::fs::read_to_string(dir.path().join("workbook-自评报告.md")).expect("report");
    assert!(report.contains("19.58%"));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("已导出"))
    );
    let xlsx = dir.path().join("表.xlsx");
    keys(&mut app, &format!("x <c-u> {} <enter>", xlsx.display()));
    assert!(std::fs::metadata(&xlsx).expect("xlsx").len() > 1000);
    assert!(!path.exists(), "exporting does not save the workbook");
}

#[test]
fn the_export_prompt_offers_word_and_refuses_unknown_extensions() {
    let (mut app, dir, _path) = app();
    keys(&mut app, "x");
    let prompt = screen(&mut app, 160, 30);
    assert!(prompt.contains(".docx Word 报告"), "{prompt}");
    let docx = dir.path().join("报告.docx");
    keys(&mut app, &format!("<c-u> {} <enter>", docx.display()));
    let bytes = std::fs::read(&docx).expect("docx written");
    assert!(bytes.starts_with(b"PK"));
    let odd = dir.path().join("报告.txt");
    keys(&mut app, &format!("x <c-u> {} <enter>", odd.display()));
    assert!(
        !odd.exists(),
        "an unknown extension is neither a file nor a folder"
    );
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("导出失败") && s.text.contains(".docx")),
        "{:?}",
        app.status
    );
}

#[test]
fn mouse_click_selects_the_row_under_it_and_the_wheel_scrolls() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "2");
    let _ = screen(&mut app, 120, 40);
    // Header 3 lines, the pane's border, its column titles: rows start at y = 5.
    let row = jixiao::ui::hit_test(&app, 10, 7).expect("a row");
    assert_eq!(row, 2);
    app.update(jixiao::app::Action::SelectRow(row));
    assert_eq!(app.selected(), 2);
    assert_eq!(
        jixiao::ui::hit_test(&app, 10, 1),
        None,
        "the header is not a row"
    );
    app.update(jixiao::app::Action::ScrollDown);
    app.update(jixiao::app::Action::ScrollDown);
    assert_eq!(app.selected(), 4);
    // The cell being edited shows the typed text inline.
    keys(&mut app, "/ 财政拨款收入预算数 <enter> <enter> <c-u> 600");
    assert!(screen(&mut app, 120, 40).contains("600▏"));
}

#[test]
fn page_down_at_80x24_moves_by_the_rows_actually_visible() {
    let (mut app, _dir, _path) = app();
    keys(&mut app, "2");
    let before = screen(&mut app, 80, 24);
    // The narrow layout puts the detail panel below the pane: 9 table rows show.
    let visible = before
        .lines()
        .skip(5)
        .take_while(|line| !line.starts_with('└'))
        .count();
    assert_eq!(app.page_rows(), visible);
    assert_eq!(visible, 9);
    keys(&mut app, "<pgdn>");
    assert_eq!(app.selected(), 9);
    keys(&mut app, "<pgdn> <pgup>");
    assert_eq!(app.selected(), 9);
    keys(&mut app, "<pgup>");
    assert_eq!(app.selected(), 0);
}
