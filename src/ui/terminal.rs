//! The event loop and the terminal around it: raw mode, alternate screen and
//! mouse capture on the way in, all of it undone on every way out — normal
//! exit, error, panic, and Ctrl-Z suspend (restored again on resume).

use std::io;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use jiff::Timestamp;
use ratatui::crossterm::event::{self, Event};

use super::app::App;
use super::core::action::{Action, Exported};
use super::core::against::Against;
use super::dispatch::Command;
pub use super::events::action_for;
use super::events::{IMMEDIATE, poll};
use super::exporting;
use super::settling::Settling;
use super::takeover::{self, Writer};
use super::tty::{self, Prepared, Taken};
use super::update;
use crate::model::sanitize::Shown;
use crate::store::mapped::Settle;
use crate::store::saver::{Saved, Saver};

/// Sets the terminal up, runs the reader until it quits, and restores the
/// terminal whatever happens. Changes to the annotations are handed to
/// `saver` as they happen; `settle` is settled just after the first frame
/// (see [`Settling`]) or as the reader ends; `prepared`: the frame buffers,
/// if made already. `panic_on_key` (panic on F12) exists for the crash tests.
pub fn run(
    mut app: App,
    saver: Option<Saver>,
    lock: Option<&std::path::Path>,
    settle: Option<Settle>,
    panic_on_key: bool,
    prepared: Option<Prepared>,
    caught: super::signals::Caught,
) -> io::Result<App> {
    let last = super::signals::LastResort::new(
        saver.as_ref().map(Saver::progress),
        lock.map(std::path::Path::to_path_buf),
    );
    let (shutdown, watch) = super::signals::install(caught, last.clone());
    // The first layout is worked out while the frame buffers may still be
    // in the making on the other core (`tty::prepare`: for the 12.8 MB panel
    // the reader waited 0.25 ms for them); once the terminal is taken the
    // size is asked again, and laid out again only if it changed.
    if let Ok((width, height)) = ratatui::crossterm::terminal::size() {
        act(&mut app, Action::Resize { width, height });
    }
    let mut terminal = tty::take(prepared)?;
    let mut after = AfterFrame { watch, settling: Settling::new(settle) };
    let mut writer = Writer::new(saver, last);
    let result = tty::enable_mouse().and_then(|()| {
        event_loop(&mut terminal, &mut app, &mut writer, &shutdown, &mut after, panic_on_key)
    });
    // The cursor shown while the alternate screen is still up: anything
    // a failed frame left in the buffer goes there, not to the shell's screen.
    drop(terminal);
    tty::restore_quietly();
    super::rescue::report(&mut app);
    // Saves are flushed and the lock is the caller's to drop next: nothing
    // left for the watchdog to do.
    shutdown.finished();
    result.map(|()| app)
}

/// What waits for the first frame to be out: the threads that act on
/// signals (see [`super::signals::Watch`]) start then, unless crossterm
/// is to read the terminal before it (keys typed ahead) or the loop ends
/// without one; a mapped file is settled a moment later (see
/// [`Settling`]).
struct AfterFrame {
    watch: Option<super::signals::Watch>,
    settling: Settling,
}

impl AfterFrame {
    /// The signals' threads started, if they are not yet: before anything
    /// that may not come back by itself (crossterm reading a terminal that
    /// has hung up retries for ever; a save may take seconds).
    fn watch(&mut self) {
        if let Some(watch) = self.watch.take() {
            watch.start();
        }
    }

    /// A frame was drawn (or the terminal refused it: the loop ends, and
    /// signals during the wind-down are still acted on).
    fn drawn(&mut self, ok: bool) {
        self.watch();
        if ok {
            self.settling.drawn();
        }
    }
}

/// Hands the saver anything new: a revision not yet on disk, or one that
/// now takes in a change made on disk (`disk_seen`); or, once the user chose
/// their version over the file on disk, that version.
pub fn save_if_changed(app: &mut App, saver: Option<&Saver>, sent: &mut (u64, u64)) {
    let Some(saver) = saver else { return };
    if app.saving.read_only.is_some() {
        return;
    }
    saver.on_disk(app.saving.saved_revision);
    let now = (app.annotations.revision(), app.saving.disk_seen);
    if std::mem::take(&mut app.saving.keep_mine) {
        *sent = now;
        saver.keep_mine(app.annotations.snapshot(), now.1);
    } else if now != *sent && now.0 != app.saving.saved_revision {
        *sent = now;
        saver.save(app.annotations.snapshot(), now.1);
    }
}

fn act(app: &mut App, action: Action) -> Command {
    app.now = Timestamp::now();
    update(app, action)
}

