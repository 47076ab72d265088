//! A ratatui backend that keeps nothing, shared by the benches.

/// A backend that keeps nothing: measures update, render and ratatui's diff,
/// not the terminal (that is measured from outside with `tui_latency`).
pub struct NullBackend {
    size: ratatui::layout::Size,
    cursor: ratatui::layout::Position,
}

impl NullBackend {
    pub fn new(width: u16, height: u16) -> Self {
        Self {
            size: ratatui::layout::Size::new(width, height),
            cursor: ratatui::layout::Position::ORIGIN,
        }
    }
}

impl ratatui::backend::Backend for NullBackend {
    type Error = std::convert::Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        std::hint::black_box(content.count());
        Ok(())
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, Self::Error> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        position: P,
    ) -> Result<(), Self::Error> {
        self.cursor = position.into();
        Ok(())
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn clear_region(&mut self, _: ratatui::backend::ClearType) -> Result<(), Self::Error> {
        Ok(())
    }
    fn size(&self) -> Result<ratatui::layout::Size, Self::Error> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> Result<ratatui::backend::WindowSize, Self::Error> {
        Ok(ratatui::backend::WindowSize {
            columns_rows: self.size,
            pixels: ratatui::layout::Size::new(0, 0),
        })
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}
