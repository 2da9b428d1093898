//! Signals and a hung-up terminal: SIGINT, SIGQUIT, SIGTERM and SIGHUP all
//! end crosstalk the same way — saves flushed, the lock released, the
//! terminal restored, gone within a second.
//!
//! A signal only sets a flag, and wakes the event loop (with a SIGWINCH,
//! which its wait for input hears); the loop, which wakes at least every
//! 250 ms anyway, sees it and quits as `q` does ([`Shutdown::requested`]),
//! keeping a note being written as the note first. That is
//! not always enough: the loop may be stuck (crossterm's default epoll
//! reader spun forever on a hung-up terminal; the poll(2) reader used now
//! gives its EIO back, but a stuck loop is not ruled out). A watchdog
//! thread covers that case. It steps in when the loop has not finished
//! [`GRACE`] after a signal (the loop itself gives saves [`SAVE_BUDGET`]), or when the loop has stopped ticking for
//! [`STALL`] while the terminal reports a hang-up (which also catches a
//! hang-up that sends no signal): it waits for the saving thread to write
//! what it was given (the loop hands every change over as it happens),
//! keeps aside what that could not write (as `q` does), removes the lock,
//! restores what it can of the terminal and exits with 128 + the signal.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long the event loop has to quit by itself after a signal.
pub const GRACE: Duration = Duration::from_millis(900);
/// How long, within that, the loop waits for saves before keeping what is
/// not on disk aside (`<file>.unsaved-<time>.ron`).
pub const SAVE_BUDGET: Duration = Duration::from_millis(400);
/// How long the loop may go without a tick, on a hung-up terminal, before
/// the watchdog takes it as stuck. The loop ticks at least every 250 ms.
pub const STALL: Duration = Duration::from_millis(1500);
/// How long the last-resort exit waits for a save under way.
const SAVE_WAIT: Duration = Duration::from_millis(400);
const SIGHUP_STATUS: i32 = 1;

pub use super::last_resort::LastResort;

/// The event loop's side: whether to stop, and its ticks for the watchdog.
#[derive(Clone, Debug, Default)]
pub struct Shutdown {
    signal: Arc<AtomicI32>,
    finished: Arc<AtomicBool>,
    /// Milliseconds since `epoch` at the loop's last tick.
    tick: Arc<AtomicU64>,
    epoch: Option<Instant>,
}

impl Shutdown {
    /// The signal that asked crosstalk to stop, if one has.
    pub fn requested(&self) -> Option<i32> {
        Some(self.signal.load(Ordering::Relaxed)).filter(|&s| s != 0)
    }

    /// The loop is alive (called once per turn).
    pub fn tick(&self) {
        if let Some(epoch) = self.epoch {
            self.tick.store(epoch.elapsed().as_millis() as u64, Ordering::Relaxed);
        }
    }

    /// The loop has quit and tidied up: the watchdog stands down.
    pub fn finished(&self) {
        self.finished.store(true, Ordering::SeqCst);
    }
}

/// Catches the four signals at once; the threads that act on them start
/// when [`Watch::start`] is called: after the first frame, or before
/// anything that might not come back first (crossterm reading keys typed
/// ahead, a save as the reader ends). A signal that comes in between waits
/// in signal-hook's pipe and is acted on then.
/// Without signal support (or if registering fails) the signals keep their
/// defaults and there is nothing to start.
/// `caught`: the handlers, registered by [`catch`] before the lock was
/// taken.
#[cfg(unix)]
pub fn install(caught: Caught, last: LastResort) -> (Shutdown, Option<Watch>) {
    let shutdown = Shutdown { epoch: Some(Instant::now()), ..Shutdown::default() };
    shutdown.tick();
    let Some(signals) = caught.0 else {
        return (shutdown, None);
    };
    let watch = Watch { signals, shutdown: shutdown.clone(), last };
    (shutdown, Some(watch))
}

#[cfg(not(unix))]
pub fn install(_caught: Caught, _last: LastResort) -> (Shutdown, Option<Watch>) {
    (Shutdown::default(), None)
}

/// The handlers of the signals that end the reader, registered: a signal
/// from now on waits in signal-hook's pipe until [`Watch::start`] (it no
/// longer ends the process as it comes). Registered just before the lock
/// is taken: a hang-up between the lock and [`install`] killed the reader
/// with the lock left behind (seen under load, about one launch in 40 with
/// the terminal hung up at once); registered earlier, Ctrl-C would wait for
/// a long open to end.
#[cfg(unix)]
pub struct Caught(Option<signal_hook::iterator::Signals>);

#[cfg(not(unix))]
pub struct Caught;

#[cfg(unix)]
pub fn catch() -> Caught {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    Caught(signal_hook::iterator::Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP]).ok())
}

#[cfg(not(unix))]
pub fn catch() -> Caught {
    Caught
}

