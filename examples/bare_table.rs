//! The yardstick for input latency: a bare ratatui table of 80 rows with the
//! plainest event loop (block on crossterm, one event, one frame). `j`/`k`
//! move the selection, `q` quits. Measured beside the workbench with the
//! shared pty tools (docs/store.md, "Input").

use std::io;

use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::widgets::{Block, Row, Table, TableState};

fn main() -> io::Result<()> {
    let mut terminal = ratatui::init();
    let rows: Vec<Row> = (1..=80)
        .map(|i| Row::new(vec![format!("第 {i} 行"), format!("{}", i * 7)]))
        .collect();
    let widths = [ratatui::layout::Constraint::Length(12); 2];
    let table = Table::new(rows, widths)
        .block(Block::bordered().title("总分 bare table"))
        .row_highlight_style(ratatui::style::Style::new().reversed());
    let mut state = TableState::default().with_selected(Some(0));
    let result = loop {
        if let Err(e) = terminal.draw(|frame| {
            frame.render_stateful_widget(&table, frame.area(), &mut state);
        }) {
            break Err(e);
        }
        match event::read() {
            Ok(Event::Key(key)) if key.kind == KeyEventKind::Press => match key.code {
                KeyCode::Char('j') => state.select_next(),
                KeyCode::Char('k') => state.select_previous(),
                KeyCode::Char('q') => break Ok(()),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    ratatui::restore();
    result
}
