use super::*;
use crate::ui::theme::Theme;
use crate::ui::{Action, App, update, view};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::style::{Color, Style};
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// What the terminal was sent, kept where the test can read it.
#[derive(Clone, Default)]
struct Out(Rc<RefCell<Vec<u8>>>);

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The crossterm backend over [`Out`], on a terminal whose size the test
/// sets (the real one asks the tty) and whose cursor is never asked for.
struct Pty {
    inner: CrosstermBackend<Out>,
    size: Rc<std::cell::Cell<Size>>,
}

impl Backend for Pty {
    type Error = io::Error;
    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(&mut self, content: I) -> io::Result<()> {
        self.inner.draw(content)
    }
    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.size.get())
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize { columns_rows: self.size.get(), pixels: Size::default() })
    }
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// One terminal drawn through the crossterm backend alone, one through
/// [`Compact`]; each one's bytes go to a terminal emulator.
struct Pair {
    size: Rc<std::cell::Cell<Size>>,
    plain: (Terminal<Pty>, Out, vt100::Parser),
    compact: (Terminal<Compact<Pty>>, Out, vt100::Parser),
}

impl Pair {
    fn new(width: u16, height: u16) -> Self {
        let size = Rc::new(std::cell::Cell::new(Size::new(width, height)));
        let pty = || {
            let out = Out::default();
            let inner = CrosstermBackend::new(out.clone());
            (Pty { inner, size: size.clone() }, out)
        };
        let ((a, a_out), (b, b_out)) = (pty(), pty());
        let parser = || vt100::Parser::new(height, width, 0);
        Pair {
            plain: (Terminal::new(a).unwrap(), a_out, parser()),
            compact: (Terminal::new(Compact::new(b)).unwrap(), b_out, parser()),
            size,
        }
    }

    /// Does the same to both terminals; returns the bytes each sent
    /// (plain, compact), after checking that their screens look the same.
    fn both(
        &mut self,
        plain: impl FnOnce(&mut Terminal<Pty>),
        compact: impl FnOnce(&mut Terminal<Compact<Pty>>),
    ) -> (usize, usize) {
        plain(&mut self.plain.0);
        compact(&mut self.compact.0);
        let a = std::mem::take(&mut *self.plain.1.0.borrow_mut());
        let b = std::mem::take(&mut *self.compact.1.0.borrow_mut());
        self.plain.2.process(&a);
        self.compact.2.process(&b);
        if let Err(e) = same_look(self.plain.2.screen(), self.compact.2.screen()) {
            panic!(
                "{e}\nplain:   {:?}\ncompact: {:?}",
                String::from_utf8_lossy(&a),
                String::from_utf8_lossy(&b)
            );
        }
        (a.len(), b.len())
    }

    fn draw(&mut self, frame: impl Fn(&mut ratatui::Frame)) -> (usize, usize) {
        self.both(
            |t| {
                t.draw(&frame).unwrap();
            },
            |t| {
                t.draw(&frame).unwrap();
            },
        )
    }

    /// The terminal resized, its screen blanked (vt100 0.16 panics later
    /// when a resize cut a wide character in two; ratatui clears on a
    /// resize anyway).
    fn resize(&mut self, width: u16, height: u16) {
        self.size.set(Size::new(width, height));
        for parser in [&mut self.plain.2, &mut self.compact.2] {
            parser.process(b"\x1b[2J");
            parser.screen_mut().set_size(height, width);
        }
    }
}

/// How a cell looks: a blank shows its background (its foreground too if
/// reversed) and whether it is underlined; bold, italic, dim and the
/// foreground show only on a glyph.
fn look(cell: &vt100::Cell) -> String {
    let text = if cell.contents().is_empty() { " " } else { cell.contents() };
    let mut look = format!(
        "{text:?} bg {:?} inverse {} underline {}",
        cell.bgcolor(),
        cell.inverse(),
        cell.underline()
    );
    if text != " " || cell.inverse() {
        look += &format!(
            " fg {:?} bold {} dim {} italic {}",
            cell.fgcolor(),
            cell.bold(),
            cell.dim(),
            cell.italic()
        );
    }
    look
}

