//! Reviewer mode's screens at 80×24 and 160 columns (issue 30): the column
//! being edited shows, the detail panel pages, names stay apart, figures are
//! whole and add up, prompts scroll with their caret, the drill-in speaks as
//! a reviewer's screen (its keys, `t`, `c`, and why the others do nothing),
//! and the overview's changes can be undone. Keys in, state and screen out.

use std::path::{Path, PathBuf};

use jixiao::app::review::{ReviewApp, ReviewMode, Screen};
use jixiao::app::{App, Mode, Pane};
use jixiao::core::Lang;
use jixiao::review::session::ReviewSession;

#[path = "support/terminal.rs"]
mod terminal;

use terminal::{review_keys, review_screen};

/// A folder holding the sample workbook.
fn sample_folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    // Deep enough that the header's cut path shows none of the temporary folder.
    let dir = tmp.path().join("units").join("霞山区第一批送审材料审核用");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("sample.json"), jixiao::core::sample::SAMPLE_JSON).expect("sample");
    (tmp, dir)
}

/// A folder of `n` generated units.
fn generated(n: usize) -> (tempfile::TempDir, PathBuf) {
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
    let dir = tmp.path().to_path_buf();
    (tmp, dir)
}

fn reviewer(dir: &Path, size: (u16, u16)) -> ReviewApp {
    let mut app = ReviewApp::new(ReviewSession::open(&[dir.to_path_buf()]), Lang::Zh);
    app.update(jixiao::app::Action::Resize(size.0, size.1));
    app
}

fn drill(app: &ReviewApp) -> &App {
    match &app.screen {
        Screen::Drill { app, .. } => app,
        other => panic!("not drilled in: {other:?}"),
    }
}

fn status(app: &ReviewApp) -> String {
    let status = match &app.screen {
        Screen::Drill { app, .. } => app.status.as_ref(),
        _ => app.status.as_ref(),
    };
    status.map(|s| s.text.clone()).unwrap_or_default()
}

/// The code of the selected indicator in the drill-in's pane 3.
fn selected_code(app: &ReviewApp) -> String {
    let d = drill(app);
    let rows = jixiao::app::rows::indicator_rows(&d.workbook, &d.folds.indicators);
    let index = rows[d.selected()].index;
    d.workbook.table.flatten()[index].1.code.clone()
}

/// Drilled into the sample at `size`, pane 3, on leaf `code`.
fn on_leaf(code: &str, size: (u16, u16)) -> (tempfile::TempDir, ReviewApp) {
    let (tmp, dir) = sample_folder();
    let mut app = reviewer(&dir, size);
    review_keys(&mut app, "<enter> 3");
    for _ in 0..60 {
        if selected_code(&app) == code {
            return (tmp, app);
        }
        review_keys(&mut app, "j");
    }
    panic!("no {code} in the sample's table");
}

/// The screen's rows, trailing spaces dropped.
fn lines(screen: &str) -> Vec<String> {
    screen.lines().map(|l| l.trim_end().to_owned()).collect()
}

#[test]
fn at_80x24_the_review_column_shows_with_the_cursor_on_it() {
    let (_tmp, mut app) = on_leaf("A3.1", (80, 24));
    review_keys(&mut app, "<enter> 4.5 <enter>");
    // Back on A3.1 (Enter moved on), on 复核: the column and the value show.
    while selected_code(&app) != "A3.1" {
        review_keys(&mut app, "k");
    }
    assert_eq!(drill(&app).column[Pane::Indicators], 1, "on 复核");
    let screen = review_screen(&mut app, 80, 24);
    let rows = lines(&screen);
    assert!(
        rows[4].contains("复核意见") && rows[4].contains("复核"),
        "{}",
        rows[4]
    );
    let row = rows.iter().find(|l| l.contains("A3.1")).expect("A3.1 row");
    assert!(
        row.trim_end_matches('│').trim_end().ends_with("4.5"),
        "{row}"
    );
    insta::assert_snapshot!("drill_indicators_on_review_80x24", screen);
    // Enter on it says what it edits, though the name is cut.
    review_keys(&mut app, "<enter>");
    let screen = review_screen(&mut app, 80, 24);
    assert!(
        lines(&screen)[23].starts_with("编辑 A3.1 复核: 4.5"),
        "{}",
        lines(&screen)[23]
    );
    review_keys(&mut app, "<esc> h <enter>");
    let screen = review_screen(&mut app, 80, 24);
    assert!(
        lines(&screen)[23].starts_with("编辑 A3.1 复核意见:"),
        "{screen}"
    );
}

