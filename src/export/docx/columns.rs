//! Column widths of the report's tables, in twentieths of a point: a column
//! of figures is as wide as its widest figure needs (a figure never wraps),
//! the text columns share the rest; a table whose columns cannot fit a
//! portrait page goes on a landscape one.

/// Cell margins Word and `LibreOffice` put left and right of the text (108 each).
const CELL_MARGINS: usize = 216;
/// The narrowest a text column may be: four characters of 五号 and its margins.
const TEXT_FLOOR: usize = 4 * 210 + CELL_MARGINS;

/// The width a one-line text needs at 五号 (10.5 pt): 210 for a CJK
/// character; figures as wide as the widest stock fallback draws them
/// (`DejaVu Serif`, 0.64 em a digit, where Times New Roman is missing).
#[must_use]
pub fn one_line_width(text: &str) -> usize {
    let glyphs: usize = text
        .chars()
        .map(|c| match c {
            '0'..='9' | '+' | '-' => 140,
            '.' | ',' | ' ' => 80,
            '%' => 200,
            c if c.is_ascii() => 150,
            _ => 210,
        })
        .sum();
    glyphs + CELL_MARGINS + 60
}

/// Whether a cell holds a figure: digits with a sign, point, separators, `%`
/// or the lower-bound mark 余.
#[must_use]
pub fn is_figure(text: &str) -> bool {
    let text = text.trim();
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | '%' | '余'))
}

/// A column of figures: some cell holds one, and the others are figures or
/// short marks (—, 无数据).
#[must_use]
pub fn is_figure_column(cells: &[&str]) -> bool {
    cells.iter().any(|c| is_figure(c))
        && cells
            .iter()
            .all(|c| c.is_empty() || is_figure(c) || crate::text::width(c) <= 8)
}

/// Widths for columns whose cells are `columns[i]` (header first), on a
/// text width of `available`; `None` when even the narrowest layout does
/// not fit (the caller turns the page).
#[must_use]
pub fn widths(columns: &[Vec<&str>], available: usize) -> Option<Vec<usize>> {
    // Headers of figure columns on one line where the page allows it (a
    // letter's 计算得分 read 计算 / 得分), else wrapped two characters a line.
    widths_with(columns, available, true).or_else(|| widths_with(columns, available, false))
}

fn widths_with(columns: &[Vec<&str>], available: usize, whole_headers: bool) -> Option<Vec<usize>> {
    let figures: Vec<bool> = columns
        .iter()
        .map(|cells| is_figure_column(cells.get(1..).unwrap_or_default()))
        .collect();
    // A figure column: its widest body cell on one line; its header may wrap
    // but keeps two characters a line.
    let fixed: Vec<Option<usize>> = columns
        .iter()
        .zip(&figures)
        .map(|(cells, &figure)| {
            figure.then(|| {
                let body = cells.iter().skip(1).map(|c| one_line_width(c)).max();
                let header = cells
                    .first()
                    .filter(|_| whole_headers)
                    .map_or(0, |h| one_line_width(h));
                body.unwrap_or(0).max(2 * 210 + CELL_MARGINS).max(header)
            })
        })
        .collect();
    let fixed_sum: usize = fixed.iter().flatten().sum();
    let text_columns = fixed.iter().filter(|f| f.is_none()).count();
    let rest = available.checked_sub(fixed_sum)?;
    if rest < text_columns * TEXT_FLOOR {
        return None;
    }
    // Text columns in proportion to their longest text (8 to 28 columns of
    // text), never under the floor.
    let weights: Vec<usize> = columns
        .iter()
        .map(|cells| {
            cells
                .iter()
                .map(|c| crate::text::width(c))
                .max()
                .unwrap_or(0)
                .clamp(8, 28)
        })
        .collect();
    let weight_sum: usize = fixed
        .iter()
        .zip(&weights)
        .filter(|(f, _)| f.is_none())
        .map(|(_, w)| w)
        .sum::<usize>()
        .max(1);
    let spare = rest - text_columns * TEXT_FLOOR;
    Some(
        fixed
            .iter()
            .zip(&weights)
            .map(|(f, w)| f.unwrap_or(TEXT_FLOOR + spare * w / weight_sum))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_marks() {
        assert!(is_figure("1234567.89"));
        assert!(is_figure("1,200余"));
        assert!(is_figure("-100.00"));
        assert!(!is_figure("万元"));
        assert!(!is_figure("—"));
        assert!(is_figure_column(&["12", "—", "", "3.5"]));
        assert!(!is_figure_column(&["12", "家庭医生签约服务"]));
    }

    #[test]
    fn a_seven_digit_amount_keeps_one_line_and_text_takes_the_rest() {
        let columns = vec![
            vec!["项目", "一般公共预算财政拨款收入决算"],
            vec!["数值", "1234567.89"],
        ];
        let w = widths(&columns, 8_845).expect("fits");
        assert_eq!(w[1], one_line_width("1234567.89"));
        assert!(w[1] > 10 * 110 + 216, "{w:?}");
        assert!(w.iter().sum::<usize>() <= 8_845);
    }

    #[test]
    fn ten_columns_of_large_figures_do_not_fit_a_portrait_page() {
        let mut columns = vec![
            vec!["类别", "基本公共卫生"],
            vec!["事项", "家庭医生签约服务"],
            vec!["单位", "人"],
        ];
        for _ in 0..7 {
            columns.push(vec!["上年", "1520000余"]);
        }
        assert!(widths(&columns, 8_845).is_none());
        assert!(widths(&columns, 13_777).is_some());
    }
}
