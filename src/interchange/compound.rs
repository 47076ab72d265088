//! An xls file checked before calamine reads it. An xls is a compound file
//! (sectors chained through a table, the FAT) holding a BIFF record stream;
//! calamine follows every chain to its end and sizes its cell grids from the
//! records, so a 5 KB file with a chain that loops back on itself, or with a
//! cell at the sheet's last row and column, would take all memory. Here every
//! chain calamine will follow is walked the way it walks it, each sector at
//! most once, and the cells' extent of every sheet is measured from the
//! records, before anything is allocated for them.

use std::collections::HashSet;

use super::limits::{Limit, MAX_SHEET_CELLS, MAX_TOTAL_CELLS, column_name};
use super::sheet::ReadError;

/// The compound file's signature.
const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector ids from here up are markers, not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// A stream shorter than this lives in the mini stream.
const MINI_CUTOFF: usize = 4096;

/// Whether `bytes` start like a compound file (an xls, whatever its name).
#[must_use]
pub fn is_compound(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

fn corrupt(why: &str) -> ReadError {
    ReadError::Corrupt(why.to_owned())
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// The compound file's layout, as calamine reads it.
struct Compound<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    /// The highest sector id calamine accepts (`len / sector_size`).
    max_id: u32,
    fat: Vec<u32>,
}

impl Compound<'_> {
    /// Sector `id` (it starts after the header, which is one sector long);
    /// short at the end of the file, as calamine reads it.
    fn sector(&self, id: u32) -> Result<&[u8], ReadError> {
        if id > self.max_id {
            return Err(corrupt("a sector chain points past the end of the file"));
        }
        let start = (id as usize + 1).saturating_mul(self.sector_size);
        let end = start.saturating_add(self.sector_size).min(self.bytes.len());
        Ok(self.bytes.get(start..end).unwrap_or_default())
    }

    /// The bytes of the chain from `start`, up to `len`: every sector once
    /// (a sector met again is a loop), every link inside the table.
    fn chain(
        &self,
        start: u32,
        table: &[u32],
        len: usize,
        mini: Option<&[u8]>,
    ) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id != END_OF_CHAIN && out.len() < len {
            steps += 1;
            if steps > table.len().max(1) {
                return Err(corrupt("a sector chain loops back on itself"));
            }
            let piece = match mini {
                Some(stream) => {
                    let at = (id as usize).saturating_mul(64);
                    let end = at.saturating_add(64).min(stream.len());
                    stream.get(at..end).unwrap_or_default()
                }
                None => self.sector(id)?,
            };
            let take = piece.len().min(len - out.len());
            out.extend_from_slice(&piece[..take]);
            if out.len() >= len {
                break;
            }
            id = *table
                .get(id as usize)
                .ok_or_else(|| corrupt("a sector chain points outside its table"))?;
        }
        Ok(out)
    }
}

/// Reads the compound file's header and FAT, checking the DIFAT chain.
fn open(bytes: &[u8]) -> Result<Compound<'_>, ReadError> {
    if bytes.len() < 512 || !is_compound(bytes) {
        return Err(corrupt("not a compound file"));
    }
    let header = |at| u32_at(bytes, at).ok_or_else(|| corrupt("short header"));
    let sector_size = match u16_at(bytes, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Err(corrupt("unknown sector size")),
    };
    if bytes.len() < sector_size {
        return Err(corrupt("short header"));
    }
    let max_id = u32::try_from(bytes.len() / sector_size).unwrap_or(u32::MAX);
    let mut compound = Compound {
        bytes,
        sector_size,
        max_id,
        fat: Vec::new(),
    };
    // The FAT's own sectors: 109 in the header, the rest in a DIFAT chain.
    let mut fat_sectors: Vec<u32> = u32s(&bytes[76..512]).collect();
    let mut next = header(68)?;
    let mut seen = HashSet::new();
    while next < RESERVED {
        if !seen.insert(next) {
            return Err(corrupt("the DIFAT chain loops back on itself"));
        }
        let sector = compound.sector(next)?;
        let mut ids: Vec<u32> = u32s(sector).collect();
        next = ids.pop().ok_or_else(|| corrupt("short DIFAT sector"))?;
        fat_sectors.extend(ids);
    }
    let mut distinct = HashSet::new();
    let mut fat = Vec::new();
    for id in fat_sectors.into_iter().filter(|id| *id < DIFAT_SECTOR) {
        // A sector listed twice would double the table for nothing.
        if !distinct.insert(id) {
            return Err(corrupt("a FAT sector is listed twice"));
        }
        fat.extend(u32s(compound.sector(id)?));
    }
    compound.fat = fat;
    Ok(compound)
}

