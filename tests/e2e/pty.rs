//! Drives the real `crosstalk` binary in a pseudo-terminal and reads the
//! screen the way a terminal would (vt100).

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);

/// A running crosstalk in a pseudo-terminal.
pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reading thread to let go of its end of the terminal.
    stop_reading: Arc<AtomicBool>,
    reading: Option<thread::JoinHandle<()>>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
}

impl Session {
    /// Starts the binary with `args` in `cwd`, `env` added to a clean
    /// environment, on a `cols`×`rows` terminal.
    pub fn start(args: &[&str], cwd: &Path, env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::spawn(env!("CARGO_BIN_EXE_crosstalk"), args, cwd, env, cols, rows, "")
    }

    /// [`Self::start`] with `keys` already typed: written to the terminal
    /// before the program starts, so they wait in its input as keys typed
    /// ahead do, whatever the timing.
    pub fn start_typed(args: &[&str], cwd: &Path, keys: &str, cols: u16, rows: u16) -> Self {
        Self::spawn(env!("CARGO_BIN_EXE_crosstalk"), args, cwd, &[], cols, rows, keys)
    }

    /// [`Self::start_typed`] under `strace -f`, which makes every system
    /// call slow (the reader's set-up takes milliseconds, not
    /// microseconds); `None`, with a `SKIPPED:` line on standard error
    /// (not captured by `cargo test`), where strace cannot trace.
    pub fn start_typed_traced(args: &[&str], cwd: &Path, keys: &str) -> Option<Self> {
        let works = std::process::Command::new("strace")
            .args(["-f", "-o", "/dev/null", "true"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !works {
            crate::tmp::skipped(format_args!("strace is not installed, or may not trace here"));
            return None;
        }
        let mut traced = vec!["-f", "-o", "/dev/null", env!("CARGO_BIN_EXE_crosstalk")];
        traced.extend_from_slice(args);
        Some(Self::spawn("strace", &traced, cwd, &[], 100, 30, keys))
    }

    /// Starts an interactive bash (with job control, so Ctrl-Z and `fg`
    /// work as they do for a person) with the prompt `$ `.
    pub fn shell(cwd: &Path, cols: u16, rows: u16) -> Self {
        Self::spawn("bash", &["--norc", "--noprofile", "-i"], cwd, &[("PS1", "$ ")], cols, rows, "")
    }

    fn spawn(
        program: &str,
        args: &[&str],
        cwd: &Path,
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        typed: &str,
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut writer = pair.master.take_writer().expect("pty writer");
        writer.write_all(typed.as_bytes()).expect("type ahead");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", cwd);
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn crosstalk");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let master_fd = pair.master.as_raw_fd().expect("the pty's descriptor");
        let reading = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Wait for output in slices, so the thread can be told to drop
            // its descriptor (a hang-up needs every one of them closed).
            while !stop.load(Ordering::SeqCst) {
                let mut pfd = libc::pollfd { fd: master_fd, events: libc::POLLIN, revents: 0 };
                // SAFETY: one valid pollfd; the descriptor outlives this thread.
                if unsafe { libc::poll(&mut pfd, 1, 20) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().expect("parser").process(&buf[..n]);
                        r.lock().expect("raw").extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Self {
            child,
            writer,
            parser,
            raw,
            stop_reading,
            reading: Some(reading),
            master: Some(pair.master),
        }
    }

    /// Closes the terminal, as a closed window or a dropped ssh connection
    /// does: every descriptor of the pty's master side goes, so the
    /// program gets SIGHUP and its reads fail. `wait_exit` still works.
    pub fn hang_up(&mut self) {
        // portable-pty's writer, dropped, types a line break and the
        // end-of-file key (Ctrl-D), for a shell; a terminal that closes
        // types nothing. Read before the hang-up (a loaded machine), the
        // line break is Ctrl-J, which in the note editor deletes the line.
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            // SAFETY: termios of the pty we hold open, read then written.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
        }
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(t) = self.reading.take() {
            let _ = t.join();
        }
        self.writer = Box::new(std::io::sink());
        self.master = None;
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Resizes the terminal, as a window manager would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().expect("parser").screen_mut().set_size(rows, cols);
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("resize pty");
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }

    /// Runs `f` on the parsed screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().expect("parser").screen())
    }

    /// Waits until the screen satisfies `cond`, or fails with the screen.
    /// Waits until `cond` holds of the screen, then until the output goes
    /// quiet, so that what is read next is a whole frame, not the part of
    /// one that happened to arrive first.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.with_screen(&cond) {
                self.settle();
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    /// Waits (up to a second) until no output has arrived for 50 ms.
    fn settle(&self) {
        let start = Instant::now();
        let mut seen = self.raw.lock().expect("raw").len();
        while start.elapsed() < Duration::from_secs(1) {
            thread::sleep(Duration::from_millis(50));
            let now = self.raw.lock().expect("raw").len();
            if now == seen {
                return;
            }
            seen = now;
        }
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(text, |s| s.contents().contains(text));
    }

    /// Waits for the process to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader thread take the last bytes.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("crosstalk did not exit; screen:\n{}", self.screen());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// A fresh empty directory under the system temp dir, removed when the
/// guard is dropped: bind it before the [`Session`] that uses it, so the
/// session (and its child) goes first.
pub fn temp_dir(name: &str) -> crate::tmp::TempDir {
    crate::tmp::TempDir::new(&format!("crosstalk-e2e-{}-{name}", std::process::id()))
}
