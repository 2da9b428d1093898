//! A thread on the other core that stays awake for a moment, looking for
//! the other half of a [`super::both`] to take.
//!
//! Starting a thread for the half, or stepping the reader aside to the
//! other core for it, waited on that core to wake: an idle virtual
//! processor is put to sleep by the machine under it, and waking it took
//! 1.2–3 ms in a third of the panel's launches (instrumented, 21 launches:
//! the reader, stepped aside, began its half 0.09 ms after the split at
//! the median, 1.3 ms at the third quartile). The frame buffers' thread,
//! started on the other core as the reader starts, looks first (yielding
//! the core to anything else that wants it) until it is handed the last
//! half ([`super::both_last`]), told to go on ([`Release::go`]), or
//! [`LIMIT`] has passed; then it makes the buffers.
//!
//! A half is posted, not handed over: the caller does its own half, then
//! takes the other back if no thread has taken it (a thread still starting
//! is not waited for), or waits for it to be done. It borrows from the
//! caller's stack, as a scoped thread's would: the caller does not
//! return, nor unwind, past the borrow before it is done or taken back.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a thread looks for halves at most.
pub(super) const LIMIT: Duration = Duration::from_millis(20);

/// How many threads are looking for halves, or are about to.
static LOOKING: AtomicUsize = AtomicUsize::new(0);
/// The half posted for a looking thread to take, if any.
static JOB: AtomicPtr<Job<'static>> = AtomicPtr::new(null_mut());

/// A half to run, on the stack of the thread that posted it.
struct Job<'a> {
    /// Never unwinds: it catches its half's panic.
    run: &'a (dyn Fn() + Sync),
    /// The last half asked for: the thread goes on to its own work after.
    last: bool,
    done: AtomicBool,
}

/// Still looking; told to go on to its own work; told it is not needed.
const WAIT: u8 = 0;
const GO: u8 = 1;
const CANCEL: u8 = 2;

/// Tells a looking thread to go on to its own work ([`Release::go`]);
/// dropped before that, its own work is not wanted.
pub struct Release(pub(super) Arc<AtomicU8>);

impl Release {
    pub(super) fn new() -> Self {
        Self(Arc::new(AtomicU8::new(WAIT)))
    }

    /// Nothing more will be asked of the thread: on to its own work.
    pub fn go(&self) {
        let _ = self.0.compare_exchange(WAIT, GO, Ordering::SeqCst, Ordering::SeqCst);
    }
}

impl Drop for Release {
    fn drop(&mut self) {
        let _ = self.0.compare_exchange(WAIT, CANCEL, Ordering::SeqCst, Ordering::SeqCst);
    }
}

/// Whether the work a thread was started for is still wanted (it is,
/// unless its release was dropped before it said go).
pub(super) fn wanted(told: &AtomicU8) -> bool {
    told.load(Ordering::SeqCst) != CANCEL
}

/// Counted as looking from before the thread starts (so that a half posted
/// meanwhile is posted, to be taken or taken back), and no longer when
/// dropped.
pub(super) struct Looking;

impl Looking {
    pub(super) fn start() -> Self {
        LOOKING.fetch_add(1, Ordering::SeqCst);
        Looking
    }
}

