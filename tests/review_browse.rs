//! Reviewer mode, browsing many units: the unit comment under 备注, the year
//! and status filters, names in pinyin order, Enter on a matrix cell opening
//! that unit at that indicator, and the unit's report text in the drill-in.
//! Driven by keys through `ReviewApp::update`; screens at 80×24 and 160×48.

use std::path::{Path, PathBuf};

use jixiao::app::review::{ReviewApp, Screen};
use jixiao::app::{Action, App, Mode, Pane};
use jixiao::core::Lang;
use jixiao::core::model::{Rule, RuleKind};
use jixiao::review::ReviewStatus;
use jixiao::review::session::ReviewSession;
use jixiao::review::view::Column;
use rust_decimal::Decimal;

#[path = "support/terminal.rs"]
mod terminal;

/// (file, unit, year): file order is neither pinyin nor code-point order.
const UNITS: [(&str, &str, u16); 6] = [
    ("a.json", "重庆市教育委员会", 2021),
    ("b.json", "长沙市财政局", 2022),
    ("c.json", "财政局", 2023),
    ("d.json", "教育局", 2024),
    ("e.json", "安徽省财政厅", 2023),
    ("f.json", "12345热线服务中心", 2022),
];

/// The code of the leaf scored 4.98 of 5 in 财政局's workbook.
const NEAR_FULL: &str = "A1";

fn write_units(dir: &Path) {
    for (file, unit, year) in UNITS {
        let mut wb = jixiao::core::sample::sample_workbook();
        unit.clone_into(&mut wb.unit.name);
        wb.unit.fiscal_year = year;
        if unit == "财政局" {
            set_near_full(&mut wb);
            jixiao::app::narrative::Section::Problems.set(
                &mut wb.narrative,
                &"预算编制不够精细，部分项目执行进度偏慢，绩效目标设定不够明确。".repeat(6),
            );
        }
        std::fs::write(dir.join(file), jixiao::core::format::to_json(&wb)).expect("write");
    }
}

/// A1 becomes a manual leaf of weight 5 scored 4.98: a lost 0.02 point.
fn set_near_full(wb: &mut jixiao::core::model::Workbook) {
    let index = wb
        .table
        .flatten()
        .iter()
        .position(|(_, i)| i.code == NEAR_FULL)
        .expect("A1");
    let leaf = wb.table.nth_mut(index).expect("A1");
    assert!(leaf.children.is_empty(), "A1 is a leaf");
    let old = leaf.weight;
    leaf.weight = Decimal::from(5);
    leaf.rule = Some(Rule {
        metric: None,
        basis: None,
        formula: None,
        kind: RuleKind::Manual,
    });
    leaf.entry.officer_score = Some(Decimal::new(498, 2));
    // Keep the parent's sum: the difference goes to the parent's weight.
    let parent = wb
        .table
        .indicators
        .iter_mut()
        .find(|t| t.children.iter().any(|c| c.code == NEAR_FULL))
        .expect("parent");
    parent.weight += Decimal::from(5) - old;
}

fn folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("units");
    std::fs::create_dir(&dir).expect("dir");
    write_units(&dir);
    (tmp, dir)
}

fn open(dir: &Path) -> ReviewApp {
    let mut app = ReviewApp::new(ReviewSession::open(&[dir.to_path_buf()]), Lang::Zh);
    app.update(Action::Resize(160, 48));
    app
}

fn units_in_view(app: &ReviewApp) -> Vec<String> {
    app.view
        .iter()
        .map(|&r| app.session.rows()[r].unit.clone().unwrap_or_default())
        .collect()
}

fn select_unit(app: &mut ReviewApp, unit: &str) {
    let at = units_in_view(app)
        .iter()
        .position(|u| u == unit)
        .expect("unit in view");
    app.update(Action::SelectRow(at));
}

fn drill(app: &ReviewApp) -> &App {
    match &app.screen {
        Screen::Drill { app, .. } => app,
        other => panic!("not drilled in: {other:?}"),
    }
}