#[test]
fn at_160_columns_deductions_are_whole_and_the_texts_get_room() {
    let (_tmp, dir) = generated(30);
    let mut app = reviewer(&dir, (160, 48));
    // The unit with the lowest total has deductions of ten points and more.
    review_keys(&mut app, "l l s s <enter> 3");
    let screen = review_screen(&mut app, 160, 48);
    let d = drill(&app);
    let lost: Vec<String> = d
        .derived
        .scores
        .indicators
        .iter()
        .zip(d.workbook.table.flatten())
        .filter(|(r, _)| !r.score.is_zero() || !r.lost.is_zero())
        .map(|(r, (_, ind))| {
            let shown =
                jixiao::core::num::round2(r.counted_weight) - jixiao::core::num::round2(r.score);
            (ind.code.clone(), shown)
        })
        .filter(|(_, l)| !l.is_zero())
        .map(|(code, l)| format!("{code}:-{}", jixiao::core::num::fmt_score(l)))
        .collect();
    assert!(!lost.is_empty());
    assert!(!screen.contains(".…"), "a figure cut:\n{screen}");
    let pane = lines(&screen)[4].clone();
    assert!(
        pane.contains("扣分理由") && pane.contains("复核意见"),
        "{pane}"
    );
    // Each deduction shown whole on its row.
    for row in lines(&screen).iter().skip(5).take(10) {
        if let Some(code) = lost.iter().find(|l| {
            let code = l.split(':').next().unwrap_or_default();
            row.contains(&format!(" {code} "))
        }) {
            let minus = code.split(':').nth(1).unwrap_or_default();
            assert!(row.contains(minus), "{minus} in {row}");
        }
    }
}

#[test]
fn shown_score_and_deduction_add_up_to_the_weight() {
    let (_tmp, mut app) = on_leaf("A3.1", (80, 24));
    // The detail line says score and deduction from the same rounding.
    let screen = review_screen(&mut app, 80, 24);
    let line = screen
        .lines()
        .find(|l| l.contains("得分：") && l.contains("扣分"))
        .expect("score line");
    let line = &line[line.find("得分：").unwrap_or(0)..];
    let nums: Vec<rust_decimal::Decimal> = line
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    assert_eq!(nums[0] + nums[2], nums[1], "{line}");
}

#[test]
fn the_detail_panel_pages_with_its_key_and_says_so() {
    let (_tmp, mut app) = on_leaf("A3.1", (80, 24));
    let first = review_screen(&mut app, 80, 24);
    assert!(first.contains("说明第 1/"), "{first}");
    assert!(first.contains("] 下一页"), "{first}");
    assert!(!first.contains("终端放大后可见"));
    review_keys(&mut app, "]");
    let second = review_screen(&mut app, 80, 24);
    assert!(second.contains("说明第 2/"), "{second}");
    assert_ne!(first, second);
    // Its last page holds the unit's reason for the deduction (扣分理由) when it has one.
    let mut seen = second.clone();
    for _ in 0..6 {
        review_keys(&mut app, "]");
        seen.push_str(&review_screen(&mut app, 80, 24));
    }
    assert!(seen.contains("评分规则："), "{seen}");
    review_keys(&mut app, "[");
    // Another row starts at its first page.
    review_keys(&mut app, "j");
    let other = review_screen(&mut app, 80, 24);
    assert!(!other.contains("说明第 2/"), "{other}");
}

