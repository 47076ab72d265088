//! The unit's one-line identity texts (name, code, year, notice, contact …):
//! one registry row each, with its key (the JSON field), its label, where it
//! is kept and whether `new --from` carries it into next year. The unit pane,
//! the comparison behind the reviewer's diff and the recovery offer, and
//! `core::carry` all read this list, so a new field is a variant and a row.

use super::Workbook;
use super::workbook::Unit;
use crate::core::{Bilingual, Tr};

/// A one-line text of the unit's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum UnitField {
    Name,
    Code,
    Year,
    Supervising,
    Notice,
    Contact,
    ReportDate,
}

/// Where a field is kept.
#[derive(Clone, Copy)]
enum Slot {
    Text(fn(&Unit) -> &String, fn(&mut Unit) -> &mut String),
    /// The fiscal year, a number typed as text.
    Year,
}

/// One row of the registry.
#[derive(Clone, Copy)]
struct Row {
    field: UnitField,
    /// The field's name in the workbook's JSON `unit` object.
    key: &'static str,
    label: Tr,
    slot: Slot,
    /// Copied into next year's workbook by `new --from`.
    carried: bool,
}

/// The registry, in the unit pane's order.
#[rustfmt::skip]
const ROWS: [Row; 7] = [
    Row { field: UnitField::Name, key: "name", label: Tr("单位名称", "Unit name"),
          slot: Slot::Text(|u| &u.name, |u| &mut u.name), carried: true },
    Row { field: UnitField::Code, key: "code", label: Tr("单位编码", "Unit code"),
          slot: Slot::Text(|u| &u.code, |u| &mut u.code), carried: false },
    Row { field: UnitField::Year, key: "fiscal_year", label: Tr("评价年度", "Fiscal year"),
          slot: Slot::Year, carried: false },
    Row { field: UnitField::Supervising, key: "supervising_dept", label: Tr("主管部门", "Supervising department"),
          slot: Slot::Text(|u| &u.supervising_dept, |u| &mut u.supervising_dept), carried: true },
    Row { field: UnitField::Notice, key: "notice_ref", label: Tr("通知文号", "Notice reference"),
          slot: Slot::Text(|u| &u.notice_ref, |u| &mut u.notice_ref), carried: false },
    Row { field: UnitField::Contact, key: "contact", label: Tr("联系人及电话", "Contact person and telephone"),
          slot: Slot::Text(|u| &u.contact, |u| &mut u.contact), carried: false },
    Row { field: UnitField::ReportDate, key: "report_date", label: Tr("报告日期", "Report date"),
          slot: Slot::Text(|u| &u.report_date, |u| &mut u.report_date), carried: false },
];

impl UnitField {
    /// Every field, in the registry's (the unit pane's) order.
    pub const ALL: [Self; ROWS.len()] = {
        let mut all = [Self::Name; ROWS.len()];
        let mut i = 0;
        while i < ROWS.len() {
            all[i] = ROWS[i].field;
            i += 1;
        }
        all
    };

    fn row(self) -> Row {
        ROWS.into_iter()
            .find(|row| row.field == self)
            .unwrap_or(ROWS[0])
    }

    /// The field's name in the workbook's JSON `unit` object.
    #[must_use]
    pub fn key(self) -> &'static str {
        self.row().key
    }

    #[must_use]
    pub fn label(self) -> Tr {
        self.row().label
    }

    /// Copied into next year's workbook by `new --from`.
    #[must_use]
    pub fn carried(self) -> bool {
        self.row().carried
    }

    #[must_use]
    pub fn get(self, wb: &Workbook) -> String {
        match self.row().slot {
            Slot::Text(read, _) => read(&wb.unit).clone(),
            Slot::Year => wb.unit.fiscal_year.to_string(),
        }
    }

    /// Stores typed text; the year must be a plausible four-digit year.
    ///
    /// # Errors
    /// Says, in both languages, why the text cannot be stored.
    pub fn set(self, wb: &mut Workbook, text: &str) -> Result<(), Bilingual> {
        let text = text.trim();
        match self.row().slot {
            Slot::Text(_, write) => text.clone_into(write(&mut wb.unit)),
            Slot::Year => wb.unit.fiscal_year = parse_year(text)?,
        }
        Ok(())
    }
}

fn parse_year(text: &str) -> Result<u16, Bilingual> {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            _ => c,
        })
        .collect();
    match ascii.parse::<u16>() {
        Ok(year) if (2000..=2100).contains(&year) => Ok(year),
        _ => Err(Bilingual::new(
            "年度应为 2000 至 2100 之间的四位数，如 2024",
            "the year must be four digits between 2000 and 2100, e.g. 2024",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;

    #[test]
    fn every_field_has_one_row_and_reads_back_what_was_set() {
        let mut wb = sample_workbook();
        for (i, field) in UnitField::ALL.into_iter().enumerate() {
            assert_eq!(UnitField::ALL.iter().position(|f| *f == field), Some(i));
            let text = if field == UnitField::Year {
                "2031"
            } else {
                "甲乙"
            };
            field.set(&mut wb, &format!(" {text} ")).expect("stored");
            assert_eq!(field.get(&wb), text, "{}", field.key());
        }
        let keys: Vec<&str> = UnitField::ALL.iter().map(|f| f.key()).collect();
        let json = serde_json::to_value(&wb.unit).expect("json");
        for key in keys {
            assert!(json.get(key).is_some(), "{key} is a field of unit");
        }
    }
}
