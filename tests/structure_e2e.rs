//! End-to-end (issue 11): in the real binary, build a three-level scoring
//! table of 12 leaves from an empty one, score it, save, and read it back.

use jixiao::core::model::ScoringTable;

#[path = "support/pty.rs"]
mod pty;
use pty::Session;

/// Keys for one leaf after the selected row: add, name, weight, score.
fn leaf(name: &str, weight: u32, add: &str) -> String {
    format!("{add}r{name}\rw{weight}\re{}\r", weight - 1)
}

#[test]
fn builds_and_scores_a_three_level_table_from_an_empty_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("blank.json");
    let wb = jixiao::core::newbook::blank_workbook("测试局", 2024, ScoringTable::default());
    std::fs::write(&file, jixiao::core::format::to_json(&wb)).expect("write");
    let mut s = Session::start(&[file.to_str().expect("utf-8")], dir.path());
    s.wait_for("总分");
    s.send(b"3");
    let tops = [
        ("决策", 40, [20, 20], [10, 10]),
        ("过程", 30, [15, 15], [8, 7]),
        ("产出", 30, [15, 15], [8, 7]),
    ];
    let mut n = 0;
    for (t, (top, top_weight, mids, leaves)) in tops.iter().enumerate() {
        // The first top-level row on the empty table; later ones after the previous top.
        let add_top = if t == 0 { "a" } else { "kkkkkka" };
        s.send(format!("{add_top}r{top}\rw{top_weight}\r").as_bytes());
        for (m, mid_weight) in mids.iter().enumerate() {
            let add_mid = if m == 0 { "A" } else { "kka" };
            s.send(format!("{add_mid}r{top}{m}\rw{mid_weight}\r").as_bytes());
            for (l, weight) in leaves.iter().enumerate() {
                n += 1;
                let add = if l == 0 { "A" } else { "a" };
                s.send(leaf(&format!("叶{n}"), *weight, add).as_bytes());
            }
        }
    }
    // Every leaf lost one point: 100 − 12.
    s.wait_for("88 / 100");
    s.send(b"\x13");
    s.wait_for("已保存");
    let saved = std::fs::read_to_string(&file).expect("saved");
    let wb = jixiao::core::format::load(&saved).expect("loads").workbook;
    let flat = wb.table.flatten();
    let leaves: Vec<_> = flat.iter().filter(|(_, i)| i.is_leaf()).collect();
    assert_eq!(leaves.len(), 12);
    assert!(leaves.iter().all(|(depth, _)| *depth == 2), "three levels");
    assert_eq!(wb.table.indicators.len(), 3);
    let derived = jixiao::core::engine::derive(&wb);
    assert_eq!(derived.total_display(), rust_decimal_macros::dec!(88));
    s.send(b"q");
    assert!(s.wait_exit(), "clean exit");
}
