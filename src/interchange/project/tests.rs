//! The form reader on grids written out here (the xlsx and CSV files are
//! tested through the binary in `tests/project_import.rs`).

use super::*;

fn grid(rows: &[&[&str]]) -> Grid {
    Grid {
        sheet: None,
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect(),
        encoding: None,
    }
}

#[test]
fn a_minimal_national_form_reads_and_unreadable_cells_are_listed() {
    let g = grid(&[
        &["项目名称", "示范项目"],
        &[
            "项目资金（万元）",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        &["", "年度资金总额", "10", "10", "九", "10", "—", "—"],
        &[
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        &[
            "",
            "产出指标",
            "数量指标",
            "培训人次",
            "≥100人次",
            "90人次",
            "九十",
            "—",
            "—",
        ],
        &[
            "注：本表由单位填报",
            "注：本表由单位填报",
            "注：本表由单位填报",
            "注：本表由单位填报",
        ],
        &["总分", "", "", "", "", "", "100", "—", ""],
    ]);
    let read = read_forms(&[g]).expect("a form");
    assert_eq!(read.projects.len(), 1);
    let p = &read.projects[0].project;
    assert_eq!(p.name, "示范项目");
    assert_eq!(p.indicators.len(), 1);
    assert_eq!(p.indicators[0].weight, Decimal::ZERO);
    let rows: Vec<usize> = read.unread.iter().map(|u| u.place.row).collect();
    assert_eq!(rows, vec![3, 5, 7], "{:?}", read.unread);
    assert!(read.unread[1].zh.contains("九十"));
}

#[test]
fn a_grid_without_a_form_is_an_error() {
    let err = read_forms(&[grid(&[&["序号", "名称"]])]).expect_err("no form");
    assert!(err.place.is_none());
}
