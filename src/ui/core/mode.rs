//! The mode names the status bar shows.

/// What the keys currently act on, as the status bar names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Read,
    Select,
    Help,
    About,
    Tag,
    Note,
    Prompt,
    Confirm,
    Tags,
    Orphans,
    Export,
    Search,
    Kwic,
    AutoCode,
    List,
    Matrix,
    Compare,
    Choose,
    Agree,
    Link,
    Links,
    Relations,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Read => "READ",
            Mode::Select => "SELECT",
            Mode::Help => "HELP",
            Mode::About => "ABOUT",
            Mode::Tag => "TAG",
            Mode::Note => "NOTE",
            Mode::Prompt => "EDIT",
            Mode::Confirm => "CONFIRM",
            Mode::Tags => "TAGS",
            Mode::Orphans => "ORPHANS",
            Mode::Export => "EXPORT",
            Mode::Search => "SEARCH",
            Mode::Kwic => "KWIC",
            Mode::AutoCode => "AUTO-CODE",
            Mode::List => "LIST",
            Mode::Matrix => "MATRIX",
            Mode::Compare => "COMPARE",
            Mode::Choose => "CHOOSE",
            Mode::Agree => "AGREE",
            Mode::Link => "LINK",
            Mode::Links => "LINKS",
            Mode::Relations => "RELATIONS",
        }
    }
}
