//! Two cores for one job: half of it on a thread of its own that starts at
//! once, the other half here.
//!
//! Linux queues a new thread on its parent's core, and while the parent
//! goes on working there the new one waited for it: 1.7 ms when reading the
//! 12.8 MB panel (a C program: 2.2 ms; 0.1 ms once the parent moves). So
//! the parent steps off its core until both halves are done ([`both`]),
//! or moves the new thread off it ([`spawn_aside`]). Better still, a thread
//! already on the other core takes the half ([`spawn_ready`], `ready`).

use std::sync::atomic::{AtomicUsize, Ordering};

mod ready;
pub use ready::Release;

/// `mine()` here and `theirs()` on a thread of its own, side by side; both
/// here, one after the other, if no thread can be started (or it failed).
/// While `mine()` runs, this thread may not run on the core it was on: a
/// thread it starts would keep that narrower mask, so it should start none.
pub fn both<A, B: Send>(mine: impl FnOnce() -> A, theirs: impl Fn() -> B + Sync) -> (A, B) {
    both_with(false, mine, theirs)
}

/// [`both`], the last that a thread ready for it (see [`spawn_ready`])
/// will be asked to take: it goes on to its own work after.
pub fn both_last<A, B: Send>(mine: impl FnOnce() -> A, theirs: impl Fn() -> B + Sync) -> (A, B) {
    both_with(true, mine, theirs)
}

fn both_with<A, B: Send>(
    last: bool,
    mine: impl FnOnce() -> A,
    theirs: impl Fn() -> B + Sync,
) -> (A, B) {
    wait_for_aside(std::time::Duration::from_millis(1));
    // A thread ready on the other core: no thread to start, no core to
    // step off (see `ready`).
    let mine = match ready::offered(mine, &theirs, last) {
        Ok((a, b)) => return (a, b.unwrap_or_else(&theirs)),
        Err(mine) => mine,
    };
    std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, &theirs);
        let back = other.is_ok().then(aside::step_aside);
        let a = mine();
        let b = other.ok().and_then(|h| h.join().ok()).unwrap_or_else(&theirs);
        drop(back);
        (a, b)
    })
}

/// A thread of its own for `f`, moved off this thread's core as it is
/// started, so that it runs at once on another instead of waiting for this
/// one to pause. (The frame buffers' thread, started as the file is read,
/// began up to 1.5 ms late in half of the panel's launches, and then took
/// the other core just as the sections were to be read there.) It stays
/// off this core for its life: keep it short.
pub fn spawn_aside<T: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<T>> {
    spawn_aside_counted(name, move |done| {
        let _done = done;
        f()
    })
}

/// [`spawn_aside`], `f` given what counts it out when dropped.
fn spawn_aside_counted<T: Send + 'static>(
    name: &str,
    f: impl FnOnce(Done) -> T + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<T>> {
    let builder = std::thread::Builder::new().name(name.into());
    let Some(there) = aside::there() else {
        // One core (or no way to tell): nowhere to move it, nothing for
        // [`both`] to wait for (and nothing to be ready on).
        return builder.spawn(move || f(Done(false)));
    };
    ASIDE.fetch_add(1, Ordering::SeqCst);
    let spawned = builder.spawn(move || f(Done(true)));
    match spawned {
        Ok(handle) => {
            aside::move_off(&handle, &there);
            Ok(handle)
        }
        Err(e) => {
            ASIDE.fetch_sub(1, Ordering::SeqCst);
            Err(e)
        }
    }
}