#[test]
fn unit_names_sort_in_pinyin_order_not_by_code_point() {
    let (_tmp, dir) = folder();
    let mut app = open(&dir);
    while app.columns[app.column] != Column::Unit {
        terminal::review_keys(&mut app, "<left>");
    }
    terminal::review_keys(&mut app, "s");
    // The crate reads 长 as zhang and 重 as zhong; digits come first.
    let expected = [
        "12345热线服务中心",
        "安徽省财政厅",
        "财政局",
        "教育局",
        "长沙市财政局",
        "重庆市教育委员会",
    ];
    assert_eq!(
        units_in_view(&app),
        expected,
        "a name column sorts A→Z first"
    );
    let mut by_code_point: Vec<&str> = expected.to_vec();
    by_code_point.sort_unstable();
    assert_ne!(by_code_point, expected, "code point order differs");
    terminal::review_keys(&mut app, "s");
    let reversed: Vec<&str> = expected.iter().rev().copied().collect();
    assert_eq!(units_in_view(&app), reversed, "again: Z→A");
    let shown = terminal::review_screen(&mut app, 160, 48);
    assert!(shown.contains("排序: 单位 ↓"), "{shown}");
}

#[test]
fn year_and_status_filters_narrow_the_list_and_say_so() {
    let (_tmp, dir) = folder();
    let mut app = open(&dir);
    assert_eq!(app.years_present(), [2021, 2022, 2023, 2024]);
    terminal::review_keys(&mut app, "y");
    assert_eq!(units_in_view(&app), ["重庆市教育委员会"]);
    let shown = terminal::review_screen(&mut app, 160, 48);
    assert!(shown.contains("1/6"), "{shown}");
    assert!(shown.contains("筛选: 2021"), "{shown}");
    terminal::review_keys(&mut app, "y y");
    let mut in_2023 = units_in_view(&app);
    in_2023.sort();
    assert_eq!(in_2023, ["安徽省财政厅", "财政局"]);
    terminal::review_keys(&mut app, "y y");
    assert_eq!(app.view.len(), 6, "after the last year: all years again");
    assert!(app.filter.years.is_empty());

    // Status: mark one unit 审核中, then filter.
    select_unit(&mut app, "教育局");
    terminal::review_keys(&mut app, "t");
    let row = app.selected_row().expect("row");
    assert_eq!(app.session.rows()[row].status, ReviewStatus::InReview);
    terminal::review_keys(&mut app, "T");
    assert_eq!(app.filter.statuses, [ReviewStatus::Unreviewed]);
    assert_eq!(app.view.len(), 5);
    assert!(!units_in_view(&app).contains(&"教育局".to_owned()));
    terminal::review_keys(&mut app, "T");
    assert_eq!(units_in_view(&app), ["教育局"]);
    let shown = terminal::review_screen(&mut app, 80, 24);
    assert!(shown.contains("审核中"), "{shown}");
    // Year and status combine; F clears both.
    terminal::review_keys(&mut app, "y");
    assert!(app.view.is_empty(), "教育局 is 2024, not 2021");
    let _ = terminal::review_screen(&mut app, 80, 24);
    terminal::review_keys(&mut app, "F");
    assert_eq!(app.view.len(), 6);
    // Cycling on: 已审, 退回, then all again.
    terminal::review_keys(&mut app, "T T T T");
    assert_eq!(app.filter.statuses, [ReviewStatus::Returned]);
    terminal::review_keys(&mut app, "T");
    assert!(app.filter.statuses.is_empty());
}

#[test]
fn the_unit_comment_shows_under_notes_truncated_by_width_and_in_full_below() {
    let (_tmp, dir) = folder();
    let mut app = open(&dir);
    select_unit(&mut app, "财政局");
    let comment = "政府采购执行率缺少佐证，请补充后重新报送。";
    terminal::review_keys(&mut app, &format!("c {comment} <enter>"));
    let row = app.selected_row().expect("row");
    assert_eq!(app.session.rows()[row].comment, comment);
    assert_eq!(
        Column::Flags
            .cell(&app.session.rows()[row], Lang::Zh)
            .text(),
        comment
    );
    // Scrolled to 备注, the cell holds as much as fits in 16 cells, then "…".
    terminal::review_keys(&mut app, "<end>");
    select_unit(&mut app, "财政局");
    while app.columns[app.column] != Column::Flags {
        terminal::review_keys(&mut app, "<right>");
    }
    let shown = terminal::review_screen(&mut app, 160, 48);
    let cell = jixiao::text::truncate(comment, 16);
    assert!(jixiao::text::width(&cell) <= 16);
    assert!(cell.ends_with('…'));
    assert!(shown.contains(&cell), "{cell} in\n{shown}");
    // The whole comment on the line under the statistics.
    assert!(shown.contains(&format!("备注：{comment}")), "{shown}");
    // Another row: its own (empty) notes.
    select_unit(&mut app, "教育局");
    let shown = terminal::review_screen(&mut app, 160, 48);
    assert!(!shown.contains(&format!("备注：{comment}")), "{shown}");
    // The comment stays with the unit after saving and opening again.
    let effect = app.update(Action::Save);
    jixiao::term::perform_review(&mut app, &effect);
    assert!(!app.session.is_dirty());
    let again = ReviewSession::open(&[dir]);
    let row = again
        .rows()
        .iter()
        .position(|r| r.unit.as_deref() == Some("财政局"))
        .expect("row");
    assert_eq!(again.rows()[row].comment, comment);
}