#[test]
fn b_outside_pane_3_then_enter_leaves_the_keys_working() {
    let (_tmp, dir) = sample_folder();
    let mut app = reviewer(&dir, (80, 24));
    review_keys(&mut app, "<enter> 1 b");
    assert!(status(&app).contains("指标面板"), "{}", status(&app));
    // Enter on pane 1 jumps to the indicator; then 3, 1, Tab and Esc work.
    review_keys(&mut app, "<enter>");
    assert_eq!(drill(&app).pane, Pane::Indicators);
    review_keys(&mut app, "1");
    assert_eq!(drill(&app).pane, Pane::Summary);
    review_keys(&mut app, "3");
    assert_eq!(drill(&app).pane, Pane::Indicators);
    review_keys(&mut app, "<tab>");
    assert_eq!(drill(&app).pane, Pane::Workload);
    review_keys(&mut app, "<esc>");
    assert!(
        matches!(app.screen, Screen::Overview),
        "the first Esc leaves"
    );
}

#[test]
fn t_and_c_in_the_drill_in_act_on_the_unit() {
    let (_tmp, mut app) = on_leaf("A3.1", (80, 24));
    review_keys(&mut app, "t");
    assert!(
        status(&app).contains("审核状态：审核中"),
        "{}",
        status(&app)
    );
    assert!(matches!(app.screen, Screen::Drill { .. }));
    review_keys(&mut app, "c");
    assert!(matches!(app.mode, ReviewMode::Prompt(..)));
    review_keys(&mut app, "材料齐全 <enter>");
    assert_eq!(
        app.session.review(0).map(|r| r.comment.as_str()),
        Some("材料齐全")
    );
    let screen = review_screen(&mut app, 80, 24);
    assert!(screen.contains("3 指标"), "still in the drill-in");
}

#[test]
fn keys_that_do_nothing_here_say_why() {
    let (_tmp, mut app) = on_leaf("A3.1", (80, 24));
    let before = drill(&app).workbook.clone();
    // The overview's keys: where they work.
    for key in ["o", "L", "S", "x"] {
        review_keys(&mut app, key);
        assert!(status(&app).contains("总览"), "{key}: {}", status(&app));
        assert_eq!(app.mode, ReviewMode::Browse, "{key}");
    }
    // The workbench's editing keys: why not.
    for key in ["a", "D", "W", "R", "K", "V"] {
        review_keys(&mut app, key);
        assert!(status(&app).contains("只读"), "{key}: {}", status(&app));
        assert_eq!(drill(&app).mode, Mode::Browse, "{key}");
    }
    assert_eq!(drill(&app).workbook, before);
}

#[test]
fn the_drill_ins_footer_and_help_are_the_reviewers() {
    let (_tmp, mut app) = on_leaf("A3.1", (160, 48));
    // At 80 columns too: Enter, b, help and Esc.
    let narrow = review_screen(&mut app, 80, 24);
    let footer = &lines(&narrow)[22];
    for hint in [
        "Enter 填复核或意见",
        "b 指标退回原因",
        "? 帮助",
        "Esc 返回上一屏",
    ] {
        assert!(footer.contains(hint), "{hint} in {footer}");
    }
    let screen = review_screen(&mut app, 160, 48);
    let footer = &lines(&screen)[46];
    assert!(footer.contains("b 指标退回原因"), "{footer}");
    assert!(footer.contains("Ctrl-S 保存审核记录"), "{footer}");
    assert!(
        !footer.contains("u 撤销") && !footer.contains("编辑 / 折叠"),
        "{footer}"
    );
    review_keys(&mut app, "?");
    let help = review_screen(&mut app, 160, 48);
    // The drill-in's own keys first, Esc saying what it does.
    let drill_at = help.find("审核：打开的工作簿").expect("drill section");
    let overview_at = help
        .find("Enter              打开（只读）")
        .unwrap_or(usize::MAX);
    assert!(drill_at < overview_at, "{help}");
    assert!(help.contains("返回上一屏"), "{help}");
    assert!(
        !help.contains("清除提示") || overview_at < usize::MAX,
        "{help}"
    );
}

