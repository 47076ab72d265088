//! End-to-end: the real binary in a pseudo-terminal. Type keys, read the
//! screen, save, check the file on disk and that the terminal was restored.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/pty.rs"]
mod pty;
use pty::Session;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn edit_save_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    // The sample's figures, reached as the default workbook before one exists
    // (a missing FILE argument now starts a blank workbook instead).
    let file = dir.path().join("jixiao").join("workbook.json");
    let mut s = Session::start(&[], dir.path());
    s.wait_for("总分");
    assert!(!file.exists(), "nothing is written before a save");
    s.send(b"/");
    s.send("财政拨款收入预算数".as_bytes());
    s.send(b"\r");
    s.send(b"\r");
    s.send(b"\x15"); // Ctrl-U
    s.send(b"588.55\r");
    s.wait_for("99 / 100");
    s.send(b"\x13"); // Ctrl-S
    s.wait_for("已保存");
    let saved = std::fs::read_to_string(&file).expect("saved");
    let wb = jixiao::core::format::load(&saved).expect("loads").workbook;
    assert_eq!(
        wb.budget
            .appropriation_income_budget
            .map(|m| m.to_string())
            .as_deref(),
        Some("588.55")
    );
    s.send(b"q");
    assert!(s.wait_exit(), "clean exit");
    let raw = s.raw_output();
    assert!(contains(&raw, b"\x1b[?1049l"), "left the alternate screen");
    assert!(contains(&raw, b"\x1b[?25h"), "cursor shown again");
}

#[test]
fn quit_question_then_discard_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    // No file argument: the default workbook in the data folder, from the sample.
    let mut s = Session::start(&[], dir.path());
    s.wait_for("新文件");
    s.send(b"2");
    s.send(b"j");
    s.send(b"e");
    s.send(b"\x15");
    s.send(b"600\r");
    s.wait_for("已修改");
    s.send(b"q");
    s.wait_for("未保存的修改");
    s.send(b"\x1b"); // Esc: stay
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        s.child.try_wait().expect("wait").is_none(),
        "Esc means stay"
    );
    s.send(b"q");
    s.wait_for("未保存的修改");
    s.send(b"d");
    assert!(s.wait_exit());
    assert!(!dir.path().join("jixiao").join("workbook.json").exists());
    assert!(contains(&s.raw_output(), b"\x1b[?1049l"));
}

#[test]
fn save_to_the_default_workbook_creates_its_folder() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = Session::start(&[], dir.path());
    s.wait_for("总分");
    s.send(b"\x13");
    s.wait_for("已保存");
    s.send(b"q");
    assert!(s.wait_exit());
    let path = dir.path().join("jixiao").join("workbook.json");
    let text = std::fs::read_to_string(path).expect("default workbook");
    assert!(jixiao::core::format::load(&text).is_ok());
}

fn recovery_files(data_home: &Path) -> usize {
    std::fs::read_dir(data_home.join("jixiao").join("recovery"))
        .map_or(0, std::iter::Iterator::count)
}

#[test]
fn killed_session_offers_its_edits_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("dept.json");
    let arg = file.to_str().expect("utf8");
    let mut s = Session::start(&[arg], dir.path());
    s.answer_new_workbook_form();
    s.wait_for("总分");
    s.send(b"\x13"); // save once, so the file exists
    s.wait_for("已保存");
    s.send(b"/");
    s.send("年度实际支出".as_bytes());
    s.send(b"\r\r\x15");
    s.send(b"432.10\r");
    s.wait_for("已修改");
    // The recovery is written a few seconds after the last edit.
    let deadline = Instant::now() + Duration::from_secs(10);
    while recovery_files(dir.path()) == 0 {
        assert!(Instant::now() < deadline, "no recovery file written");
        std::thread::sleep(Duration::from_millis(100));
    }
    s.child.kill().expect("kill -9");
    let _ = s.child.wait();

    let mut again = Session::start(&[arg], dir.path());
    again.wait_for("R 恢复");
    again.send(b"d");
    again.wait_for("432.1");
    again.send(b"r");
    again.wait_for("已恢复");
    again.send(b"\x13");
    again.wait_for("已保存");
    let text = std::fs::read_to_string(&file).expect("saved");
    let wb = jixiao::core::format::load(&text).expect("loads").workbook;
    assert_eq!(
        wb.budget
            .actual_expenditure
            .map(|m| m.to_string())
            .as_deref(),
        Some("432.10")
    );
    assert_eq!(
        recovery_files(dir.path()),
        0,
        "a clean save removes the recovery file"
    );
    again.send(b"q");
    assert!(again.wait_exit());
}

#[test]
fn sigterm_flushes_the_edits_and_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("dept.json");
    let mut s = Session::start(&[file.to_str().expect("utf8")], dir.path());
    s.answer_new_workbook_form();
    s.wait_for("总分");
    s.send(b"2j");
    s.send(b"e\x15");
    s.send(b"1\r");
    s.wait_for("已修改");
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.child.try_wait().expect("wait").is_none() {
        assert!(Instant::now() < deadline, "did not exit on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        recovery_files(dir.path()),
        1,
        "edits flushed to the recovery file"
    );
    assert!(!file.exists(), "the workbook itself is not written");
    assert!(
        contains(&s.raw_output(), b"\x1b[?1049l"),
        "terminal restored"
    );
}