fn same_look(a: &vt100::Screen, b: &vt100::Screen) -> Result<(), String> {
    let (rows, cols) = a.size();
    for (row, col) in (0..rows).flat_map(|r| (0..cols).map(move |c| (r, c))) {
        let (x, y) = (a.cell(row, col).map(look), b.cell(row, col).map(look));
        if x != y {
            return Err(format!("row {row} column {col}: {x:?} shown as {y:?}"));
        }
    }
    (a.cursor_position() == b.cursor_position()).then_some(()).ok_or_else(|| "cursor".into())
}

fn reader(width: u16, height: u16) -> App {
    let doc = crate::store::bundled().expect("bundled");
    let mut app = App::new(doc, "bundled".into(), (0, 0), Theme::new(true));
    update(&mut app, Action::Resize { width, height });
    app
}

/// The bundled debate's first frame on a large terminal: the same screen
/// in a fifth fewer bytes at least (a third, measured); and at 200×60 (at
/// 320×90 the whole debate is on screen) the frame after the mouse wheel
/// scrolled it, with fewer bytes too (a tenth: what changed there is mostly
/// text).
#[test]
fn the_reader_s_frames_look_the_same_in_fewer_bytes() {
    for (width, height) in [(200, 60), (320, 90)] {
        let mut app = reader(width, height);
        let mut pair = Pair::new(width, height);
        let (plain, compact) = pair.draw(|f| view(&app, f));
        assert!(
            compact * 10 < plain * 8,
            "{width}×{height}: first frame {plain} → {compact} bytes"
        );
        if width == 200 {
            update(&mut app, Action::Scroll { column: 10, row: 10, lines: 3 });
            let (plain, compact) = pair.draw(|f| view(&app, f));
            assert!(compact * 20 < plain * 19, "scrolled: {plain} → {compact} bytes");
        }
    }
}

const WORDS: &str = "one two three four five six seven eight nine ten";

/// A word at a time: the blanks between them are left unchanged.
fn words(f: &mut ratatui::Frame) {
    for y in 0..f.area().height {
        let mut x = 0;
        for word in WORDS.split(' ') {
            f.buffer_mut().set_string(x, y, word, Style::new().fg(Color::Cyan));
            x += word.len() as u16 + 1;
        }
    }
}

fn nothing(_: &mut ratatui::Frame) {}

/// What the terminal does not say to ratatui: part of the screen cleared
/// (`Some`), or lines appended.
fn behind_its_back<B: Backend>(backend: &mut B, how: Option<ClearType>) -> Result<(), B::Error> {
    match how {
        Some(clear) => backend.clear_region(clear),
        None => backend.append_lines(1),
    }
}

/// After a clear of part of the screen, or lines appended, the screen is
/// not known: nothing is filled (the same bytes as the plain backend's)
/// until the whole screen is cleared.
#[test]
fn after_a_partial_clear_nothing_is_filled_until_a_full_clear() {
    use ClearType::*;
    for how in [Some(AfterCursor), Some(BeforeCursor), Some(CurrentLine), Some(UntilNewLine), None]
    {
        let mut pair = Pair::new(60, 4);
        let (a, b) = pair.draw(words);
        assert!(b < a, "{how:?}: filled at first ({a} → {b} bytes)");
        pair.both(
            |t| behind_its_back(t.backend_mut(), how).unwrap(),
            |t| behind_its_back(t.backend_mut(), how).unwrap(),
        );
        for frame in [nothing, words, nothing, words] {
            let (a, b) = pair.draw(frame);
            assert_eq!(a, b, "{how:?}: nothing filled");
        }
        pair.both(|t| t.clear().unwrap(), |t| t.clear().unwrap());
        let (a, b) = pair.draw(words);
        assert!(b < a, "{how:?}: filled again after a full clear ({a} → {b} bytes)");
    }
}

/// What a random frame does.
#[derive(Debug, Clone)]
enum Step {
    /// Text at `(x, y)` in a style.
    Text(u16, u16, String, Style),
    /// A rectangle's style set (a background under blanks).
    Paint(Rect, Style),
    /// A cell's symbol emptied (it prints nothing).
    Empty(u16, u16),
    /// `Terminal::clear`, as on a resize.
    Clear,
    /// The terminal resized to this size.
    Resize(u16, u16),
    /// Part of the screen cleared behind ratatui's back, or lines appended.
    Partial(Option<ClearType>),
    /// As `tty::suspend` does: a full clear through the backend, an empty frame.
    Suspend,
}