/// The signals caught, and the watchdog, waiting for their threads.
///
/// Why not started with the handlers: starting the two threads as the
/// first frame was made cost the reader about 0.5 ms (of a 12.8 MB panel's
/// 11 ms); started after the frame, they cost it nothing it waits for.
/// Nothing is lost by waiting: the handlers are in place from [`install`],
/// the watchdog's first look comes 250 ms after it starts anyway, and the
/// reader starts them first wherever it might not come back by itself.
#[cfg(unix)]
pub struct Watch {
    signals: signal_hook::iterator::Signals,
    shutdown: Shutdown,
    last: LastResort,
}

#[cfg(not(unix))]
pub struct Watch;

impl Watch {
    /// Starts the thread that takes the signals in and the watchdog.
    #[cfg(unix)]
    pub fn start(self) {
        let Watch { mut signals, shutdown, last } = self;
        let (shared, on_signal) = (shutdown.clone(), last.clone());
        std::thread::spawn(move || {
            for signal in signals.forever() {
                if shared.signal.swap(signal, Ordering::SeqCst) == 0 {
                    wake_the_loop();
                    let (shared, last) = (shared.clone(), on_signal.clone());
                    std::thread::spawn(move || after_signal(&shared, &last, signal));
                }
            }
        });
        std::thread::spawn(move || watch_for_hangup(&shutdown, &last));
    }

    #[cfg(not(unix))]
    pub fn start(self) {}
}

/// Wakes the event loop from its wait for input, to see the signal's flag
/// at once rather than at its next tick (up to 250 ms): crossterm's reader
/// retries a wait a signal interrupts, but a SIGWINCH it hears, and reports
/// as a resize (to the same size: nothing changes).
#[cfg(unix)]
fn wake_the_loop() {
    // SAFETY: signalling our own process; SIGWINCH's default is to ignore it.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGWINCH);
    }
}

/// Gives the loop [`GRACE`] to quit by itself, then exits for it.
#[cfg(unix)]
fn after_signal(shutdown: &Shutdown, last: &LastResort, signal: i32) {
    let deadline = Instant::now() + GRACE;
    while Instant::now() < deadline {
        if shutdown.finished.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if !shutdown.finished.load(Ordering::SeqCst) {
        exit_now(last, 128 + signal);
    }
}

/// Exits for a loop that has stopped ticking on a terminal that hung up
/// without a signal reaching us.
#[cfg(unix)]
fn watch_for_hangup(shutdown: &Shutdown, last: &LastResort) {
    let Some(epoch) = shutdown.epoch else { return };
    loop {
        std::thread::sleep(Duration::from_millis(250));
        if shutdown.finished.load(Ordering::SeqCst) {
            return;
        }
        let since = (epoch.elapsed().as_millis() as u64)
            .saturating_sub(shutdown.tick.load(Ordering::Relaxed));
        if since > STALL.as_millis() as u64 && terminal_hung_up() {
            exit_now(last, 128 + SIGHUP_STATUS);
        }
    }
}

/// Whether an error reading or writing the terminal says it has gone: a
/// hung-up terminal answers `EIO` (or `ENXIO`) before its `SIGHUP` may
/// have arrived, and `isatty` on it may already say no.
pub fn gone(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    if matches!(e.raw_os_error(), Some(libc::EIO | libc::ENXIO)) {
        return true;
    }
    matches!(e.kind(), std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::UnexpectedEof)
}

/// Whether the terminal crossterm reads from has hung up.
#[cfg(unix)]
pub fn terminal_hung_up() -> bool {
    matches!(terminal_waiting(), Some(Waiting::Gone))
}

#[cfg(not(unix))]
pub fn terminal_hung_up() -> bool {
    false
}

/// What the terminal crossterm reads from has for the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    Nothing,
    /// Keys (or other input) to read.
    Input,
    /// It has hung up, or is gone.
    Gone,
}

/// What the terminal has waiting, asked without crossterm, whose read
/// never comes back from a terminal that has hung up (it retries the dead
/// descriptor); `None` where that cannot be asked.
#[cfg(unix)]
pub fn terminal_waiting() -> Option<Waiting> {
    use std::os::fd::AsRawFd;
    // crossterm reads standard input when it is a terminal, else /dev/tty.
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        return Some(waiting(libc::STDIN_FILENO));
    }
    match std::fs::File::open("/dev/tty") {
        Ok(tty) => Some(waiting(tty.as_raw_fd())),
        // No controlling terminal any more: it has gone.
        Err(_) => Some(Waiting::Gone),
    }
}

#[cfg(not(unix))]
pub fn terminal_waiting() -> Option<Waiting> {
    None
}

#[cfg(unix)]
fn waiting(fd: i32) -> Waiting {
    let mut pfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd, no waiting.
    let n = unsafe { libc::poll(&mut pfd, 1, 0) };
    match pfd.revents {
        _ if n <= 0 => Waiting::Nothing,
        r if r & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 => Waiting::Gone,
        r if r & libc::POLLIN != 0 => Waiting::Input,
        _ => Waiting::Nothing,
    }
}