#[test]
fn enter_on_a_matrix_cell_opens_that_unit_at_that_indicator() {
    let (_tmp, dir) = folder();
    let mut app = open(&dir);
    terminal::review_keys(&mut app, "x");
    let Screen::Matrix { matrix, .. } = &app.screen else {
        panic!("matrix");
    };
    let target_row = matrix
        .rows
        .iter()
        .position(|r| r.unit == "教育局")
        .expect("教育局");
    let target_column = 3;
    let code = matrix.columns[target_column].code.clone();
    let entry = matrix.rows[target_row].row;
    for _ in 0..target_row {
        terminal::review_keys(&mut app, "j");
    }
    for _ in 0..target_column {
        terminal::review_keys(&mut app, "l");
    }
    terminal::review_keys(&mut app, "<enter>");
    let d = drill(&app);
    assert_eq!(d.pane, Pane::Indicators);
    assert_eq!(d.workbook.unit.name, "教育局");
    let rows = jixiao::app::rows::indicator_rows(&d.workbook, &d.folds.indicators);
    let index = rows[d.selected()].index;
    assert_eq!(d.workbook.table.flatten()[index].1.code, code);
    assert_eq!(d.column[Pane::Indicators], 1, "the reviewer's score column");
    assert_eq!(app.selected_row(), Some(entry));
    // A review score typed here lands on that indicator of that unit.
    terminal::review_keys(&mut app, "<enter> 1 <enter>");
    // Esc goes back to the matrix, where it was.
    terminal::review_keys(&mut app, "<esc>");
    let Screen::Matrix {
        selected,
        first_column,
        ..
    } = &app.screen
    else {
        panic!("back in the matrix: {:?}", app.screen);
    };
    assert_eq!((*selected, *first_column), (target_row, target_column));
    let review = app.session.review(entry).expect("review");
    assert_eq!(
        review.indicators.get(&code).and_then(|r| r.score),
        Some(Decimal::ONE)
    );
    // And Esc again to the overview.
    terminal::review_keys(&mut app, "<esc>");
    assert!(matches!(app.screen, Screen::Overview));
}

#[test]
fn a_lost_point_in_the_matrix_is_never_shown_as_full() {
    let (_tmp, dir) = folder();
    let mut app = open(&dir);
    terminal::review_keys(&mut app, "x");
    let Screen::Matrix { matrix, .. } = &app.screen else {
        panic!("matrix");
    };
    let column = matrix
        .columns
        .iter()
        .position(|c| c.code == NEAR_FULL)
        .expect("A1");
    let row = matrix
        .rows
        .iter()
        .position(|r| r.unit == "财政局")
        .expect("财政局");
    let cell = matrix.rows[row].cells[column].expect("cell");
    assert_eq!(cell.score, Decimal::new(498, 2));
    assert_eq!(cell.share, Some(Decimal::new(996, 1)));
    assert_eq!(cell.band.symbol(), "◕");
    for _ in 0..column {
        terminal::review_keys(&mut app, "l");
    }
    let shown = terminal::review_screen(&mut app, 160, 48);
    let line = shown
        .lines()
        .find(|l| l.contains("财政局 2023"))
        .expect("财政局's row");
    let cells = line
        .split("财政局 2023")
        .nth(1)
        .unwrap_or_default()
        .trim_start();
    assert!(cells.starts_with("◕ 99.6 "), "A1 first: {line}");
    assert!(!cells.starts_with("●  100"), "{line}");
}