#[test]
fn keys_sent_together_and_a_bracketed_paste_all_apply() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("dept.json");
    std::fs::write(&file, jixiao::core::sample::SAMPLE_JSON).expect("write");
    let mut s = Session::start(&[file.to_str().expect("utf8")], dir.path());
    s.wait_for("总分");
    // More than 20 keys in one write, ending in Ctrl-S: every one must count.
    let mut burst = b"jjjjkkkk/".to_vec();
    burst.extend_from_slice("年度实际支出".as_bytes());
    burst.extend_from_slice(b"\r\r\x15432.10\r");
    // Then a paste into the editor: one insertion, validated like typing.
    burst.extend_from_slice(b"/");
    burst.extend_from_slice("财政拨款收入预算数".as_bytes());
    burst.extend_from_slice(b"\r\r\x15\x1b[200~588.55\x1b[201~\r\x13");
    let started = Instant::now();
    s.writer.write_all(&burst).expect("write");
    s.writer.flush().expect("flush");
    s.wait_for("已保存");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the burst settled in {:?}",
        started.elapsed()
    );
    let saved = std::fs::read_to_string(&file).expect("saved");
    let wb = jixiao::core::format::load(&saved).expect("loads").workbook;
    let actual = wb.budget.actual_expenditure.map(|m| m.to_string());
    assert_eq!(actual.as_deref(), Some("432.10"));
    let budget = wb.budget.appropriation_income_budget.map(|m| m.to_string());
    assert_eq!(budget.as_deref(), Some("588.55"));
    // A paste outside an editor changes nothing and says so.
    s.send(b"\x1b[200~jjjj\x1b[201~");
    s.wait_for("粘贴仅用于输入框");
    s.send(b"q");
    assert!(s.wait_exit(), "clean exit");
}

#[test]
fn a_missing_file_starts_a_new_workbook_for_the_officers_unit() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("jiaoyuju-2024.json");
    let mut s = Session::start(&[file.to_str().expect("utf8")], dir.path());
    s.wait_for("单位名称");
    s.send("湛江市霞山区教育局\r".as_bytes());
    s.wait_for("年度 [");
    s.send(b"2024\r");
    s.wait_for("national");
    s.send(b"national\r");
    s.wait_for("湛江市霞山区教育局 2024");
    s.wait_for("新文件");
    assert!(!file.exists(), "nothing is written before a save");
    s.send(b"\x13");
    s.wait_for("已保存");
    let wb = jixiao::core::format::load(&std::fs::read_to_string(&file).expect("saved"))
        .expect("loads")
        .workbook;
    assert_eq!(wb.unit.name, "湛江市霞山区教育局");
    assert_eq!(wb.unit.fiscal_year, 2024);
    assert_eq!(
        wb.table,
        jixiao::core::templates::Template::National.table()
    );
    assert!(wb.narrative.team.is_empty() && wb.budget == Default::default());
    s.send(b"q");
    assert!(s.wait_exit(), "clean exit");
}

#[test]
fn two_instances_keep_their_own_recovery_and_both_are_offered() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("dept.json");
    std::fs::write(&file, jixiao::core::sample::SAMPLE_JSON).expect("write");
    let arg = file.to_str().expect("utf8");
    let wait_files = |n: usize| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while recovery_files(dir.path()) != n {
            assert!(Instant::now() < deadline, "expected {n} recovery files");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let mut looker = Session::start(&[arg], dir.path());
    let mut editor = Session::start(&[arg], dir.path());
    looker.wait_for("总分");
    editor.wait_for("总分");
    editor.send("/年度实际支出\r\r\x15432.10\r".as_bytes());
    editor.wait_for("已修改");
    wait_files(1);
    // The one only looking quits: the other's recovery stays.
    looker.send(b"q");
    assert!(looker.wait_exit());
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        recovery_files(dir.path()),
        1,
        "B's recovery survives A's quit"
    );

    let mut second = Session::start(&[arg], dir.path());
    second.wait_for("总分");
    second.send("/年度实际支出\r\r\x15111.11\r".as_bytes());
    second.wait_for("已修改");
    wait_files(2);
    for s in [&mut editor, &mut second] {
        s.child.kill().expect("kill -9");
        let _ = s.child.wait();
    }

    let mut again = Session::start(&[arg], dir.path());
    again.wait_for("R 恢复");
    again.wait_for("另有 1 份");
    again.send(b"r");
    // The older one is offered next.
    again.wait_for("R 恢复");
    again.send(b"o");
    again.wait_for("已修改");
    again.send(b"\x13");
    again.wait_for("已保存");
    let saved = std::fs::read_to_string(&file).expect("saved");
    let wb = jixiao::core::format::load(&saved).expect("loads").workbook;
    let actual = wb.budget.actual_expenditure.map(|m| m.to_string());
    assert_eq!(actual.as_deref(), Some("111.11"), "the newest was restored");
    again.send(b"q");
    assert!(again.wait_exit());
    assert_eq!(recovery_files(dir.path()), 0, "both taken over and removed");
}