/// A thread of its own on another core (as [`spawn_aside`]) that first
/// looks there for halves of [`both`] to take (see `ready`): until the
/// [`both_last`], until its [`Release`] says [`Release::go`], or for 20 ms
/// at most; then makes `f()` and sends it. A release dropped before it
/// says go cancels `f`. (Started as the reader starts, before it knows
/// whether there will be halves: a large file's, or none.)
pub fn spawn_ready<T: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<(std::sync::mpsc::Receiver<T>, Release)> {
    let (send, made) = std::sync::mpsc::sync_channel(1);
    let release = Release::new();
    let told = std::sync::Arc::clone(&release.0);
    // Counted from now, so that a half posted before the thread is up is
    // posted (then taken, or taken back); not on one core, where looking
    // would only take the reader's.
    let looking = aside::there().map(|_| ready::Looking::start());
    spawn_aside_counted(name, move |done: Done| {
        // Not counted as at work while it looks: `both` would wait for it.
        drop(done);
        let wanted = match looking {
            Some(looking) => ready::look(ready::LIMIT, &told, looking),
            None => ready::wanted(&told),
        };
        if wanted {
            ASIDE.fetch_add(1, Ordering::SeqCst);
            let _done = Done(true);
            // The receiver may be gone (the reader gave up): nothing to do.
            let _ = send.send(f());
        }
    })?;
    Ok((made, release))
}

/// How many threads started by [`spawn_aside`] are still at work.
static ASIDE: AtomicUsize = AtomicUsize::new(0);

/// Counts a [`spawn_aside`] thread out when dropped (as it ends, panicking
/// or not); `false`: a thread that was not counted in.
struct Done(bool);