/// The last resort: let the saving thread finish what it was given, remove
/// the lock, give the terminal back, and go.
fn exit_now(last: &LastResort, status: i32) -> ! {
    // What is still not on disk (the disk refuses, or the file changed on
    // disk and nobody is there to ask) is kept aside, as `q` would.
    let (saves, lock) = last.tidy();
    let rescued = saves.as_ref().and_then(|saves| {
        saves.wait(SAVE_WAIT);
        saves.rescue(&super::rescue::stamp()).map(|outcome| (saves.path().to_owned(), outcome))
    });
    if let Some(lock) = &lock {
        let _ = std::fs::remove_file(lock);
    }
    super::tty::restore_quietly();
    if let Some((file, outcome)) = rescued {
        super::rescue::tell(&file, outcome);
    }
    std::process::exit(status)
}

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind};

    #[test]
    fn a_terminal_that_has_gone_is_told_from_other_errors() {
        #[cfg(unix)]
        for code in [libc::EIO, libc::ENXIO] {
            assert!(super::gone(&Error::from_raw_os_error(code)), "{code}");
        }
        assert!(super::gone(&Error::from(ErrorKind::BrokenPipe)));
        assert!(super::gone(&Error::from(ErrorKind::UnexpectedEof)));
        #[cfg(unix)]
        assert!(!super::gone(&Error::from_raw_os_error(libc::ENOENT)));
        assert!(!super::gone(&Error::from(ErrorKind::InvalidData)));
    }

    /// What a descriptor has for the reader, told by `poll`: nothing, input,
    /// or a hang-up (a pipe whose writer is gone, as a terminal whose window
    /// closed), a hang-up winning over input still unread.
    #[cfg(unix)]
    #[test]
    fn input_and_a_hang_up_are_told_apart_without_reading() {
        use super::{Waiting, waiting};
        use std::io::Write;
        use std::os::fd::AsRawFd;
        let (reader, mut writer) = std::io::pipe().expect("pipe");
        assert_eq!(waiting(reader.as_raw_fd()), Waiting::Nothing);
        writer.write_all(b"G").expect("write");
        assert_eq!(waiting(reader.as_raw_fd()), Waiting::Input);
        drop(writer);
        // A process another test forks holds a copy of the writer until
        // it execs (the copy closes on exec): until then input is all
        // there is; the hang-up comes once the last copy goes.
        let start = std::time::Instant::now();
        while waiting(reader.as_raw_fd()) == Waiting::Input
            && start.elapsed() < std::time::Duration::from_secs(5)
        {
            std::thread::yield_now();
        }
        assert_eq!(waiting(reader.as_raw_fd()), Waiting::Gone);
    }

    /// The handlers are in place from `catch`; the threads that act on a
    /// signal start with the watch, and a signal that came before is acted
    /// on then, not lost. Run in a child process of its own: the handlers
    /// stay for the life of the process, and in the test binary would
    /// swallow Ctrl-C (and a CI timeout's SIGTERM) for the rest of the run.
    /// (SIGQUIT: were it not caught, the child would dump core, loudly.)
    #[cfg(unix)]
    #[test]
    fn a_signal_that_comes_before_the_watch_starts_is_acted_on_when_it_does() {
        use std::time::{Duration, Instant};
        const CHILD: &str = "CROSSTALK_SIGNALS_TEST_CHILD";
        const DONE: &str = "signal acted on after the start";
        if std::env::var_os(CHILD).is_none() {
            let name = "ui::signals::tests::a_signal_that_comes_before_the_watch_starts_is_acted_on_when_it_does";
            let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
                .args(["--exact", name, "--nocapture", "--test-threads=1"])
                .env(CHILD, "1")
                .output()
                .expect("child runs");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
            // The filter found the test, and it ran to the end.
            assert!(stdout.contains(DONE), "{stdout}");
            return;
        }
        // Raised between `catch` and `install` (where the reader takes the
        // lock): caught, not the end of the process.
        let caught = super::catch();
        // SAFETY: raising a signal whose handler is registered.
        assert_eq!(unsafe { libc::raise(libc::SIGQUIT) }, 0);
        let (shutdown, watch) = super::install(caught, super::LastResort::default());
        let watch = watch.expect("the signals can be caught");
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(shutdown.requested(), None, "nothing acts on it before the watch starts");
        watch.start();
        let deadline = Instant::now() + Duration::from_secs(10);
        while shutdown.requested().is_none() && Instant::now() < deadline {
            // Ticking, as the loop does: the watchdog (which, with no
            // terminal here, finds it hung up) sees the loop alive.
            shutdown.tick();
            std::thread::sleep(Duration::from_millis(5));
        }
        // The loop would quit now; its finishing stands the threads down.
        shutdown.finished();
        assert_eq!(shutdown.requested(), Some(libc::SIGQUIT));
        println!("{DONE}");
    }
}