#[test]
fn the_units_report_text_reads_in_the_drill_in() {
    let (_tmp, dir) = folder();
    let mut app = open(&dir);
    select_unit(&mut app, "财政局");
    terminal::review_keys(&mut app, "<enter> 7");
    assert_eq!(drill(&app).pane, Pane::Report);
    // The third section row is 问题 in the report pane order? Find 存在问题.
    let problems = jixiao::app::officer::report_rows()
        .iter()
        .position(|r| {
            *r == jixiao::app::officer::ReportRow::Section(
                jixiao::app::narrative::Section::Problems,
            )
        })
        .expect("problems row");
    app.update(Action::SelectRow(problems));
    terminal::review_keys(&mut app, "<enter>");
    assert!(
        matches!(drill(&app).mode, Mode::Read(_)),
        "{:?}",
        drill(&app).status
    );
    let shown = terminal::review_screen(&mut app, 80, 24);
    assert!(shown.contains("报告正文（只读）"), "{shown}");
    assert!(
        shown.contains("三、存在问题"),
        "opens at the section:\n{shown}"
    );
    // Wrapped by display width inside the frame: no line wider than 80 cells.
    assert!(shown.lines().all(|l| jixiao::text::width(l) <= 80));
    // Typing does nothing to the text; it scrolls or is ignored.
    let before = drill(&app).workbook.narrative.clone();
    terminal::review_keys(&mut app, "j j <pgdn> a b c <space> k");
    assert_eq!(drill(&app).workbook.narrative, before);
    assert!(matches!(drill(&app).mode, Mode::Read(_)));
    terminal::review_keys(&mut app, "<home>");
    let shown = terminal::review_screen(&mut app, 80, 24);
    assert!(shown.contains("一、部门职能"), "{shown}");
    terminal::review_keys(&mut app, "<end>");
    let shown = terminal::review_screen(&mut app, 80, 24);
    assert!(shown.contains("四、其他需说明的事项"), "{shown}");
    // Esc closes the reader, a second Esc leaves the drill-in.
    terminal::review_keys(&mut app, "<esc>");
    assert_eq!(drill(&app).mode, Mode::Browse);
    assert_eq!(drill(&app).pane, Pane::Report);
    terminal::review_keys(&mut app, "<esc>");
    assert!(matches!(app.screen, Screen::Overview));
    assert!(!app.session.is_dirty(), "reading records nothing");
}

/// Fixed names so the drill-in's header does not show a temporary path.
fn fixed_path(app: &mut ReviewApp) {
    if let Screen::Drill { app, .. } = &mut app.screen {
        app.path = PathBuf::from("c.json");
    }
}

#[test]
fn screens_at_80x24_and_160x48() {
    for (w, h) in [(80, 24), (160, 48)] {
        let (_tmp, dir) = folder();
        let mut app = open(&dir);
        select_unit(&mut app, "财政局");
        terminal::review_keys(
            &mut app,
            "c 政府采购执行率缺少佐证，请补充后重新报送。 <enter> y y y",
        );
        app.update(Action::Cancel);
        while app.columns[app.column] != Column::Flags {
            terminal::review_keys(&mut app, "<right>");
        }
        insta::assert_snapshot!(
            format!("overview_year_comment_{w}x{h}"),
            terminal::review_screen(&mut app, w, h)
        );

        terminal::review_keys(&mut app, "F x");
        insta::assert_snapshot!(
            format!("matrix_{w}x{h}"),
            terminal::review_screen(&mut app, w, h)
        );

        terminal::review_keys(&mut app, "<esc>");
        select_unit(&mut app, "财政局");
        terminal::review_keys(&mut app, "<enter> 7");
        let problems = jixiao::app::officer::report_rows()
            .iter()
            .position(|r| {
                *r == jixiao::app::officer::ReportRow::Section(
                    jixiao::app::narrative::Section::Problems,
                )
            })
            .expect("problems row");
        app.update(Action::SelectRow(problems));
        terminal::review_keys(&mut app, "<enter>");
        fixed_path(&mut app);
        insta::assert_snapshot!(
            format!("report_reader_{w}x{h}"),
            terminal::review_screen(&mut app, w, h)
        );
    }
}

