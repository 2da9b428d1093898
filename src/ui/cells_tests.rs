//! The backend's bytes held to crossterm's, and what a terminal shows.

use super::*;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![
        Just(Color::Reset),
        (0u8..16).prop_map(|i| [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ][usize::from(i)]),
        any::<u8>().prop_map(Color::Indexed),
        any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
    ]
}

/// A buffer of `w`×`h` with cells of any symbol, colour and attributes.
fn buffer(w: u16, h: u16) -> impl Strategy<Value = Buffer> {
    let cell = (
        prop::sample::select(vec![" ", "a", "Z", "—", "“", "的", "👩‍👩‍👧", "e\u{301}", "│"]),
        color(),
        color(),
        color(),
        any::<u16>(),
    );
    prop::collection::vec(cell, usize::from(w * h)).prop_map(move |cells| {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        for (k, (symbol, fg, bg, under, bits)) in cells.into_iter().enumerate() {
            let (x, y) = (k as u16 % w, k as u16 / w);
            let style = Style::default()
                .fg(fg)
                .bg(bg)
                .underline_color(under)
                .add_modifier(Modifier::from_bits_truncate(bits));
            buf.set_string(x, y, symbol, style);
        }
        buf
    })
}

/// What a backend wrote, kept where the test can read it (here and in
/// `ui::fresh`'s tests).
#[derive(Clone, Default)]
pub(in crate::ui) struct Sent(pub(in crate::ui) std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Sent {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What a terminal shows after `bytes`, place by place: the symbol,
/// and how it looks. A blank place (nothing or a space) looks only by
/// its background, reverse and underline: colour, bold and the like do
/// not show on it.
fn shown(bytes: &[u8], w: u16, h: u16) -> Vec<String> {
    // Room to spare at the right and the bottom: vt100 0.16 panics
    // wrapping at the corner of a small screen.
    let mut terminal = vt100::Parser::new(h + 2, w + 4, 0);
    terminal.process(bytes);
    let screen = terminal.screen();
    let mut places = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let Some(c) = screen.cell(y, x) else { continue };
            let symbol = if c.contents().is_empty() { " " } else { c.contents() };
            places.push(if symbol == " " {
                format!("{x},{y} blank {:?} {} {}", c.bgcolor(), c.inverse(), c.underline())
            } else {
                format!(
                    "{x},{y} {symbol:?} {:?} {:?} {} {} {} {} {}",
                    c.fgcolor(),
                    c.bgcolor(),
                    c.bold(),
                    c.dim(),
                    c.italic(),
                    c.inverse(),
                    c.underline()
                )
            });
        }
    }
    places
}

fn theirs(changes: &[(u16, u16, &Cell)]) -> Vec<u8> {
    let sent = Sent::default();
    CrosstermBackend::new(sent.clone())
        .draw(changes.iter().map(|(x, y, c)| (*x, *y, *c)))
        .expect("to memory");
    sent.0.take()
}

fn ours(changes: &[(u16, u16, &Cell)], blank: bool) -> Vec<u8> {
    let mut out = Vec::new();
    encode(&mut out, changes.iter().map(|(x, y, c)| (*x, *y, *c)), blank);
    out
}

