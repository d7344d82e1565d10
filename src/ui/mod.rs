//! The terminal app (SPEC 3).

use chrono::NaiveDate;
use ratatui::widgets::Paragraph;

use crate::service;
use crate::store::Store;

/// Opens the full-screen app on the journal. Returns when the user quits.
pub fn run(store: Store, today: NaiveDate) -> std::io::Result<()> {
    let status = service::status(&store, today).map_err(std::io::Error::other)?;
    ratatui::run(|terminal| -> std::io::Result<()> {
        loop {
            terminal.draw(|frame| {
                let text = format!("soleus — {}\n\n{}\n\nq quit", today, status.line());
                frame.render_widget(Paragraph::new(text), frame.area());
            })?;
            if let crossterm::event::Event::Key(key) = crossterm::event::read()?
                && key.code == crossterm::event::KeyCode::Char('q')
            {
                return Ok(());
            }
        }
    })
}
