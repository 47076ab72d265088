//! The bureau's summary (汇总表) and the send-back letter as files: insta
//! snapshots of the summary's Markdown and CSV, the xlsx recalculated by
//! `LibreOffice` (every live total equal to jixiao's own), and the letter's
//! .docx opened by `LibreOffice`.

use std::path::{Path, PathBuf};

use jixiao::core::Lang;
use jixiao::review::session::ReviewSession;
use jixiao::review::summary::{self, Summary};
use jixiao::review::view::Filter;
use jixiao::review::{IndicatorNote, ReviewStatus};
use rust_decimal::Decimal;

#[path = "support/office.rs"]
mod office;
use office::{find_office, read_csv, recalc_to_csv};

/// Eight generated units, three reviewed with scores, one sent back with
/// reasons, one returned without scores.
fn reviewed_folder() -> (tempfile::TempDir, PathBuf, ReviewSession) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("units");
    jixiao::cli::synthetic::run(8, &path).expect("generate");
    let mut session = ReviewSession::open(std::slice::from_ref(&path));
    for (row, score) in [(0, "3"), (2, "4.5"), (5, "0")] {
        session.set_score(row, "B2.5", score).expect("score");
        session
            .set_status(row, ReviewStatus::Reviewed)
            .expect("status");
    }
    session
        .set_reason(2, "政府采购执行率缺少佐证")
        .expect("reason");
    session
        .set_indicator_note(2, "B2.5", IndicatorNote::Reason, "采购数据与决算不符")
        .expect("indicator reason");
    session
        .set_status(6, ReviewStatus::Returned)
        .expect("status");
    (dir, path, session)
}

fn built(session: &ReviewSession) -> Summary {
    let view = session.view(&Filter::default(), None);
    summary::build(session.rows(), &view)
}

#[test]
fn summary_markdown_and_csv_snapshots() {
    let (_tmp, _path, session) = reviewed_folder();
    let s = built(&session);
    let meta = summary::Meta {
        bureau: "湛江市霞山区财政局".into(),
        date: "2026-12-08".into(),
        filter: String::new(),
        all_units: s.rows.len(),
    };
    insta::assert_snapshot!("summary_zh_md", summary::to_markdown(&s, &meta, Lang::Zh));
    let csv = summary::to_csv(&s, &meta, Lang::En).expect("csv");
    assert!(
        csv.starts_with(b"\xef\xbb\xbf"),
        "a byte-order mark for Excel"
    );
    insta::assert_snapshot!(
        "summary_en_csv",
        String::from_utf8(csv[3..].to_vec()).expect("utf-8")
    );
}

fn decimal(cell: &str) -> Option<Decimal> {
    cell.trim().parse().ok()
}

#[test]
fn summary_xlsx_totals_are_live_and_equal_jixiaos() {
    let (tmp, _path, session) = reviewed_folder();
    let s = built(&session);
    let Some(office) = find_office() else {
        eprintln!("LibreOffice (soffice) is not installed: the summary was not recalculated");
        return;
    };
    let file = tmp.path().join("summary.xlsx");
    let view = session.view(&Filter::default(), None);
    let bytes = session
        .summary_bytes(&view, &file, "", Lang::Zh)
        .expect("xlsx bytes");
    std::fs::write(&file, bytes).expect("write");
    let out = recalc_to_csv(&office, tmp.path(), std::slice::from_ref(&file));
    let csv_path = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .expect("the recalculated sheet");
    let rows = read_csv(&csv_path);
    assert!(rows[0][0].ends_with("审核汇总表"), "{:?}", rows[0]);
    assert_eq!(rows[3][1], "单位");
    let first = 4;
    for (unit, row) in s.rows.iter().zip(&rows[first..]) {
        assert_eq!(row[1], unit.unit);
        assert_eq!(
            decimal(&row[5]),
            unit.totals.difference,
            "difference of {}",
            unit.unit
        );
        // The grade is a formula of the totals (and the details sheet's
        // unscored count), recalculated equal to jixiao's.
        assert_eq!(
            row[6],
            summary::grade_label(unit.grade, Lang::Zh),
            "{row:?}"
        );
    }
    let averages = &rows[first + s.rows.len()];
    assert!(averages[0].starts_with("计算得分平均"), "{averages:?}");
    assert_eq!(decimal(&averages[3]), s.averages.officer);
    let reviewed = &rows[first + s.rows.len() + 1];
    assert_eq!(decimal(&reviewed[4]), s.averages.reviewer);
    assert_eq!(decimal(&reviewed[5]), s.averages.difference);
    let first_grade = first + s.rows.len() + 4;
    for (share, row) in s.distribution.iter().zip(&rows[first_grade..]) {
        assert_eq!(row[1], summary::grade_label(share.grade, Lang::Zh));
        assert_eq!(row[2].parse::<usize>().ok(), Some(share.count), "{row:?}");
        // As a percentage (LibreOffice writes the cell as formatted) or a fraction.
        let percent = match row[3].strip_suffix('%') {
            Some(p) => decimal(p),
            None => decimal(&row[3]).map(|f| f * Decimal::ONE_HUNDRED),
        };
        assert_eq!(
            percent.map(|f| f.normalize()),
            share.share.map(|p| p.normalize()),
            "share of {}",
            row[1]
        );
    }
    let counted: usize = s.distribution.iter().map(|d| d.count).sum();
    assert_eq!(counted, s.rows.len());
}