#[test]
fn a_long_comment_scrolls_in_its_prompt_with_the_caret() {
    let (_tmp, dir) = sample_folder();
    let mut app = reviewer(&dir, (80, 24));
    let long = "部分绩效指标佐证材料不全，".repeat(9);
    assert!(long.chars().count() >= 117);
    review_keys(&mut app, &format!("c {long} <enter>"));
    review_keys(&mut app, "c 请补充");
    let screen = review_screen(&mut app, 80, 24);
    let prompt = &lines(&screen)[23];
    assert!(prompt.ends_with("请补充"), "the new text shows: {prompt}");
    assert!(prompt.starts_with("审核意见: …"), "{prompt}");
    insta::assert_snapshot!("long_comment_prompt_80x24", screen);
    review_keys(&mut app, "<enter>");
    let kept = app
        .session
        .review(0)
        .map(|r| r.comment.clone())
        .unwrap_or_default();
    assert_eq!(kept, format!("{}请补充", long.trim_end()));
}

#[test]
fn undo_in_the_overview_takes_back_a_stray_keystroke() {
    let (_tmp, dir) = sample_folder();
    let mut app = reviewer(&dir, (80, 24));
    review_keys(&mut app, "c 同意 <enter>");
    review_keys(&mut app, "c x <enter>");
    assert_eq!(
        app.session.review(0).map(|r| r.comment.as_str()),
        Some("同意x")
    );
    review_keys(&mut app, "u");
    assert_eq!(
        app.session.review(0).map(|r| r.comment.as_str()),
        Some("同意")
    );
    assert!(status(&app).contains("已撤销"), "{}", status(&app));
    review_keys(&mut app, "<c-r>");
    assert_eq!(
        app.session.review(0).map(|r| r.comment.as_str()),
        Some("同意x")
    );
    review_keys(&mut app, "u u");
    assert!(app.session.review(0).is_none_or(|r| r.comment.is_empty()));
    review_keys(&mut app, "u");
    assert!(status(&app).contains("没有可撤销"), "{}", status(&app));
    // A status change is one step too.
    review_keys(&mut app, "t");
    assert_eq!(app.session.rows()[0].status.label(Lang::Zh), "审核中");
    review_keys(&mut app, "u");
    assert_eq!(app.session.rows()[0].status.label(Lang::Zh), "未审");
}

#[test]
fn names_that_share_their_start_are_told_apart() {
    let (_tmp, dir) = generated(30);
    let mut app = reviewer(&dir, (80, 24));
    let mut shown = std::collections::BTreeMap::new();
    let mut screens = String::new();
    for _ in 0..3 {
        screens.push_str(&review_screen(&mut app, 80, 24));
        review_keys(&mut app, "<pgdn>");
    }
    for row in screens.lines().filter(|l| l.starts_with('│')) {
        let name: String = row.trim_start_matches('│').chars().take(12).collect();
        let name = name.trim().to_owned();
        if name.contains('…') {
            *shown.entry(name).or_insert(0) += 1;
        }
    }
    // Each page shows a unit once; across three pages a cut name repeats
    // only when the same row is on two pages, never 3 times.
    assert!(shown.values().all(|n| *n <= 2), "{shown:?}");
    assert!(
        !screens.contains("湛江市霞山区建设街道…"),
        "cut at the end:\n{screens}"
    );
}

