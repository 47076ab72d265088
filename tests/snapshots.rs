//! insta snapshots of every pane at 80x24 and 160x48, with Chinese text.

mod common;

use common::{app, keys, screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn snap_pane(pane_key: &str, setup: &str, name: &str) {
    for (w, h) in [(80, 24), (160, 48)] {
        let (mut app, _dir, _path) = app();
        app.path = std::path::PathBuf::from("workbook.json");
        keys(&mut app, pane_key);
        keys(&mut app, setup);
        let shown = screen(&mut app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
    }
}

#[test]
fn summary_pane() {
    snap_pane("1", "", "summary");
}

#[test]
fn budget_pane_on_a_ratio() {
    snap_pane("2", "/ 财政拨款收入预决算差异率 <enter>", "budget");
}

#[test]
fn indicators_pane() {
    snap_pane("3", "/ A3.1 <enter>", "indicators");
}

#[test]
fn workload_pane() {
    snap_pane("4", "/ 组织筹备各类会议 <enter>", "workload");
}

#[test]
fn checks_pane() {
    snap_pane("5", "", "checks");
}

#[test]
fn help_overlay() {
    snap_pane("?", "", "help");
}

#[test]
fn editor_with_an_error() {
    snap_pane(
        "2",
        "/ 财政拨款收入预算数 <enter> <enter> <c-u> 12a",
        "editor_error",
    );
}

#[test]
fn english_summary() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = common::app_at(
        std::path::Path::new("workbook.json"),
        jixiao::core::Lang::En,
    );
    let _ = dir;
    insta::assert_snapshot!("summary_en_120x36", screen(&mut app, 120, 36));
}

#[test]
fn no_color_theme_uses_no_colours_but_marks_selection() {
    let (mut app, _dir, _path) = app();
    app.monochrome = true;
    keys(&mut app, "3");
    app.update(jixiao::app::Action::Resize(100, 30));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| jixiao::ui::render(&app, f))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let mut reversed = 0;
    for cell in &buffer.content {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "colour used: {cell:?}"
        );
        if cell.modifier.contains(ratatui::style::Modifier::REVERSED) {
            reversed += 1;
        }
    }
    assert!(reversed > 0, "the selection is still visible");
}

#[test]
fn unit_pane_with_team() {
    snap_pane("6", "/ 评价工作组 <enter> <down>", "unit");
}

#[test]
fn report_text_pane() {
    snap_pane("7", "<down>", "report_text");
}

#[test]
fn report_text_editor_on_chinese_text() {
    snap_pane("7", "<enter> <home> 新增： <c-n>", "report_editor");
}