fn convert_docx_to_text(office: &Path, docx: &[u8]) -> String {
    let text =
        jixiao::export::pdf::convert(office, docx, "txt:Text").expect("LibreOffice opens it");
    String::from_utf8(text)
        .expect("utf-8")
        .trim_start_matches('\u{feff}')
        .to_owned()
}

#[test]
fn letter_docx_opens_in_libreoffice() {
    let (_tmp, _path, session) = reviewed_folder();
    let docx = session
        .letter_bytes(2, Path::new("letter.docx"), Lang::Zh)
        .expect("letter");
    assert!(docx.starts_with(b"PK"));
    let Some(office) = find_office() else {
        eprintln!("LibreOffice (soffice) is not installed: the letter was not opened");
        return;
    };
    let text = convert_docx_to_text(&office, &docx);
    let kept = session.digest(2).expect("opened");
    let (unit, year) = (&kept.unit, kept.year);
    assert!(
        text.contains(&format!(
            "关于退回{unit}{year}年度部门整体支出绩效自评材料的函"
        )),
        "{text}"
    );
    let order = [
        "一、退回原因",
        "政府采购执行率缺少佐证",
        "二、需核实的指标",
        "B2.5",
        "采购数据与决算不符",
        "三、下一步工作",
        "特此函告",
    ];
    let mut at = 0;
    for needle in order {
        let found = text[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} after byte {at} in:\n{text}"));
        at += found;
    }
    // The reviewer's score of B2.5 (4.5) and its weight are in the table.
    assert!(text.contains("4.5"), "{text}");
    // A unit that was not sent back has no letter.
    assert!(
        session
            .letter_bytes(0, Path::new("x.docx"), Lang::Zh)
            .is_err()
    );
}

#[test]
fn overview_export_carries_the_unit_comment_and_review_export_a_unit_sheet() {
    use jixiao::review::export::ExportFormat;
    use jixiao::review::session::SheetExport;
    use jixiao::review::view::Cell;
    let (_tmp, _path, mut session) = reviewed_folder();
    session.set_comment(2, "自评得分偏高").expect("comment");
    let view = session.view(&Filter::default(), None);
    let (_, sheets) = session
        .sheets_export(SheetExport::Overview, &view, Path::new("o.csv"), Lang::Zh)
        .expect("overview");
    let overview = &sheets[0];
    let column = |name: &str| {
        overview
            .headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {:?}", overview.headers))
    };
    let at = view.iter().position(|r| *r == 2).expect("in view");
    let Cell::Text(notes) = &overview.rows[at][column("备注")] else {
        panic!("notes")
    };
    assert!(
        notes.contains("自评得分偏高"),
        "the comment under 备注: {notes}"
    );
    assert_eq!(
        overview.rows[at][column("退回原因")],
        Cell::Text("政府采购执行率缺少佐证".into())
    );

    let (format, sheets) = session
        .sheets_export(SheetExport::Reviews, &view, Path::new("r.csv"), Lang::Zh)
        .expect("reviews");
    assert_eq!(format, ExportFormat::Csv);
    let [detail, units] = sheets.as_slice() else {
        panic!("the indicator rows and the unit sheet")
    };
    assert!(
        !detail.headers.iter().any(|h| h == "总体审核意见"),
        "the unit's comment is not repeated on every indicator row"
    );
    let reason = detail
        .headers
        .iter()
        .position(|h| h == "退回原因")
        .expect("reason");
    assert!(
        detail
            .rows
            .iter()
            .any(|r| r[reason] == Cell::Text("采购数据与决算不符".into()))
    );
    assert_eq!(units.rows.len(), 4, "one row per reviewed unit");
    let comment = units
        .headers
        .iter()
        .position(|h| h == "总体审核意见")
        .expect("comment");
    assert_eq!(
        units
            .rows
            .iter()
            .filter(|r| r[comment] == Cell::Text("自评得分偏高".into()))
            .count(),
        1
    );
    // CSV writes the unit sheet beside the indicator file.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("r.csv");
    jixiao::review::export::write_sheets(
        &path,
        format,
        &sheets,
        jixiao::store::WriteRule::NEW_ONLY,
    )
    .expect("write");
    assert!(dir.path().join(format!("r-{}.csv", units.name)).is_file());
}
