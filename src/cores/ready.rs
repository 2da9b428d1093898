//! A thread on the other core that stays awake for a moment, ready to
//! take the other half of a [`super::both`].
//!
//! Starting a thread for the half, or stepping the reader aside to the
//! other core for it, waited on that core to wake: an idle virtual
//! processor is put to sleep by the machine under it, and waking it took
//! 1.2–3 ms in a third of the panel's launches (instrumented, 21 launches:
//! the reader, stepped aside, began its half 0.09 ms after the split at
//! the median, 1.3 ms at the third quartile). The frame buffers' thread is
//! on that core already: it stays awake (yielding to anything else that
//! wants the core) until it is handed the last half ([`super::both_last`]),
//! released ([`Release`]), or [`LIMIT`] has passed.
//!
//! A half borrows from the caller's stack, as a scoped thread's would:
//! the caller does not return, nor unwind, past the borrow before the half
//! is done ([`offered`]).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a thread stays ready at most.
pub(super) const LIMIT: Duration = Duration::from_millis(20);

/// No thread is ready.
const NONE: u8 = 0;
/// A thread is ready and waiting for a half.
const READY: u8 = 1;
/// A half has been promised to the ready thread; its [`Job`] is on its way
/// in [`JOB`], and the thread runs it whatever else happens.
const PROMISED: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(NONE);
static JOB: AtomicPtr<Job<'static>> = AtomicPtr::new(null_mut());

/// A half to run, on the stack of the thread that offered it.
struct Job<'a> {
    /// Never unwinds: it catches its half's panic.
    run: &'a (dyn Fn() + Sync),
    /// The last half asked for: the thread goes on to other work after it.
    last: bool,
    done: AtomicBool,
}

/// Lets a thread that stays ready go (nothing more will be asked of it),
/// when told or dropped.
pub struct Release(pub(super) Arc<AtomicBool>);

impl Release {
    pub fn now(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

impl Drop for Release {
    fn drop(&mut self) {
        self.now();
    }
}

/// Whether a thread is ready (for tests).
#[cfg(test)]
pub(super) fn is_ready() -> bool {
    STATE.load(Ordering::SeqCst) == READY
}

/// Makes this thread the ready one, unless another is: then halves come,
/// and each is run, until the last ([`super::both_last`]), until
/// `released`, or until `limit`. `ready` is called once this thread counts
/// as ready (or will not be), so that [`super::both`] never finds neither a
/// thread at work nor one ready.
pub(super) fn stay_ready(limit: Duration, released: &AtomicBool, ready: impl FnOnce()) {
    let until = Instant::now() + limit;
    let mine = STATE.compare_exchange(NONE, READY, Ordering::SeqCst, Ordering::SeqCst).is_ok();
    ready();
    if !mine {
        return;
    }
    loop {
        if STATE.load(Ordering::SeqCst) == PROMISED {
            if run_promised() {
                return;
            }
            continue;
        }
        if (released.load(Ordering::SeqCst) || Instant::now() >= until)
            && STATE.compare_exchange(READY, NONE, Ordering::SeqCst, Ordering::SeqCst).is_ok()
        {
            return;
        }
        // Awake, but giving the core to anything else that wants it (the
        // terminal drawing the frame, say).
        std::thread::yield_now();
    }
}

/// Runs the half promised to this thread, once its job has arrived:
/// whether it was the last (the thread is no longer ready then).
fn run_promised() -> bool {
    let job = loop {
        let job = JOB.swap(null_mut(), Ordering::SeqCst);
        if !job.is_null() {
            break job;
        }
        std::hint::spin_loop();
    };
    // SAFETY: the job lives on the stack of the thread that promised it,
    // which waits for `done` before that frame ends (returning or
    // unwinding: see `Wait`); nothing of it is touched after `done`.
    let job = unsafe { &*job };
    (job.run)();
    let last = job.last;
    STATE.store(if last { NONE } else { READY }, Ordering::SeqCst);
    job.done.store(true, Ordering::SeqCst);
    last
}

/// Waits for a promised half to be done, however the frame that holds its
/// job is left.
struct Wait<'a>(&'a AtomicBool);

impl Drop for Wait<'_> {
    fn drop(&mut self) {
        while !self.0.load(Ordering::SeqCst) {
            std::hint::spin_loop();
        }
    }
}