proptest! {
    /// Any change of one frame to another on a screen that is not
    /// blank, written here and by crossterm's backend: the same bytes.
    #[test]
    fn frames_are_written_as_crossterm_writes_them(
        (before, after) in (1u16..12, 1u16..6).prop_flat_map(|(w, h)| (buffer(w, h), buffer(w, h))),
    ) {
        for from in [&before, &Buffer::empty(before.area)] {
            let changes = from.diff(&after);
            let theirs = theirs(&changes);
            prop_assert!(!theirs.is_empty());
            let ours = ours(&changes, false);
            if changes.is_empty() {
                // crossterm resets the pen even so; we write nothing.
                prop_assert!(ours.is_empty());
            } else {
                prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
            }
        }
    }

    /// Any frame drawn on a blank screen, gaps written as spaces: the
    /// terminal shows what crossterm's bytes show, place by place.
    #[test]
    fn a_first_frame_shows_what_crossterms_shows(
        frame in (1u16..24, 1u16..6).prop_flat_map(|(w, h)| buffer(w, h)),
        blanks in prop::collection::vec((0u16..24, 0u16..6, 1u16..12), 0..12),
    ) {
        // Runs of blank places, as ratatui leaves between words.
        let mut frame = frame;
        let area = frame.area;
        // No underline colours: vt100 0.16 reads `58;5;n` as blink and
        // underline (a space under such a pen would show underlined there,
        // and in no terminal that knows the code).
        for cell in &mut frame.content {
            cell.underline_color = Color::Reset;
        }
        for (x, y, n) in blanks {
            for x in x..(x + n).min(area.width) {
                if y < area.height {
                    frame[(x, y)] = Cell::EMPTY;
                }
            }
        }
        let changes = Buffer::empty(area).diff(&frame);
        let (theirs, ours) = (theirs(&changes), ours(&changes, true));
        prop_assert!(ours.len() <= theirs.len());
        prop_assert_eq!(shown(&ours, area.width, area.height), shown(&theirs, area.width, area.height));
    }
}

/// Words on a blank screen go out with the spaces between them, not a
/// cursor move for each; not so where the screen is not blank, nor
/// after a symbol past ASCII (a terminal may measure it otherwise), nor
/// where the pen would show on a space.
#[test]
fn gaps_on_a_blank_screen_are_written_as_spaces() {
    let area = Rect::new(0, 0, 30, 2);
    let mut frame = Buffer::empty(area);
    // The words coloured, the space between them not (as the reader
    // draws text), so ratatui leaves the space out of the frame.
    frame.set_string(0, 0, "Boris", Style::default().fg(Color::Gray));
    frame.set_string(
        6,
        0,
        "Lindqvist",
        Style::default().fg(Color::Gray).add_modifier(Modifier::BOLD),
    );
    frame.set_string(0, 1, "“a” b 的 c d", Style::default());
    let changes = Buffer::empty(area).diff(&frame);
    let blank = String::from_utf8(ours(&changes, true)).expect("UTF-8");
    assert!(blank.contains("Boris \x1b[1mLindqvist"), "{blank:?}");
    assert!(blank.contains("“a” b 的\x1b[2;10Hc\x1b[2;12Hd"), "{blank:?}");
    let drawn = String::from_utf8(ours(&changes, false)).expect("UTF-8");
    assert!(drawn.contains("Boris\x1b[1;7H\x1b[1mLindqvist"), "{drawn:?}");
    let mut marked = Buffer::empty(area);
    marked.set_string(0, 0, "a", Style::default().add_modifier(Modifier::UNDERLINED));
    marked.set_string(2, 0, "b", Style::default().add_modifier(Modifier::UNDERLINED));
    let changes = Buffer::empty(area).diff(&marked);
    let underlined = String::from_utf8(ours(&changes, true)).expect("UTF-8");
    assert!(underlined.contains("a\x1b[1;3Hb"), "{underlined:?}");
}

/// The backend's own idea of a blank screen: at first, and after the
/// screen is cleared whole; not after a frame, nor after lines are
/// appended or part of the screen is cleared.
#[test]
fn the_screen_is_blank_until_drawn_on_and_again_once_cleared() {
    let area = Rect::new(0, 0, 10, 1);
    let mut frame = Buffer::empty(area);
    frame.set_string(0, 0, "a b", Style::default());
    let changes = Buffer::empty(area).diff(&frame);
    let draw = |cells: &mut Cells<Sent>, out: &Sent| {
        out.0.borrow_mut().clear();
        cells.draw(changes.iter().map(|(x, y, c)| (*x, *y, *c))).expect("to memory");
        String::from_utf8(out.0.borrow().clone()).expect("UTF-8").contains("a b")
    };
    let out = Sent::default();
    let mut cells = Cells::new(out.clone());
    assert!(draw(&mut cells, &out), "first frame");
    assert!(!draw(&mut cells, &out), "second frame");
    cells.clear().expect("to memory");
    assert!(draw(&mut cells, &out), "after clear");
    cells.clear_region(ClearType::AfterCursor).expect("to memory");
    assert!(!draw(&mut cells, &out), "after part cleared");
    cells.clear_region(ClearType::All).expect("to memory");
    cells.append_lines(1).expect("to memory");
    assert!(!draw(&mut cells, &out), "after lines appended");
}