/// The matrix draws only the rows on screen; scrolling past them keeps the
/// selected unit in sight, as the table's own scrolling did.
#[test]
fn the_matrix_scrolls_to_the_selected_unit() {
    let tmp = generated(30);
    let mut app = open(tmp.path());
    terminal::review_keys(&mut app, "x");
    for _ in 0..25 {
        terminal::review_keys(&mut app, "j");
    }
    let Screen::Matrix {
        matrix, selected, ..
    } = &app.screen
    else {
        panic!("matrix");
    };
    assert_eq!(*selected, 25);
    let label = |row: usize| {
        let r = &matrix.rows[row];
        jixiao::text::truncate(&format!("{} {}", r.unit, r.year), 22)
    };
    let (selected_label, first_label) = (label(25), label(0));
    let screen = terminal::review_screen(&mut app, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let bottom_border = lines
        .iter()
        .position(|l| l.starts_with('└'))
        .expect("bottom border");
    // Scrolled as far as needed: the selected unit is the last row drawn.
    assert!(
        lines[bottom_border - 1].contains(&selected_label),
        "{screen}"
    );
    assert!(!screen.contains(&first_label), "{screen}");
}

/// The reviewer's own columns sit next to the officer's totals: at 140
/// columns they show on the first screen, without scrolling right.
#[test]
fn the_reviewers_columns_show_without_scrolling_at_140_columns() {
    let (_tmp, dir) = folder();
    let mut app = open(&dir);
    let screen = terminal::review_screen(&mut app, 140, 40);
    let header = screen.lines().nth(2).expect("header");
    for label in ["自评得分", "计算得分", "等级", "审核状态", "审核得分"] {
        assert!(header.contains(label), "{label} in {header}");
    }
    // The exports keep every column in their own order.
    assert_eq!(Column::all(&app.session.overview).len(), app.columns.len());
}

/// The matrix pages by the rows it shows and jumps to its ends; the
/// comparison's key line offers only what it does (no Enter, no columns).
#[test]
fn matrix_pages_and_the_comparison_offers_only_its_keys() {
    let tmp = generated(30);
    let mut app = open(tmp.path());
    app.update(Action::Resize(80, 24));
    terminal::review_keys(&mut app, "x <pgdn>");
    let matrix_rows = |app: &ReviewApp| match &app.screen {
        Screen::Matrix {
            matrix, selected, ..
        } => (*selected, matrix.rows.len()),
        other => panic!("matrix: {other:?}"),
    };
    let (selected, rows) = matrix_rows(&app);
    let page = jixiao::layout::review_body_rows((80, 24));
    assert!(page < rows, "more units than a page");
    assert_eq!(selected, page);
    terminal::review_keys(&mut app, "<home>");
    assert_eq!(matrix_rows(&app).0, 0);
    terminal::review_keys(&mut app, "G");
    assert_eq!(matrix_rows(&app).0, rows - 1);
    let matrix_screen = terminal::review_screen(&mut app, 160, 48);
    assert!(
        matrix_screen.contains("Enter 打开该单位的该指标"),
        "{matrix_screen}"
    );

    terminal::review_keys(&mut app, "<esc> m j d");
    assert!(
        matches!(app.screen, Screen::Diff { .. }),
        "{:?}",
        app.screen
    );
    let screen = terminal::review_screen(&mut app, 160, 48);
    let keys_line = screen
        .lines()
        .rev()
        .find(|l| l.contains("返回总览"))
        .expect("the key line");
    assert!(!keys_line.contains("Enter"), "{keys_line}");
    assert!(!keys_line.contains("列"), "{keys_line}");
    terminal::review_keys(&mut app, "G");
    let Screen::Diff { diff, scroll } = &app.screen else {
        panic!("diff");
    };
    let lines: usize = diff.sections.iter().map(|s| s.lines.len() + 1).sum();
    assert_eq!(*scroll, lines - 1);
}

/// A folder of `n` generated units.
fn generated(n: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tmp");
    let generator = jixiao::synth::Generator::new();
    for i in 1..=n {
        let unit = generator.generate(i);
        std::fs::write(
            tmp.path().join(unit.file_name(n)),
            jixiao::core::format::to_json(&unit.workbook),
        )
        .expect("write");
    }
    tmp
}
