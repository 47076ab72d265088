//! One xlsx workbook with the sheets 基础数据表, 指标评分表, 工作量统计 and 检查.
//! Ratios, subtotals, the total, the grade and the workload rates are live
//! Excel formulas over the cells they come from, each with jixiao's value as
//! the cached result, so a colleague who changes a figure sees them follow.

mod formulas;
mod sheets;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, Workbook as XlsxBook, Worksheet, XlsxError,
};

use super::ExportError;
use crate::core::Lang;
use crate::core::engine::Derived;
use crate::core::model::{FieldKind, Workbook};
use crate::i18n::Tr;
use crate::text::width;
use sheets::{basic_sheet, checks_sheet, scores_sheet, workload_sheet};

/// How the workbook is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XlsxOptions {
    /// Store jixiao's values as the formulas' cached results (what a viewer that
    /// does not recalculate shows). Tests turn it off to prove the formulas.
    pub cached_results: bool,
    /// Add the 检查 sheet with the engine's warnings (`--with-checks`).
    pub with_checks: bool,
}

impl Default for XlsxOptions {
    fn default() -> Self {
        Self {
            cached_results: true,
            with_checks: false,
        }
    }
}

/// The sheet names in the interface language.
#[must_use]
pub fn sheet_names(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["基础数据表", "指标评分表", "工作量统计", "检查"],
        Lang::En => ["Basic data", "Scores", "Workload", "Checks"],
    }
}

/// Builds the xlsx in memory.
///
/// # Errors
/// When `rust_xlsxwriter` refuses a value (e.g. a sheet beyond Excel's limits).
pub fn to_bytes(
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    options: XlsxOptions,
) -> Result<Vec<u8>, ExportError> {
    to_bytes_stamped(wb, derived, lang, options, None)
}

/// As [`to_bytes`], with the workbook's content stamp in every sheet's
/// printed footer (the published copies: `jixiao publish`).
///
/// # Errors
/// As [`to_bytes`].
pub fn to_bytes_stamped(
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    options: XlsxOptions,
    stamp: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    build(wb, derived, lang, options, stamp).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn build(
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    options: XlsxOptions,
    stamp: Option<&str>,
) -> Result<Vec<u8>, XlsxError> {
    let cx = Inputs {
        wb,
        derived,
        lang,
        options,
        st: Styles::new(),
        stamp,
    };
    let names = sheet_names(lang);
    let mut book = XlsxBook::new();
    let refs = basic_sheet(cx.add_sheet(&mut book, names[0], false)?, &cx, names[0])?;
    scores_sheet(cx.add_sheet(&mut book, names[1], true)?, &cx, &refs)?;
    workload_sheet(cx.add_sheet(&mut book, names[2], false)?, &cx, &refs)?;
    if options.with_checks {
        checks_sheet(cx.add_sheet(&mut book, names[3], false)?, &cx)?;
    }
    book.save_to_buffer()
}

/// What every sheet is written from.
pub(super) struct Inputs<'a> {
    pub(super) wb: &'a Workbook,
    pub(super) derived: &'a Derived,
    pub(super) lang: Lang,
    pub(super) options: XlsxOptions,
    pub(super) st: Styles,
    /// The content stamp printed in the footer, for a published copy.
    pub(super) stamp: Option<&'a str>,
}

impl Inputs<'_> {
    /// A new named worksheet, set up for print.
    fn add_sheet<'b>(
        &self,
        book: &'b mut XlsxBook,
        name: &str,
        landscape: bool,
    ) -> Result<&'b mut Worksheet, XlsxError> {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        print_setup(ws, self.wb, self.lang, landscape)?;
        if let Some(stamp) = self.stamp {
            let label = match self.lang {
                Lang::Zh => crate::core::stamp::LABEL_ZH,
                Lang::En => crate::core::stamp::LABEL_EN,
            };
            ws.set_footer(format!("&L{label} {stamp}&C&P / &N"));
        }
        Ok(ws)
    }

    /// A sheet writer over `ws` with the header row `titles` written and frozen.
    pub(super) fn sheet<'w>(
        &self,
        ws: &'w mut Worksheet,
        titles: &[Tr],
    ) -> Result<Sheet<'w>, XlsxError> {
        let mut s = Sheet::new(ws, self.options);
        s.header(titles, self.lang, &self.st.header)?;
        Ok(s)
    }
}

/// A4, fit to the page width, the header row on every page, and the unit and
/// year in the page header, so every printed sheet says whose it is.
fn print_setup(
    ws: &mut Worksheet,
    wb: &Workbook,
    lang: Lang,
    landscape: bool,
) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    ws.set_paper_size(A4);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    // `&` starts a code in Excel's header language; `&&` prints one.
    let unit = wb.unit.name.replace('&', "&&");
    let year = wb.unit.fiscal_year;
    let header = match lang {
        Lang::Zh => format!("&L{unit}&R{year}年度"),
        Lang::En => format!("&L{unit}&R{year}"),
    };
    ws.set_header(header);
    ws.set_footer("&C&P / &N");
    Ok(())
}

