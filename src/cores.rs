//! Two cores for one job: half of it on a thread of its own that starts at
//! once, the other half here.
//!
//! Linux queues a new thread on its parent's core, and while the parent
//! goes on working there the new one waited for it: 1.7 ms when reading the
//! 12.8 MB panel (a C program: 2.2 ms; 0.1 ms once the parent moves). So
//! the parent steps off its core until both halves are done.

/// `mine()` here and `theirs()` on a thread of its own, side by side; both
/// here, one after the other, if no thread can be started (or it failed).
/// While `mine()` runs, this thread may not run on the core it was on: a
/// thread it starts would keep that narrower mask, so it should start none.
pub fn both<A, B: Send>(mine: impl FnOnce() -> A, theirs: impl Fn() -> B + Sync) -> (A, B) {
    std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, &theirs);
        let back = other.is_ok().then(aside::step_aside);
        let a = mine();
        let b = other.ok().and_then(|h| h.join().ok()).unwrap_or_else(&theirs);
        drop(back);
        (a, b)
    })
}

#[cfg(target_os = "linux")]
mod aside {
    /// This thread's cores, given back when dropped.
    pub(super) struct Back(libc::cpu_set_t);

    /// Moves this thread off its core to the others it may run on, so that
    /// one it has just started gets the core it was queued on, at once;
    /// `None` (and nothing changed) with one core or a failure.
    pub(super) fn step_aside() -> Option<Back> {
        // SAFETY: cpu_set_t is plain data; the calls get and set this
        // thread's (pid 0) mask, with the size of the set given.
        unsafe {
            let mut allowed: libc::cpu_set_t = std::mem::zeroed();
            let size = std::mem::size_of::<libc::cpu_set_t>();
            if libc::sched_getaffinity(0, size, &mut allowed) != 0 {
                return None;
            }
            // Any allowed core but this one (the kernel picks among them).
            let here = usize::try_from(libc::sched_getcpu()).ok()?;
            let mut there = allowed;
            libc::CPU_CLR(here, &mut there);
            if libc::CPU_COUNT(&there) == 0 {
                return None;
            }
            (libc::sched_setaffinity(0, size, &there) == 0).then_some(Back(allowed))
        }
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

    #[cfg(target_os = "linux")]
    #[test]
    fn stepping_aside_leaves_this_core_and_comes_back() {
        let mask = || {
            // SAFETY: reading this thread's mask into a zeroed set.
            unsafe {
                let mut set: libc::cpu_set_t = std::mem::zeroed();
                libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set);
                (0..libc::CPU_SETSIZE as usize)
                    .filter(|&c| libc::CPU_ISSET(c, &set))
                    .collect::<Vec<_>>()
            }
        };
        let before = mask();
        let Some(back) = super::aside::step_aside() else {
            eprintln!("SKIPPED: no other core to step aside to here ({before:?})");
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