impl Drop for Looking {
    fn drop(&mut self) {
        LOOKING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Whether a thread is looking (for tests).
#[cfg(test)]
pub(super) fn is_looking() -> bool {
    LOOKING.load(Ordering::SeqCst) > 0
}

/// Looks for halves and runs each taken, until the last, until `told` is
/// no longer [`WAIT`], or until `limit`: whether its own work is wanted.
pub(super) fn look(limit: Duration, told: &AtomicU8, looking: Looking) -> bool {
    let until = Instant::now() + limit;
    loop {
        let job = JOB.load(Ordering::SeqCst);
        if !job.is_null()
            && JOB.compare_exchange(job, null_mut(), Ordering::SeqCst, Ordering::SeqCst).is_ok()
        {
            // SAFETY: taken from the slot, the job is ours to run: the
            // thread that posted it cannot take it back now, and waits for
            // `done` before its frame (and the job) goes, returning or
            // unwinding (see `Posted`); nothing of it is touched after.
            let job = unsafe { &*job };
            (job.run)();
            let last = job.last;
            if last {
                drop(looking);
                job.done.store(true, Ordering::SeqCst);
                return wanted(told);
            }
            job.done.store(true, Ordering::SeqCst);
            continue;
        }
        let now = told.load(Ordering::SeqCst);
        if now != WAIT || Instant::now() >= until {
            return now != CANCEL;
        }
        // Awake, but giving the core to anything else that wants it (the
        // terminal drawing the frame, say).
        std::thread::yield_now();
    }
}

/// A posted job: on drop (returning or unwinding), taken back if no thread
/// took it, else waited for.
struct Posted<'a>(&'a Job<'a>);

impl Posted<'_> {
    /// Whether a thread took the job (and it is done).
    fn finish(self) -> bool {
        let taken = !self.take_back();
        std::mem::forget(self);
        taken
    }

    /// Takes the job back if it is still in the slot; else waits for the
    /// thread that took it. Whether it was taken back.
    fn take_back(&self) -> bool {
        let job = (&raw const *self.0).cast_mut().cast::<Job<'static>>();
        if JOB.compare_exchange(job, null_mut(), Ordering::SeqCst, Ordering::SeqCst).is_ok() {
            return true;
        }
        while !self.0.done.load(Ordering::SeqCst) {
            std::hint::spin_loop();
        }
        false
    }
}

impl Drop for Posted<'_> {
    fn drop(&mut self) {
        self.take_back();
    }
}