pub(super) struct Styles {
    pub(super) header: Format,
    pub(super) text: Format,
    pub(super) wrap: Format,
    pub(super) money: Format,
    pub(super) count: Format,
    pub(super) rate: Format,
    pub(super) score: Format,
    pub(super) general: Format,
    pub(super) bold: Format,
}

impl Styles {
    pub(super) fn new() -> Self {
        // Every cell sits at the top of its row, beside wrapped neighbours.
        let top = || Format::new().set_align(FormatAlign::Top);
        Self {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0x00DD_EBF7))
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: top(),
            wrap: top().set_text_wrap(),
            money: top().set_num_format("#,##0.00"),
            count: top().set_num_format("0"),
            rate: top().set_num_format("0.00"),
            score: top().set_num_format("0.00"),
            general: top(),
            bold: top().set_bold(),
        }
    }

    pub(super) fn for_field(&self, kind: FieldKind) -> &Format {
        match kind {
            FieldKind::Money | FieldKind::SignedMoney => &self.money,
            FieldKind::Count => &self.count,
            FieldKind::Percent => &self.rate,
        }
    }
}

/// Writes cells and remembers each column's widest text, to size the columns.
pub(super) struct Sheet<'a> {
    pub(super) ws: &'a mut Worksheet,
    pub(super) widths: Vec<usize>,
    pub(super) cached: bool,
}

pub(super) fn f64_of(value: Decimal) -> f64 {
    value.to_f64().unwrap_or_default()
}

impl<'a> Sheet<'a> {
    pub(super) fn new(ws: &'a mut Worksheet, options: XlsxOptions) -> Self {
        // An empty result ("no target given") is cached as an empty text, not as 0.
        ws.set_formula_result_default("");
        Self {
            ws,
            widths: Vec::new(),
            cached: options.cached_results,
        }
    }

    pub(super) fn note(&mut self, col: u16, text: &str) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        let w = text.lines().map(width).max().unwrap_or(0);
        self.widths[col] = self.widths[col].max(w);
    }

    pub(super) fn header(
        &mut self,
        titles: &[Tr],
        lang: Lang,
        style: &Format,
    ) -> Result<(), XlsxError> {
        for (col, title) in (0u16..).zip(titles) {
            let title = title.get(lang);
            self.ws.write_string_with_format(0, col, title, style)?;
            self.note(col, title);
        }
        self.ws.set_freeze_panes(1, 0)?;
        Ok(())
    }

    pub(super) fn text(
        &mut self,
        row: u32,
        col: u16,
        text: &str,
        style: &Format,
    ) -> Result<(), XlsxError> {
        if !text.is_empty() {
            self.ws.write_string_with_format(row, col, text, style)?;
            self.note(col, text);
        }
        Ok(())
    }

    pub(super) fn number(
        &mut self,
        row: u32,
        col: u16,
        value: Decimal,
        style: &Format,
    ) -> Result<(), XlsxError> {
        self.ws
            .write_number_with_format(row, col, f64_of(value), style)?;
        self.note(col, &value.to_string());
        Ok(())
    }

    pub(super) fn blank(&mut self, row: u32, col: u16, style: &Format) -> Result<(), XlsxError> {
        self.ws.write_blank(row, col, style)?;
        Ok(())
    }

    pub(super) fn formula(
        &mut self,
        row: u32,
        col: u16,
        formula: &str,
        cached: &str,
        style: &Format,
    ) -> Result<(), XlsxError> {
        let f = if self.cached {
            Formula::new(formula).set_result(cached)
        } else {
            Formula::new(formula)
        };
        self.ws.write_formula_with_format(row, col, f, style)?;
        self.note(col, cached);
        Ok(())
    }

    /// Sizes the columns to their text (CJK counts double), within `caps`.
    pub(super) fn finish(self, caps: &[usize]) -> Result<(), XlsxError> {
        for (col, w) in (0u16..).zip(&self.widths) {
            let cap = caps.get(usize::from(col)).copied().unwrap_or(40);
            let fitted = (*w + 2).clamp(6, cap);
            self.ws
                .set_column_width(col, u32::try_from(fitted).unwrap_or(40))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::formulas::{CellRefs, metric_formula};
    use super::*;
    use crate::core::engine::MetricId;
    use crate::core::model::FieldId;

    #[test]
    fn variance_formula_reads_its_inputs() {
        let (wb, d) = crate::export::sample_derived();
        let mut refs = CellRefs {
            sheet: "基础数据表".into(),
            fields: HashMap::new(),
            metrics: HashMap::new(),
            headcount_row: 0,
        };
        refs.fields.insert(FieldId::AppropriationIncomeBudget, 10);
        refs.fields.insert(FieldId::AppropriationIncomeFinal, 11);
        let f = metric_formula(MetricId::AppropriationIncomeVarianceRate, &refs, Lang::Zh);
        assert_eq!(
            f,
            "IF(COUNT(C12,C11)<2,\"缺数据\",IF(C11=0,\"n/a\",ROUND(ROUND(ABS((C12-C11)/C11)*100,10),2)))"
        );
        assert!(to_bytes(&wb, &d, Lang::Zh, XlsxOptions::default()).is_ok());
    }
}
