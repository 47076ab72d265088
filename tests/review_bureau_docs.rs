//! The bureau's documents over 30 generated units, some with unscored
//! leaves: the overview, the drill-in, the overview export, the 汇总表 and
//! the letters give every unit the same grade (one `core::grading`), and
//! the same distribution; through `LibreOffice` the 汇总表 fits one page
//! width with the distribution beside its labels, and the 退回函 keeps every
//! code and score whole on one line and names the bureau and the deadline.

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::app::review::{ReviewApp, Screen};
use jixiao::core::Lang;
use jixiao::core::grading::Standing;
use jixiao::review::reviews::Bureau;
use jixiao::review::session::{ReviewSession, SheetExport};
use jixiao::review::stats::{GRADES, grade_counts};
use jixiao::review::summary;
use jixiao::review::view::{Column, Filter};
use jixiao::review::{IndicatorNote, ReviewStatus};

#[path = "support/terminal.rs"]
mod terminal;

const UNITS: usize = 30;

/// 30 generated units: eight reviewed with scores, two sent back with
/// reasons (one on an indicator whose typed score differs), the bureau set.
fn reviewed() -> (tempfile::TempDir, PathBuf, ReviewSession) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("units");
    jixiao::cli::synthetic::run(UNITS, &path).expect("generate");
    let mut session = ReviewSession::open(std::slice::from_ref(&path));
    session.today = "2026-12-08".into();
    session
        .set_bureau(&Bureau {
            name: "湛江市霞山区财政局".into(),
            number: "霞财绩〔{year}〕{n}号".into(),
            contact: "绩效科 李明 0759-2222222".into(),
            deadline: "2026-12-31".into(),
        })
        .expect("bureau");
    for (row, score) in [
        (0, "3"),
        (2, "4.5"),
        (5, "0"),
        (9, "2"),
        (11, "1"),
        (14, "5"),
    ] {
        session.set_score(row, "B2.5", score).expect("score");
        session
            .set_status(row, ReviewStatus::Reviewed)
            .expect("status");
    }
    for row in [3, 7] {
        session
            .set_reason(row, "部分指标佐证材料不全，请补充后重新报送")
            .expect("reason");
        session
            .set_indicator_note(row, "B2.5", IndicatorNote::Reason, "采购数据与决算不符")
            .expect("indicator reason");
        session
            .set_indicator_note(row, "A1", IndicatorNote::Comment, "目标设定依据不足")
            .expect("comment");
        session.set_score(row, "B2.5", "1").expect("score");
    }
    (dir, path, session)
}

fn drill_standing(app: &ReviewApp) -> Standing {
    match &app.screen {
        Screen::Drill { app, .. } => app.standing(),
        other => panic!("not drilled in: {other:?}"),
    }
}

#[test]
fn every_screen_and_document_gives_the_same_grade_and_distribution() {
    let (_tmp, _path, session) = reviewed();
    let rows = session.rows().to_vec();
    let all = session.view(&Filter::default(), None);
    let unscored = rows.iter().filter(|r| r.unscored > 0).count();
    assert!(unscored > 0, "some generated units have unscored leaves");

    // The 汇总表, the overview's cells and export, the drill-in, the letters.
    let built = summary::build(&rows, &all);
    let (format, sheets) = session
        .sheets_export(SheetExport::Overview, &all, Path::new("o.csv"), Lang::Zh)
        .expect("overview export");
    let _ = format;
    let sheet = &sheets[0];
    let grade_col = sheet
        .headers
        .iter()
        .position(|h| h == "等级")
        .expect("a grade column");
    let mut app = ReviewApp::new(session, Lang::Zh);
    app.update(jixiao::app::Action::Resize(160, 48));
    for (at, &row) in all.iter().enumerate() {
        let overview = Column::Grade.cell(&rows[row], Lang::Zh).text();
        let standing = rows[row].standing.expect("every unit opens");
        assert_eq!(overview, standing.label(Lang::Zh));
        assert_eq!(
            summary::grade_label(built.rows[at].grade, Lang::Zh),
            overview,
            "汇总表 of {}",
            built.rows[at].unit
        );
        assert_eq!(
            sheet.rows[at][grade_col].text(),
            overview,
            "overview export"
        );
        app.selected = at;
        terminal::review_keys(&mut app, "<enter>");
        assert_eq!(
            drill_standing(&app),
            standing,
            "drill-in of {}",
            built.rows[at].unit
        );
        terminal::review_keys(&mut app, "<esc>");
        assert!(
            matches!(app.screen, Screen::Overview),
            "back to the overview"
        );
        if app.session.review(row).map(|r| r.status) == Some(ReviewStatus::Returned) {
            let md = app
                .session
                .letter_bytes(row, Path::new("l.md"), Lang::Zh)
                .expect("letter");
            let md = String::from_utf8(md).expect("utf-8");
            assert!(
                md.contains(&format!("（{}）。", standing.text(Lang::Zh))),
                "the letter states the grade {}: {md}",
                standing.text(Lang::Zh)
            );
        }
    }
    // The same distribution: the footer's counts and the 汇总表's.
    let counts = grade_counts(&rows, &all);
    for (i, g) in GRADES.iter().enumerate() {
        assert_eq!(built.distribution[i].count, counts.get(*g), "{g:?}");
    }
    assert_eq!(built.distribution[4].count, counts.provisional);
    assert_eq!(counts.provisional, unscored.min(counts.provisional));
    assert_eq!(
        built.distribution.iter().map(|d| d.count).sum::<usize>(),
        UNITS
    );
}