/// `mine()` here, `theirs()` posted for a looking thread to take (`last`:
/// it goes on to its own work after); if none took it by the time `mine`
/// is done, `theirs()` here too. `theirs`' result is `None` if it panicked
/// there. `Err(mine)`, nothing run, if no thread is looking (or another
/// half is posted).
pub(super) fn offered<A, B: Send, M: FnOnce() -> A>(
    mine: M,
    theirs: &(impl Fn() -> B + Sync),
    last: bool,
) -> Result<(A, Option<B>), M> {
    if LOOKING.load(Ordering::SeqCst) == 0 {
        return Err(mine);
    }
    let result: Mutex<Option<B>> = Mutex::new(None);
    let run = || {
        if let Ok(b) = catch_unwind(AssertUnwindSafe(theirs)) {
            *result.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(b);
        }
    };
    let job = Job { run: &run, last, done: AtomicBool::new(false) };
    let slot = (&raw const job).cast_mut().cast::<Job<'static>>();
    if JOB.compare_exchange(null_mut(), slot, Ordering::SeqCst, Ordering::SeqCst).is_err() {
        return Err(mine);
    }
    // Declared after what the job borrows, so dropped (and so taken back
    // or waited for) first.
    let posted = Posted(&job);
    let a = mine();
    if !posted.finish() {
        return Ok((a, Some(theirs())));
    }
    Ok((a, result.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::super::spawn_ready;
    use super::super::tests::{ASIDE_TESTS, mask};
    use super::*;
    use std::sync::mpsc::Receiver;

    /// Waits here a moment (5 ms at most) for `flag`: for a half posted
    /// to be taken there.
    fn awhile_for(flag: &AtomicBool) {
        let start = Instant::now();
        while !flag.load(Ordering::SeqCst) && start.elapsed() < Duration::from_millis(5) {
            std::thread::yield_now();
        }
    }

    fn name() -> String {
        std::thread::current().name().unwrap_or("").to_owned()
    }

    /// A thread looking for halves, seen to take one (it is up); `None`
    /// where there is one core.
    fn looking_thread() -> Option<(Receiver<String>, Release)> {
        if mask().len() < 2 {
            crate::test_tmp::skipped(format_args!(
                "one core here; no thread looks for halves on it"
            ));
            return None;
        }
        let (made, release) = spawn_ready("looking", name).expect("a thread");
        let start = Instant::now();
        let taken = AtomicBool::new(false);
        let theirs = || {
            taken.store(true, Ordering::SeqCst);
            name()
        };
        // Here, wait a moment for the half to be taken there.
        let mine = || awhile_for(&taken);
        loop {
            assert!(start.elapsed() < Duration::from_secs(5), "no half taken in 5 s");
            if let Ok((_, Some(there))) = offered(mine, &theirs, false)
                && there == "looking"
            {
                return Some((made, release));
            }
        }
    }

    /// Halves go to the looking thread and borrow from here, until the
    /// last; then it makes what it was started for, and takes no more.
    #[test]
    fn a_looking_thread_takes_halves_until_the_last_then_does_its_own_work() {
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        let text: Vec<u64> = (0..100_000).collect();
        for _ in 0..20 {
            let Some((made, _release)) = looking_thread() else { return };
            let theirs = || (text[50_000..].iter().sum::<u64>(), name());
            let Ok((a, Some((b, there)))) =
                offered(|| text[..50_000].iter().sum::<u64>(), &theirs, false)
            else {
                continue; // its time was up: none looking
            };
            assert_eq!(a + b, text.iter().sum::<u64>());
            if there != "looking" {
                continue; // its 20 ms were up: taken back and done here
            }
            let taken = AtomicBool::new(false);
            let last = || {
                taken.store(true, Ordering::SeqCst);
                name()
            };
            let mine = || awhile_for(&taken);
            let Ok((_, Some(there))) = offered(mine, &last, true) else { continue };
            if there != "looking" {
                continue;
            }
            assert_eq!(made.recv().expect("made after the last half"), "looking");
            assert!(!is_looking(), "still looking after the last half");
            assert!(offered(|| (), &theirs, false).is_err(), "posted with none looking");
            return;
        }
        panic!("never found the thread looking");
    }

    /// Told to go on, the thread makes its own work and looks no more;
    /// its release dropped instead, it makes nothing.
    #[test]
    fn told_to_go_on_it_works_and_dropped_it_makes_nothing() {
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        let Some((made, release)) = looking_thread() else { return };
        release.go();
        assert_eq!(made.recv().expect("made"), "looking");
        assert!(!is_looking());
        let Some((made, release)) = looking_thread() else { return };
        drop(release);
        assert!(made.recv().is_err(), "made though not wanted");
        assert!(!is_looking());
    }

    /// A half posted while a thread is counted as looking but takes
    /// nothing is taken back and done here.
    #[test]
    fn a_half_no_thread_takes_is_done_here() {
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        let looking = Looking::start();
        let here = name();
        let Ok((a, Some(there))) = offered(|| 1, &name, false) else {
            panic!("not posted with a thread counted as looking");
        };
        assert_eq!((a, there), (1, here));
        drop(looking);
        assert!(offered(|| 1, &name, false).is_err(), "posted with none looking");
    }

    /// A panic here waits for the half there to be done before it leaves
    /// the frame the half borrows from; a panic there is caught, and the
    /// half comes back as `None`.
    #[test]
    fn panics_on_either_side_leave_nothing_borrowed_behind() {
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        for _ in 0..20 {
            let Some((_made, _release)) = looking_thread() else { return };
            let (started, finished) = (AtomicBool::new(false), AtomicBool::new(false));
            let theirs = || {
                started.store(true, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(50));
                finished.store(true, Ordering::SeqCst);
            };
            let caught = catch_unwind(AssertUnwindSafe(|| {
                offered(
                    || {
                        awhile_for(&started);
                        panic!("here")
                    },
                    &theirs,
                    false,
                )
                .is_ok()
            }));
            assert!(caught.is_err(), "the panic here is not lost");
            if !started.load(Ordering::SeqCst) {
                continue; // not taken: nothing was there to wait for
            }
            assert!(finished.load(Ordering::SeqCst), "left before the half there was done");
            let Some((_made, _release)) = looking_thread() else { return };
            let there = AtomicBool::new(false);
            let theirs = || -> u8 {
                there.store(true, Ordering::SeqCst);
                if name() == "looking" {
                    panic!("there");
                }
                1
            };
            let mine = || {
                awhile_for(&there);
                2
            };
            match offered(mine, &theirs, true) {
                Ok((a, None)) => {
                    assert_eq!(a, 2);
                    return;
                }
                _ => continue, // not taken there: done here (no panic)
            }
        }
        panic!("never found the thread looking");
    }
}