#[test]
fn the_matrix_shows_review_scores_and_missing_data_as_missing() {
    let (_tmp, dir) = sample_folder();
    // A second unit with an unscored leaf (its typed level cleared).
    let mut wb = jixiao::core::sample::sample_workbook();
    "未完成单位".clone_into(&mut wb.unit.name);
    let index = wb
        .table
        .flatten()
        .iter()
        .position(|(_, i)| i.code == "A1")
        .expect("A1");
    let leaf = wb.table.nth_mut(index).expect("A1");
    leaf.entry.choice = None;
    leaf.entry.officer_score = None;
    leaf.entry.unconfirmed = true;
    std::fs::write(dir.join("b.json"), jixiao::core::format::to_json(&wb)).expect("write");
    let mut app = reviewer(&dir, (80, 24));
    // A review score on the sample's A3.1 (0 of 5 computed): 4.5.
    let sample_row = app
        .session
        .rows()
        .iter()
        .position(|r| r.unit.as_deref() != Some("未完成单位"))
        .expect("sample");
    app.session
        .set_score(sample_row, "A3.1", "4.5")
        .expect("score");
    review_keys(&mut app, "x");
    let Screen::Matrix { matrix, .. } = &app.screen else {
        panic!("no matrix");
    };
    let column = |code: &str| {
        matrix
            .columns
            .iter()
            .position(|c| c.code == code)
            .expect(code)
    };
    let cell = |unit: &str, code: &str| {
        matrix
            .rows
            .iter()
            .find(|r| r.unit == unit)
            .and_then(|r| r.cells[column(code)])
            .expect("cell")
    };
    let reviewed = cell("中共湛江市霞山区委办公室", "A3.1");
    assert_eq!(reviewed.review, Some(rust_decimal_macros::dec!(4.5)));
    assert_eq!(reviewed.shown_share(), Some(rust_decimal_macros::dec!(90)));
    let unscored = cell("未完成单位", "A1");
    assert!(unscored.missing, "{unscored:?}");
    let screen = review_screen(&mut app, 80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("未完成单位"))
        .expect("row");
    assert!(row.contains(" ?"), "unscored shows as ?: {row}");
    let row = screen
        .lines()
        .find(|l| l.contains("委办公室"))
        .expect("row");
    assert!(row.contains("90*"), "the review score, marked: {row}");
    assert!(
        screen.contains("* 复核"),
        "the legend says what * is: {screen}"
    );
}

#[test]
fn a_letter_no_key_takes_says_so() {
    let (_tmp, dir) = sample_folder();
    let mut app = reviewer(&dir, (80, 24));
    review_keys(&mut app, "z");
    assert!(
        status(&app).contains("z 键在此没有作用"),
        "{}",
        status(&app)
    );
    review_keys(&mut app, "<enter> 3 z");
    assert!(
        status(&app).contains("z 键在此没有作用"),
        "{}",
        status(&app)
    );
    assert!(matches!(app.screen, Screen::Drill { .. }));
}

#[test]
fn an_unscored_leaf_shows_as_unscored_not_0() {
    let (_tmp, dir) = sample_folder();
    std::fs::remove_file(dir.join("sample.json")).expect("rm");
    let mut wb = jixiao::core::sample::sample_workbook();
    let index = wb
        .table
        .flatten()
        .iter()
        .position(|(_, i)| i.code == "A1")
        .expect("A1");
    let leaf = wb.table.nth_mut(index).expect("A1");
    leaf.entry.choice = None;
    leaf.entry.officer_score = None;
    leaf.entry.unconfirmed = true;
    std::fs::write(dir.join("b.json"), jixiao::core::format::to_json(&wb)).expect("write");
    let mut app = reviewer(&dir, (80, 24));
    review_keys(&mut app, "<enter> 3 j");
    assert_eq!(selected_code(&app), "A1");
    let screen = review_screen(&mut app, 80, 24);
    let row = screen.lines().find(|l| l.contains(" A1 ")).expect("A1 row");
    assert!(row.contains("未评") && !row.contains("-5"), "{row}");
    assert!(screen.contains("得分：未评 / 5"), "{screen}");
    // The pane's total says it is provisional, as the header does.
    assert!(lines(&screen)[3].contains("（暂计） / 100"), "{screen}");
}