/// Runs the loop; on the way out, whatever ended it, every change is saved
/// (or kept aside). A terminal that has gone away (hung up, or a signal
/// asked us to stop while it failed) is an ending, not an error.
fn event_loop(
    terminal: &mut Taken,
    app: &mut App,
    writer: &mut Writer,
    shutdown: &super::signals::Shutdown,
    after: &mut AfterFrame,
    panic_on_key: bool,
) -> io::Result<()> {
    let mut sent = (app.annotations.revision(), app.saving.disk_seen);
    let turned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        turn(terminal, app, writer, shutdown, &mut sent, after, panic_on_key)
    }));
    let result = match turned {
        Ok(result) => result,
        Err(panic) => {
            // A bug, not the user's doing (the hook has given the terminal
            // back and said what it was): what they wrote is kept as on a
            // signal, a note being written as the note, before the panic
            // goes on (its exit code).
            let keep = std::panic::AssertUnwindSafe(|| {
                act(app, Action::KeepDrafts);
                if !save_all(app, writer.saver.as_ref(), &mut sent, super::signals::SAVE_BUDGET) {
                    super::rescue::rescue(app);
                }
            });
            let _ = std::panic::catch_unwind(keep);
            std::panic::resume_unwind(panic);
        }
    };
    let saver = writer.saver.as_ref();
    // Ended before a frame (a `q` typed ahead, a terminal gone): signals
    // are acted on while the work is saved.
    after.watch();
    if result.is_ok() && shutdown.requested().is_none() {
        // Quit though saving fails (the user said so): the work goes
        // elsewhere, not nowhere.
        super::rescue::rescue(app);
        return result;
    }
    // Closed from outside: a note being written is kept as the note.
    act(app, Action::KeepDrafts);
    // A signal leaves a moment, not the ten seconds `q` may wait: what is
    // not on disk by then is kept aside, before the watchdog steps in.
    if !save_all(app, saver, &mut sent, super::signals::SAVE_BUDGET) {
        super::rescue::rescue(app);
        // The watchdog, if it steps in yet, writes no second copy.
        if let (Some(saver), Some(Ok(_))) = (saver, &app.saving.rescued) {
            saver.rescued();
        }
    }
    match result {
        Err(e)
            if shutdown.requested().is_some()
                || super::signals::gone(&e)
                || super::signals::terminal_hung_up() =>
        {
            Ok(())
        }
        other => other,
    }
}

fn turn(
    terminal: &mut Taken,
    app: &mut App,
    writer: &mut Writer,
    shutdown: &super::signals::Shutdown,
    sent: &mut (u64, u64),
    after: &mut AfterFrame,
    panic_on_key: bool,
) -> io::Result<()> {
    // Asked as the frame will ask it (crossterm's backend), without
    // waiting for the frame buffers.
    let (width, height) = ratatui::crossterm::terminal::size()?;
    if app.size != (width, height) {
        act(app, Action::Resize { width, height });
    }
    // An export under way on its own thread: its result arrives here.
    let mut exporting: Option<Receiver<Exported>> = None;
    // Keys typed before the reader was up (`G` as it opens) are taken
    // before the first frame, as later ones are before the next: one frame
    // drawn, not two. Whether there are any is asked of the terminal, not
    // of crossterm, so that a terminal that has hung up cannot keep the
    // reader spinning before the signals' threads are up.
    let mut typed_ahead = match super::signals::terminal_waiting() {
        Some(super::signals::Waiting::Nothing) => false,
        Some(super::signals::Waiting::Gone) => return Ok(()),
        Some(super::signals::Waiting::Input) | None => {
            after.watch();
            poll(IMMEDIATE)?
        }
    };
    loop {
        // Read-only while another crosstalk had the file: taken over once
        // it has closed.
        takeover::take_over(app, writer);
        let saver = writer.saver.as_ref();
        shutdown.tick();
        // Asked to stop by a signal: quit as `q` does (the caller saves
        // every change; the lock is released after).
        if shutdown.requested().is_some() {
            return Ok(());
        }
        if !std::mem::take(&mut typed_ahead) {
            let drawn = terminal.tty().and_then(|t| super::fresh::draw(t, app));
            after.drawn(drawn.is_ok());
            if let Some(saver) = saver {
                saver.begin();
            }
            drawn?;
        }
        // Wake up for save and export results while either is under way,
        // and now and then anyway, to notice a termination signal.
        let wait = if app.unsaved() || exporting.is_some() { 100 } else { 250 };
        if !poll(after.settling.wait(Duration::from_millis(wait)))? {
            take_saved(app, saver, sent);
            export_result(app, &mut exporting);
            continue;
        }
        // A signal during the wait: quit before reading (a terminal that
        // hung up answers crossterm's poll(2) reader with EIO, an ending).
        if shutdown.requested().is_some() {
            continue;
        }
        // Take every event that is already waiting before drawing again, so
        // held-down keys never queue up behind frames.
        let mut event = event::read()?;
        loop {
            if panic_on_key && matches!(event, Event::Key(k) if k.code == event::KeyCode::F(12)) {
                panic!("--debug-panic-on-key: panicking as asked");
            }
            if let Some(action) = action_for(app, &event) {
                after.settling.now();
                match act(app, action) {
                    Command::None => {}
                    Command::Quit => {
                        if save_all(app, saver, sent, QUIT_WAIT) {
                            return Ok(());
                        }
                        // Saving fails: ask (update turns Quit into a question now).
                        // Told to quit anyway, the copy is written first: with
                        // nowhere to write it, the reader stays open.
                        if act(app, Action::Quit) == Command::Quit
                            && super::rescue::rescued_or_stay(app)
                        {
                            return Ok(());
                        }
                    }
                    Command::Suspend => {
                        tty::suspend(terminal.tty()?)?;
                        // A resize while stopped sent no SIGWINCH we heard.
                        let (width, height) = ratatui::crossterm::terminal::size()?;
                        if app.size != (width, height) {
                            act(app, Action::Resize { width, height });
                        }
                    }
                    Command::Export(request) => {
                        exporting = Some(exporting::start_export(app, request));
                    }
                    Command::LoadAgainst(path) => {
                        let report = load_against(app, &path);
                        act(app, report);
                    }
                }
            }
            save_if_changed(app, saver, sent);
            if shutdown.requested().is_some() || !poll(IMMEDIATE)? {
                break;
            }
            event = event::read()?;
        }
        take_saved(app, saver, sent);
        export_result(app, &mut exporting);
    }
}