fn style() -> impl Strategy<Value = Style> {
    let color =
        prop::sample::select(vec![Color::Reset, Color::Indexed(236), Color::Rgb(10, 20, 30)]);
    let modifier = prop::sample::select(vec![
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::ITALIC | Modifier::DIM,
        Modifier::REVERSED,
        Modifier::UNDERLINED,
        Modifier::CROSSED_OUT,
        Modifier::SLOW_BLINK,
    ]);
    (color.clone(), color, modifier)
        .prop_map(|(fg, bg, m)| Style::new().fg(fg).bg(bg).add_modifier(m))
}

fn text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a", "bc", "def", " ", "  ", "   ", "中", "文字", "🎉", "❤️", "é", "e\u{301}", "’",
    ]);
    prop::collection::vec(piece, 1..8).prop_map(|p| p.concat())
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => (0u16..18, 0u16..5, text(), style()).prop_map(|(x, y, t, s)| Step::Text(x, y, t, s)),
        3 => (0u16..18, 0u16..5, 1u16..12, 1u16..4, style())
            .prop_map(|(x, y, w, h, s)| Step::Paint(Rect::new(x, y, w, h), s)),
        1 => (0u16..18, 0u16..5).prop_map(|(x, y)| Step::Empty(x, y)),
        1 => Just(Step::Clear),
        1 => (6u16..20, 1u16..6).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => prop::sample::select(vec![
            None,
            Some(ClearType::AfterCursor),
            Some(ClearType::CurrentLine),
            Some(ClearType::UntilNewLine),
        ])
        .prop_map(Step::Partial),
        1 => Just(Step::Suspend),
    ]
}

fn render(f: &mut ratatui::Frame, steps: &[Step]) {
    let area = f.area();
    let buf = f.buffer_mut();
    for step in steps {
        match step {
            Step::Text(x, y, t, s) if *x < area.width && *y < area.height => {
                buf.set_stringn(*x, *y, t, usize::from(area.width - x), *s);
            }
            Step::Paint(r, s) => buf.set_style(r.intersection(area), *s),
            Step::Empty(x, y) if *x < area.width && *y < area.height => {
                buf[(*x, *y)].set_symbol("");
            }
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Random frames (styled text at random places, wide symbols,
    /// backgrounds, over the last frame's), clears, resizes and partial
    /// clears: after every
    /// frame, the screen drawn through `Compact` looks as the one drawn
    /// without it.
    #[test]
    fn random_frames_look_the_same(frames in prop::collection::vec(prop::collection::vec(step(), 0..8), 1..12)) {
        let mut pair = Pair::new(16, 4);
        let mut previous: &[Step] = &[];
        for steps in &frames {
            for step in steps {
                match step {
                    Step::Clear => {
                        pair.both(|t| t.clear().unwrap(), |t| t.clear().unwrap());
                    }
                    Step::Resize(w, h) => pair.resize(*w, *h),
                    Step::Partial(how) => {
                        pair.both(
                            |t| behind_its_back(t.backend_mut(), *how).unwrap(),
                            |t| behind_its_back(t.backend_mut(), *how).unwrap(),
                        );
                    }
                    Step::Suspend => {
                        pair.both(|t| t.backend_mut().clear().unwrap(), |t| t.backend_mut().clear().unwrap());
                        pair.draw(nothing);
                    }
                    Step::Text(..) | Step::Paint(..) | Step::Empty(..) => {}
                }
            }
            // Each frame draws the last one's text again under its own:
            // unchanged cells between changed ones.
            pair.draw(|f| {
                render(f, previous);
                render(f, steps);
            });
            previous = steps;
        }
    }
}

/// The length of a move is that of the crossterm backend's.
#[test]
fn a_move_is_as_long_as_the_one_sent() {
    for (x, y) in [(0, 0), (8, 9), (9, 8), (99, 59), (199, 99), (319, 89), (9999, 999)] {
        let mut sent = Vec::new();
        ratatui::crossterm::queue!(sent, ratatui::crossterm::cursor::MoveTo(x, y)).unwrap();
        assert_eq!(move_len(x, y), sent.len(), "{x}, {y}");
    }
}
