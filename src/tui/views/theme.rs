//! Colours and emphasis. Under NO_COLOR only modifiers (bold, reverse) are
//! used, and severity is carried by its word.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn alarm(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn severity(&self, level: u8) -> Style {
        match level {
            0 => self.fg(Color::Green),
            1 => self.fg(Color::Yellow),
            2 => self.fg(Color::LightRed),
            _ => self.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }
    pub fn severity_bg(&self, level: u8) -> Style {
        if !self.color {
            return if level >= 2 {
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else {
                Style::new()
            };
        }
        let c = match level {
            0 => Color::Green,
            1 => Color::Yellow,
            2 => Color::LightRed,
            _ => Color::Red,
        };
        Style::new().bg(c).fg(Color::Black)
    }
}