impl Drop for Done {
    fn drop(&mut self) {
        if self.0 {
            ASIDE.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Waits, for at most `limit`, for the threads of [`spawn_aside`] to
/// finish: [`both`] moves this thread to the core they are on, and sharing
/// it with the frame buffers' thread (still at work as the sections are cut
/// in half of the panel's launches, with 0.1-0.2 ms left) slowed its half
/// of the sections from 1.5 to 2.7 ms; waiting for it first, the half took
/// 1.6 ms (instrumented, 21 launches each).
fn wait_for_aside(limit: std::time::Duration) {
    let start = std::time::Instant::now();
    while ASIDE.load(Ordering::SeqCst) > 0 && start.elapsed() < limit {
        std::hint::spin_loop();
    }
}

#[cfg(target_os = "linux")]
mod aside {
    /// This thread's cores, given back when dropped.
    pub(super) struct Back(libc::cpu_set_t);

    /// The cores this thread may run on but the one it is on now.
    pub(super) struct There(libc::cpu_set_t);

    /// [`There`]; `None` with one core or a failure.
    pub(super) fn there() -> Option<There> {
        elsewhere().map(|(_, there)| There(there))
    }

    /// The cores this thread may run on, and those but the one it is on
    /// now: `None` with one core or a failure.
    fn elsewhere() -> Option<(libc::cpu_set_t, libc::cpu_set_t)> {
        // SAFETY: cpu_set_t is plain data; the call reads this thread's
        // (pid 0) mask, with the size of the set given.
        unsafe {
            let mut allowed: libc::cpu_set_t = std::mem::zeroed();
            let size = std::mem::size_of::<libc::cpu_set_t>();
            if libc::sched_getaffinity(0, size, &mut allowed) != 0 {
                return None;
            }
            let here = usize::try_from(libc::sched_getcpu()).ok()?;
            let mut there = allowed;
            libc::CPU_CLR(here, &mut there);
            (libc::CPU_COUNT(&there) > 0).then_some((allowed, there))
        }
    }

    /// Moves the thread of `handle` to `there` (a thread just started is
    /// queued on its parent's core); nothing if it cannot be.
    pub(super) fn move_off<T>(handle: &std::thread::JoinHandle<T>, there: &There) {
        use std::os::unix::thread::JoinHandleExt;
        // SAFETY: the thread is joinable (its handle is held), so its
        // pthread_t is valid; the set is given with its size.
        unsafe {
            libc::pthread_setaffinity_np(
                handle.as_pthread_t(),
                std::mem::size_of::<libc::cpu_set_t>(),
                &there.0,
            );
        }
    }

    /// Moves this thread off its core to the others it may run on, so that
    /// one it has just started gets the core it was queued on, at once;
    /// `None` (and nothing changed) with one core or a failure.
    pub(super) fn step_aside() -> Option<Back> {
        let (allowed, there) = elsewhere()?;
        // SAFETY: setting this thread's (pid 0) mask, with the set's size.
        let set =
            unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &there) };
        (set == 0).then_some(Back(allowed))
    }

    impl Drop for Back {
        fn drop(&mut self) {
            // SAFETY: as above, putting back the mask read then.
            unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &self.0) };
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod aside {
    pub(super) fn step_aside() -> Option<()> {
        None
    }

    pub(super) struct There;

    pub(super) fn there() -> Option<There> {
        None
    }

    pub(super) fn move_off<T>(_: &std::thread::JoinHandle<T>, _: &There) {}
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_halves_are_done_and_given_back_in_order() {
        let text: Vec<u32> = (0..100_000).collect();
        let (first, second) = text.split_at(30_000);
        let (a, b) = super::both(|| first.iter().sum::<u32>(), || second.len());
        assert_eq!((a, b), (first.iter().sum::<u32>(), 70_000));
    }

    /// The tests of threads started aside, one at a time: they count them.
    #[cfg(target_os = "linux")]
    pub(super) static ASIDE_TESTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

    /// This thread's cores.
    #[cfg(target_os = "linux")]
    pub(super) fn mask() -> Vec<usize> {
        // SAFETY: reading this thread's mask into a zeroed set.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set);
            (0..libc::CPU_SETSIZE as usize).filter(|&c| libc::CPU_ISSET(c, &set)).collect()
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_thread_started_aside_keeps_off_this_core_and_is_counted_until_it_ends() {
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        let before = mask();
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let handle = super::spawn_aside("aside test", move || {
            wait.recv().expect("told to go");
            mask()
        })
        .expect("a thread");
        if before.len() < 2 {
            crate::test_tmp::skipped(format_args!(
                "one core here ({before:?}); the thread was not moved"
            ));
            go.send(()).expect("go");
            assert_eq!(handle.join().expect("joins"), before);
            return;
        }
        assert!(super::ASIDE.load(super::Ordering::SeqCst) >= 1, "counted while at work");
        go.send(()).expect("go");
        let during = handle.join().expect("joins");
        assert_eq!(during.len() + 1, before.len(), "{during:?} of {before:?}");
        assert!(during.iter().all(|c| before.contains(c)), "{during:?} of {before:?}");
        assert_eq!(super::ASIDE.load(super::Ordering::SeqCst), 0, "counted out as it ended");
        assert_eq!(mask(), before, "this thread's own cores are as they were");
    }

    /// `both` waits for a thread started aside to end (for at most its
    /// limit), and not at all when none is at work.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_wait_for_threads_aside_lasts_until_they_end_and_no_longer() {
        use std::time::{Duration, Instant};
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        if mask().len() < 2 {
            crate::test_tmp::skipped(format_args!(
                "one core here; nothing is started aside to wait for"
            ));
            return;
        }
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let aside =
            super::spawn_aside("waited for", move || wait.recv().expect("go")).expect("thread");
        let teller = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            go.send(()).expect("go");
        });
        let start = Instant::now();
        super::wait_for_aside(Duration::from_secs(10));
        let waited = start.elapsed();
        assert!(waited >= Duration::from_millis(90), "returned while it was at work: {waited:?}");
        assert!(waited < Duration::from_secs(9), "waited past its end: {waited:?}");
        aside.join().expect("joins");
        teller.join().expect("joins");
        let start = Instant::now();
        super::wait_for_aside(Duration::from_secs(10));
        assert!(start.elapsed() < Duration::from_secs(1), "waited with nothing aside");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn stepping_aside_leaves_this_core_and_comes_back() {
        let before = mask();
        let Some(back) = super::aside::step_aside() else {
            crate::test_tmp::skipped(format_args!(
                "no other core to step aside to here ({before:?})"
            ));
            return;
        };
        let during = mask();
        // One core fewer, all of them allowed before. (Which one is left
        // out is not asked: the thread may have moved since.)
        assert_eq!(during.len() + 1, before.len(), "{during:?} of {before:?}");
        assert!(during.iter().all(|c| before.contains(c)), "{during:?} of {before:?}");
        drop(back);
        assert_eq!(mask(), before);
        // And `both` gives the mask back too.
        super::both(|| (), || ());
        assert_eq!(mask(), before);
    }
}