/// A frame that changes nothing writes nothing, the cursor's state
/// included, until something else has moved the cursor or shown it.
#[test]
fn a_frame_that_changes_nothing_writes_nothing() {
    use ratatui::Terminal;
    let out = Sent::default();
    let mut tty = Terminal::new(Cells::new(out.clone())).expect("to memory");
    let hidden = |f: &mut ratatui::Frame| f.render_widget("text", Rect::new(0, 0, 4, 1));
    let placed = |f: &mut ratatui::Frame| {
        f.render_widget("text", Rect::new(0, 0, 4, 1));
        f.set_cursor_position((2, 0));
    };
    let frame = |tty: &mut Terminal<Cells<Sent>>, draw: &dyn Fn(&mut ratatui::Frame)| {
        out.0.borrow_mut().clear();
        tty.draw(draw).expect("to memory");
        String::from_utf8(out.0.borrow().clone()).expect("UTF-8")
    };
    let first = frame(&mut tty, &hidden);
    assert!(first.contains("text") && first.ends_with("\x1b[?25l"), "{first:?}");
    assert_eq!(frame(&mut tty, &hidden), "", "nothing changed");
    let shown = frame(&mut tty, &placed);
    assert_eq!(shown, "\x1b[?25h\x1b[1;3H", "the cursor shown and put there");
    assert_eq!(frame(&mut tty, &placed), "", "nothing changed");
    tty.backend_mut().forget_cursor();
    assert_eq!(frame(&mut tty, &placed), "\x1b[?25h\x1b[1;3H", "told again");
    // Text drawn moves the cursor: it is put back.
    let moved = |f: &mut ratatui::Frame| {
        f.render_widget("next", Rect::new(0, 0, 4, 1));
        f.set_cursor_position((2, 0));
    };
    assert!(
        frame(&mut tty, &moved).ends_with("\x1b[1;1Hn\x1b[39m\x1b[49m\x1b[59m\x1b[0m\x1b[1;3H")
    );
    assert_eq!(frame(&mut tty, &hidden).matches("\x1b[?25l").count(), 1, "hidden once");
}

/// A flag written over in its first cell alone: its second cell is
/// written again (tmux keeps the halves apart, and left `🇸` on screen).
#[test]
fn a_flag_written_over_has_its_second_half_written_too() {
    use ratatui::Terminal;
    let out = Sent::default();
    let mut tty = Terminal::new(Cells::new(out.clone())).expect("to memory");
    let frame = |tty: &mut Terminal<Cells<Sent>>, text: &'static str| {
        out.0.borrow_mut().clear();
        tty.draw(|f| f.render_widget(text, Rect::new(0, 0, 4, 1))).expect("to memory");
        String::from_utf8(out.0.borrow().clone()).expect("UTF-8")
    };
    assert!(frame(&mut tty, "a🇺🇸b").contains("🇺🇸"));
    // The flag's first cell becomes `x`; the second was a blank behind the
    // flag and is a blank still, so ratatui's diff leaves it out.
    let next = frame(&mut tty, "ax b");
    assert!(next.contains("x "), "the blank after it written: {next:?}");
    // Without a flag there, nothing is added.
    let again = frame(&mut tty, "ay b");
    assert!(!again.contains("y "), "{again:?}");
}