/// The workbook stream of an xls, every chain to it checked as calamine follows it.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    let compound = open(bytes)?;
    let fat = &compound.fat;
    let small = compound.sector_size == 512;
    let dir_start = u32_at(bytes, 48).unwrap_or(END_OF_CHAIN);
    let directory = compound.chain(dir_start, fat, usize::MAX, None)?;
    let entries: Vec<(String, u32, usize)> = directory
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|u| *u != 0)
                .collect();
            let start = u32_at(e, 116).unwrap_or(END_OF_CHAIN);
            let len = if small {
                u64::from(u32_at(e, 120).unwrap_or(0))
            } else {
                u64_at(e, 120).unwrap_or(0)
            };
            (
                String::from_utf16_lossy(&units),
                start,
                usize::try_from(len).unwrap_or(usize::MAX),
            )
        })
        .collect();
    let Some((_, root_start, root_len)) = entries.first().cloned() else {
        return Err(corrupt("no root directory"));
    };
    let mini_fat_len = u32_at(bytes, 64).unwrap_or(0) as usize;
    let (mini_stream, mini_fat) = if mini_fat_len > 0 {
        let stream = compound.chain(root_start, fat, root_len, None)?;
        let mini_fat_start = u32_at(bytes, 60).unwrap_or(END_OF_CHAIN);
        let table = compound.chain(
            mini_fat_start,
            fat,
            mini_fat_len.saturating_mul(compound.sector_size),
            None,
        )?;
        (stream, u32s(&table).collect())
    } else {
        (Vec::new(), Vec::new())
    };
    let named = |name: &str| {
        entries
            .iter()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, start, len)| (*start, *len))
    };
    let (start, len) = named("Workbook")
        .or_else(|| named("Book"))
        .ok_or_else(|| corrupt("no workbook stream"))?;
    if len < MINI_CUTOFF {
        compound.chain(start, &mini_fat, len, Some(&mini_stream))
    } else {
        compound.chain(start, fat, len, None)
    }
}

/// One BIFF record: type and data (CONTINUE records are part of the one before).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let kind = u16_at(rest, 0)?;
        let len = usize::from(u16_at(rest, 2)?);
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((kind, data))
    })
}

/// The far corner of a sheet's cells (0-based row and column), and the
/// largest grid a DIMENSIONS record asks calamine to reserve.
#[derive(Default)]
struct Extent {
    last: Option<(u32, u32)>,
    reserved: u64,
}

impl Extent {
    fn cell(&mut self, row: u32, col: u32) {
        let (r, c) = self.last.unwrap_or((0, 0));
        self.last = Some((r.max(row), c.max(col)));
    }

    fn cells(&self) -> u64 {
        self.last
            .map_or(0, |(r, c)| (u64::from(r) + 1) * (u64::from(c) + 1))
    }
}

/// The extent of the sheet whose BOF is at `at`, read as calamine reads it
/// (nested substreams such as charts skipped).
fn sheet_extent(stream: &[u8], at: usize) -> Result<Extent, ReadError> {
    let mut extent = Extent::default();
    let mut seen_bof = false;
    let mut depth = 0usize;
    for (kind, data) in records(stream.get(at..).unwrap_or_default()) {
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let row = u32::from(u16_at(data, 0).unwrap_or(0));
        let col = u32::from(u16_at(data, 2).unwrap_or(0));
        match kind {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => extent.reserved = extent.reserved.max(dimensions(data)?),
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => extent.cell(row, col),
            0x00BD if data.len() >= 6 => {
                let last = u16_at(data, data.len() - 2).unwrap_or(0);
                extent.cell(row, u32::from(last).max(col));
            }
            _ => {}
        }
    }
    Ok(extent)
}

/// The cells a DIMENSIONS record makes calamine reserve; a record whose last
/// row comes before its first would make it subtract past zero.
fn dimensions(data: &[u8]) -> Result<u64, ReadError> {
    let (first_row, last_row, first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u32::from(u16_at(data, 4).unwrap_or(0)),
            u32::from(u16_at(data, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u32::from(u16_at(data, 8).unwrap_or(0)),
            u32::from(u16_at(data, 10).unwrap_or(0)),
        ),
        _ => return Ok(0),
    };
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    if last_row == 0 || last_col == 0 {
        return Ok(1);
    }
    if last_row - 1 < first_row || last_col - 1 < first_col {
        return Err(corrupt("a sheet's DIMENSIONS record ends before it starts"));
    }
    Ok(u64::from(last_row - first_row) * u64::from(last_col - first_col))
}

/// Checks an xls before calamine opens it: its compound file has no chain
/// that loops or leaves its table, and no sheet is larger than the limits.
///
/// # Errors
/// `Corrupt` naming the fault, or `Limit` naming the limit and the sheet.
pub fn check_xls(bytes: &[u8]) -> Result<(), ReadError> {
    let stream = workbook_stream(bytes)?;
    // BOUNDSHEET records of the globals substream: where each sheet starts.
    let mut total = 0u64;
    for (kind, data) in records(&stream) {
        if kind == 0x000A {
            break;
        }
        if kind != 0x0085 {
            continue;
        }
        let at = u32_at(data, 0).unwrap_or(u32::MAX) as usize;
        if at > stream.len() {
            // calamine would slice the stream there and panic.
            return Err(corrupt(
                "a sheet starts past the end of the workbook stream",
            ));
        }
        let name = sheet_name(data);
        let extent = sheet_extent(&stream, at)?;
        let cells = extent.cells().max(extent.reserved);
        if cells > MAX_SHEET_CELLS {
            let corner = extent
                .last
                .map(|(r, c)| format!("{}{}", column_name(c), u64::from(r) + 1))
                .unwrap_or_default();
            return Err(ReadError::Limit(Limit::SheetCells {
                sheet: name,
                corner,
            }));
        }
        total += cells;
        if total > MAX_TOTAL_CELLS {
            return Err(ReadError::Limit(Limit::TotalCells));
        }
    }
    Ok(())
}

/// A BOUNDSHEET record's sheet name (for the message only).
fn sheet_name(data: &[u8]) -> String {
    let len = usize::from(data.get(6).copied().unwrap_or(0));
    let wide = data.get(7).copied().unwrap_or(0) & 1 == 1;
    let body = data.get(8..).unwrap_or_default();
    if wide {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .take(len)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        body.iter().take(len).map(|b| char::from(*b)).collect()
    }
}