#[test]
fn the_sample_is_marked_as_such_with_a_hint_how_to_start_ones_own() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = Session::start(&[], dir.path());
    s.wait_for("示例");
    s.wait_for("jixiao new");
    s.send(b"q");
    assert!(s.wait_exit(), "clean exit");
}

#[test]
fn an_unreadable_file_is_kept_and_a_new_workbook_offered_beside_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("broken.json");
    std::fs::write(&file, "{ not json").expect("write");
    let mut s = Session::start(&[file.to_str().expect("utf8")], dir.path());
    s.wait_for("[y/N]");
    s.send(b"y\r");
    s.wait_for("单位名称");
    s.send("某局\r\r\r".as_bytes());
    s.wait_for("某局");
    s.wait_for("新文件");
    s.send(b"q");
    assert!(s.wait_exit(), "clean exit");
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "{ not json");
}

#[test]
fn an_officer_makes_their_own_units_report_from_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("jiaoyuju-2024.json");
    let report = dir.path().join("jiaoyuju-2024.md");
    let mut s = Session::start(&[file.to_str().expect("utf8")], dir.path());
    s.wait_for("单位名称");
    s.send("湛江市霞山区教育局\r".as_bytes());
    s.wait_for("年度 [");
    s.send(b"2024\r\r");
    s.wait_for("湛江市霞山区教育局 2024");
    // Identity and team in the unit pane.
    s.send("/通知文号\r\r湛霞财〔2025〕12号\r".as_bytes());
    s.send("/内设机构\r\x1b[B\r基础教育股\r".as_bytes());
    s.send(b"G\r");
    s.send("林晓\r\x1b[C\r局长\r\x1b[C\r组长\r".as_bytes());
    s.wait_for("林晓");
    // A narrative section, pasted with its line break (bracketed paste).
    s.send(b"7\r");
    s.send("\x1b[200~一、教育局职能第一段\n第二段\x1b[201~\r".as_bytes());
    // Figures and a score with its reason.
    s.send("/财政拨款收入预算数\r\r800\r".as_bytes());
    s.send("/A2\r\r3\r\x1b[C\r部分项目预算编制不够细化\r".as_bytes());
    s.send(b"\x13");
    s.wait_for("已保存");
    let wb = jixiao::core::format::load(&std::fs::read_to_string(&file).expect("saved"))
        .expect("loads")
        .workbook;
    assert_eq!(wb.unit.notice_ref, "湛霞财〔2025〕12号");
    assert_eq!(wb.unit.sections, vec!["基础教育股"]);
    assert_eq!(wb.narrative.team.len(), 1);
    assert_eq!(wb.narrative.team[0].post, "局长");
    assert_eq!(wb.narrative.functions, "一、教育局职能第一段\n第二段");
    let a2 = wb
        .table
        .flatten()
        .into_iter()
        .find(|(_, i)| i.code == "A2")
        .expect("A2")
        .1
        .clone();
    assert_eq!(a2.entry.deduction_reason, "部分项目预算编制不够细化");
    s.send(b"x");
    s.send(b"\x15");
    s.send(report.display().to_string().as_bytes());
    s.send(b"\r");
    s.wait_for("已导出");
    let text = std::fs::read_to_string(&report).expect("exported");
    assert!(text.contains("湛江市霞山区教育局") && text.contains("2024"));
    assert!(text.contains("林晓") && text.contains("教育局职能第一段"));
    assert!(!text.contains("中共湛江市霞山区委办公室"));
    s.send(b"q");
    assert!(s.wait_exit(), "clean exit");
}

#[test]
fn a_terminal_paste_with_cr_line_breaks_keeps_three_paragraphs() {
    // xterm, VTE and tmux `paste-buffer` send a paste's line breaks as CR.
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("paste.json");
    let mut s = Session::start(&[file.to_str().expect("utf8")], dir.path());
    s.wait_for("单位名称");
    s.send("遂溪县卫生健康局\r".as_bytes());
    s.wait_for("年度 [");
    s.send(b"2024\r\r");
    s.wait_for("遂溪县卫生健康局 2024");
    s.send(b"7\r");
    s.send("\x1b[200~第一段：职能。\r第二段：机构。\r第三段：人员。\x1b[201~\r".as_bytes());
    s.send(b"\x13");
    s.wait_for("已保存");
    let wb = jixiao::core::format::load(&std::fs::read_to_string(&file).expect("saved"))
        .expect("loads")
        .workbook;
    let paragraphs: Vec<&str> = wb.narrative.functions.lines().collect();
    assert_eq!(
        paragraphs,
        ["第一段：职能。", "第二段：机构。", "第三段：人员。"]
    );
    s.send(b"q");
    assert!(s.wait_exit(), "clean exit");
}