/// Takes the saver's reports in, then saves what they changed: taking in
/// a file changed on disk puts our unsaved work on top of theirs, and that
/// has to reach the disk now, not at the next key.
fn take_saved(app: &mut App, saver: Option<&Saver>, sent: &mut (u64, u64)) {
    let results = saver.map(Saver::results).unwrap_or_default();
    if results.is_empty() {
        return;
    }
    for saved in results {
        act(app, Action::Saved(saved));
    }
    save_if_changed(app, saver, sent);
}

/// Reads another coder's annotation file for the conversation open (never
/// written): the report `update` takes it in with.
pub fn load_against(app: &App, path: &std::path::Path) -> Action {
    if crate::store::one_file(path, &app.saving.path) {
        return Action::AgainstLoaded(Err(format!(
            "{}: that is your own annotation file; name another coder's",
            path.shown()
        )));
    }
    if let Some(other) = crate::store::other_conversation(path, &app.doc) {
        return Action::AgainstLoaded(Err(other));
    }
    let result = match crate::store::load_annotations(path, &app.doc) {
        Ok(Some((_, report)))
            if let Some(said) = crate::store::another_text(path, &app.doc, &report) =>
        {
            Err(format!(
                "{said}; name another coder's file of this conversation (if this text was edited since, open the file with --annotations and re-attach or delete what was lost with O)"
            ))
        }
        Ok(Some((annotations, _))) => {
            let name =
                path.file_name().map_or_else(|| path.shown(), |n| n.to_string_lossy().into_owned());
            let label = path.shown();
            Ok(Arc::new(Against::new(annotations, &name, label)))
        }
        Ok(None) => Err(format!("{}: there is no such annotation file", path.shown())),
        Err(e) => Err(e.to_string()),
    };
    Action::AgainstLoaded(result)
}

/// Hands the export's result to `update` once it has come.
fn export_result(app: &mut App, exporting: &mut Option<Receiver<Exported>>) {
    if let Some(result) = exporting::finished(exporting) {
        act(app, Action::Exported(result));
    }
}

/// Saves what is left before quitting, taking in a change on disk that
/// merges cleanly on the way. `false` if work is still only in memory.
fn save_all(app: &mut App, saver: Option<&Saver>, sent: &mut (u64, u64), within: Duration) -> bool {
    let deadline = std::time::Instant::now() + within;
    for _ in 0..3 {
        save_if_changed(app, saver, sent);
        if flush(app, saver, deadline) {
            return true;
        }
        if app.saving.error.is_some() || app.asking() {
            return false;
        }
    }
    false
}

/// How long `q` waits for the last save.
const QUIT_WAIT: Duration = Duration::from_secs(10);

/// Waits, until `deadline`, for the saver to report the latest revision
/// saved. `false` if a save failed and the work is still only in memory.
fn flush(app: &mut App, saver: Option<&Saver>, deadline: std::time::Instant) -> bool {
    let Some(saver) = saver else { return true };
    while app.unsaved() {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            break;
        }
        match saver.wait(left.min(Duration::from_millis(200))) {
            // Failed, or the file changed on disk and needs an answer.
            Some(saved @ (Saved::Failed(..) | Saved::Changed(_) | Saved::Unreadable { .. })) => {
                act(app, Action::Saved(saved));
                return false;
            }
            Some(saved) => {
                act(app, Action::Saved(saved));
            }
            None => {}
        }
    }
    !app.unsaved()
}