/// `theirs()` on the ready thread and `mine()` here, if a thread is ready
/// (`last`: the ready thread goes after it): `theirs`' result is `None`
/// if it panicked there. `Err(mine)`, nothing run, if none is.
pub(super) fn offered<A, B: Send, M: FnOnce() -> A>(
    mine: M,
    theirs: &(impl Fn() -> B + Sync),
    last: bool,
) -> Result<(A, Option<B>), M> {
    if STATE.compare_exchange(READY, PROMISED, Ordering::SeqCst, Ordering::SeqCst).is_err() {
        return Err(mine);
    }
    let result: Mutex<Option<B>> = Mutex::new(None);
    let run = || {
        if let Ok(b) = catch_unwind(AssertUnwindSafe(theirs)) {
            *result.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(b);
        }
    };
    let job = Job { run: &run, last, done: AtomicBool::new(false) };
    // Declared after what the job borrows, so dropped (and waited on) first.
    let wait = Wait(&job.done);
    JOB.store((&raw const job).cast_mut().cast::<Job<'static>>(), Ordering::SeqCst);
    let a = mine();
    drop(wait);
    Ok((a, result.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::super::tests::{ASIDE_TESTS, mask};
    use super::super::{Ready, spawn_ready};
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::mpsc::Receiver;

    /// A thread ready to take a half, its own work done (`After`); `None`
    /// where there is one core.
    fn ready_thread() -> Option<(Receiver<&'static str>, Release)> {
        if mask().len() < 2 {
            eprintln!("SKIPPED: one core here; no thread stays ready on it");
            return None;
        }
        let (made, release) = spawn_ready("ready test", Ready::After, || "made").expect("thread");
        assert_eq!(made.recv().expect("its own work"), "made");
        wait_until(is_ready);
        Some((made, release))
    }

    fn wait_until(what: impl Fn() -> bool) {
        let start = Instant::now();
        while !what() {
            assert!(start.elapsed() < Duration::from_secs(5), "waited 5 s in vain");
            std::thread::yield_now();
        }
    }

    fn name() -> String {
        std::thread::current().name().unwrap_or("").to_owned()
    }

    /// The half goes to the thread that is ready, borrowing from here; the
    /// other is done here; both results come back; the thread is ready
    /// again after a half that is not the last, and not after the last.
    #[test]
    fn a_ready_thread_takes_the_other_halves_until_the_last() {
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        let text: Vec<u64> = (0..100_000).collect();
        // Another test's `both` may take the ready thread first: try again.
        for _ in 0..20 {
            let Some((_made, _release)) = ready_thread() else { return };
            let here = name();
            let theirs = || (text[50_000..].iter().sum::<u64>(), name());
            let Ok((a, Some((b, there)))) =
                offered(|| text[..50_000].iter().sum::<u64>(), &theirs, false)
            else {
                continue;
            };
            assert_eq!(a + b, text.iter().sum::<u64>());
            assert_eq!(there, "ready test", "run on the ready thread, not {here:?}");
            let Ok((_, Some((_, there)))) = offered(|| (), &theirs, true) else { continue };
            assert_eq!(there, "ready test", "ready again after a half not the last");
            assert!(offered(|| (), &theirs, false).is_err(), "still ready after the last");
            return;
        }
        panic!("never found the thread ready");
    }

    /// Released, a ready thread goes; with no thread ready, nothing is
    /// offered and nothing run.
    #[test]
    fn a_released_thread_goes_and_nothing_is_offered_then() {
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        let Some((_made, release)) = ready_thread() else { return };
        release.now();
        wait_until(|| !is_ready());
        let ran = AtomicUsize::new(0);
        let offer = offered(|| 1, &|| ran.fetch_add(1, Ordering::SeqCst), false);
        assert!(offer.is_err(), "offered to a thread that has gone");
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }

    /// Ready first (`Before`), the thread does its own work only after the
    /// last half.
    #[test]
    fn ready_before_its_own_work_the_thread_does_it_after_the_last_half() {
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        if mask().len() < 2 {
            eprintln!("SKIPPED: one core here; no thread stays ready on it");
            return;
        }
        for _ in 0..20 {
            let halves = Arc::new(AtomicUsize::new(0));
            let seen = Arc::clone(&halves);
            let (made, _release) =
                spawn_ready("before", Ready::Before, move || seen.load(Ordering::SeqCst))
                    .expect("thread");
            wait_until(is_ready);
            let half = || halves.fetch_add(1, Ordering::SeqCst);
            if offered(|| (), &half, false).is_err() || offered(|| (), &half, true).is_err() {
                continue;
            }
            assert_eq!(made.recv().expect("its own work"), 2, "done after both halves");
            return;
        }
        panic!("never found the thread ready");
    }

    /// A panic here waits for the half there to be done before it leaves
    /// the frame the half borrows from; a panic there is caught, and the
    /// half comes back as `None`.
    #[test]
    fn panics_on_either_side_leave_nothing_borrowed_behind() {
        let _one = ASIDE_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        for _ in 0..20 {
            let Some((_made, _release)) = ready_thread() else { return };
            let finished = AtomicBool::new(false);
            let theirs = || {
                std::thread::sleep(Duration::from_millis(50));
                finished.store(true, Ordering::SeqCst);
            };
            let caught = catch_unwind(AssertUnwindSafe(|| {
                offered(|| panic!("here"), &theirs, false).is_ok()
            }));
            if caught.is_ok() {
                continue; // not offered (another test took the thread)
            }
            assert!(finished.load(Ordering::SeqCst), "left before the half there was done");
            // That took longer than a thread stays ready: another.
            let Some((_made, _release)) = ready_thread() else { return };
            match offered(|| 2, &|| -> u8 { panic!("there") }, true) {
                Ok((a, b)) => {
                    assert_eq!((a, b), (2, None));
                    return;
                }
                Err(_) => continue,
            }
        }
        panic!("never found the thread ready");
    }
}