fn has(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().is_ok()
}

/// `file` converted to PDF by `LibreOffice` with its own profile.
fn to_pdf(office: &Path, file: &Path) -> PathBuf {
    let dir = file.parent().expect("folder");
    let profile = dir.join("lo-profile");
    let status = Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    let pdf = file.with_extension("pdf");
    assert!(
        pdf.is_file(),
        "LibreOffice wrote no PDF: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    if let Some(keep) = std::env::var_os("JIXIAO_KEEP_RENDERS") {
        let name = pdf.file_name().expect("name");
        std::fs::copy(&pdf, Path::new(&keep).join(name)).expect("keep the render");
    }
    pdf
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn through_libreoffice_the_summary_fits_the_width_and_the_letter_keeps_its_figures_whole() {
    let Some(office) = jixiao::export::pdf::libreoffice() else {
        eprintln!("LibreOffice (soffice) is not installed: the documents were not rendered");
        return;
    };
    if !has("pdftotext", "-v") {
        eprintln!("pdftotext (poppler-utils) is not installed: the renders were not read");
        return;
    }
    let (tmp, _path, session) = reviewed();
    let all = session.view(&Filter::default(), None);
    let xlsx = tmp.path().join("summary.xlsx");
    let bytes = session
        .summary_bytes(&all, &xlsx, "", Lang::Zh)
        .expect("summary");
    std::fs::write(&xlsx, bytes).expect("write");
    let pdf = to_pdf(&office, &xlsx);
    let text = pdf_text(&pdf);
    let built = summary::build(session.rows(), &all);
    // One page wide: each unit's line holds its number, name, score, grade
    // and status (a column cut to another page would leave them apart).
    for (at, row) in built.rows.iter().enumerate() {
        let line = text
            .lines()
            .find(|l| l.contains(&row.unit))
            .unwrap_or_else(|| panic!("{} is in the PDF:\n{text}", row.unit));
        let score = summary::fixed(row.totals.officer, row.officer_provisional);
        for want in [
            (at + 1).to_string(),
            score,
            summary::grade_label(row.grade, Lang::Zh),
            row.status.label(Lang::Zh).to_owned(),
        ] {
            assert!(line.contains(&want), "{want} beside {}: {line}", row.unit);
        }
    }
    assert!(text.contains("制表单位：湛江市霞山区财政局"), "{text}");
    // The distribution: each label with its count and share on its line.
    for share in &built.distribution {
        let label = summary::grade_label(share.grade, Lang::Zh);
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&label) && l.contains('%'))
            .unwrap_or_else(|| panic!("{label} with its count:\n{text}"));
        assert!(line.contains(&share.count.to_string()), "{line}");
    }
    // The first sheet ends with its note; the details sheet follows.
    let first_sheet = text.split("注：").next().unwrap_or_default();
    assert!(
        !first_sheet.contains("n/a") && !first_sheet.contains(".json"),
        "{first_sheet}"
    );

    // The letter of a unit sent back.
    let docx = session
        .letter_bytes(3, Path::new("l.docx"), Lang::Zh)
        .expect("letter");
    let letter = tmp.path().join("letter.docx");
    std::fs::write(&letter, docx).expect("write");
    let text = pdf_text(&to_pdf(&office, &letter));
    let digest = session.digest(3).expect("opened");
    let review = session.review(3).expect("review");
    for q in jixiao::review::letter::questioned(digest, review) {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().any(|w| w == q.code))
            .unwrap_or_else(|| panic!("{} whole on a line:\n{text}", q.code));
        let weight = jixiao::core::num::fmt_score(q.weight);
        assert!(
            line.split_whitespace().any(|w| w == weight),
            "the weight of {} on its line: {line}",
            q.code
        );
    }
    for header in ["编码", "分值", "自评得分", "计算得分", "审核得分"] {
        assert!(
            text.lines().any(|l| l.contains(header)),
            "{header} whole on one line:\n{text}"
        );
    }
    // pdftotext puts spaces between CJK and digits.
    let text = text.replace(' ', "");
    assert!(text.contains("湛江市霞山区财政局"), "the bureau:\n{text}");
    assert!(text.contains("2026年12月31日前"), "the deadline:\n{text}");
    assert!(text.contains("霞财绩〔2026〕"), "the 文号:\n{text}");
    assert!(text.contains("2026年12月8日"), "the date:\n{text}");
}
