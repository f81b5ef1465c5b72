//! glibc allocator settings for the binary (not the library: they are
//! process-wide, which is the program's call, not a library's).
//!
//! Why: a `run` over a large corpus allocates and frees buffers of a few
//! hundred KiB to a few MiB by the thousand (per-document vectors, table
//! blocks rendered in parallel). With glibc's defaults many of them are
//! mapped and unmapped one by one, or handed back to the kernel when the
//! heap top shrinks, and every page is faulted in again on the next use:
//! a quarter of a news-corpus `run`'s CPU time was in the kernel. Keeping
//! them in the heap (mapped only from 32 MiB up), trimming only beyond
//! 512 MiB free, and growing the heap 64 MiB at a time cut system time by
//! a quarter and wall time by 3–8%, for 3% more peak memory on `run` and
//! 1.5% on `dups` (BENCHMARKS.md §8, session 5).
//!
//! A user's own `GLIBC_TUNABLES` wins: nothing is changed when it is set.

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code, reason = "mallopt is a C function; see the SAFETY note")]
pub(crate) fn apply() {
    use std::os::raw::c_int;

    // <malloc.h>
    const M_TRIM_THRESHOLD: c_int = -1;
    const M_TOP_PAD: c_int = -2;
    const M_MMAP_THRESHOLD: c_int = -3;
    extern "C" {
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }
    if std::env::var_os("GLIBC_TUNABLES").is_some() {
        return;
    }
    // SAFETY: mallopt only sets allocator parameters; it is called before
    // any other thread exists, and every value is in its documented range.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, 512 << 20);
        mallopt(M_TOP_PAD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn apply() {}

/// Hands the free memory of every malloc arena back to the system, between
/// the stages of a run. Why: a stage's buffers (shingle sets, alignment
/// indexes, every document's alignment form) are freed by the worker
/// threads that used them, often in arenas and at places where the next
/// stage's allocations do not land, so without it the resident memory of
/// `run` grows by each stage's garbage in turn.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code, reason = "malloc_trim is a C function; see the SAFETY note")]
pub(crate) fn release_free_memory() {
    extern "C" {
        fn malloc_trim(pad: usize) -> std::os::raw::c_int;
    }
    // SAFETY: malloc_trim only returns free pages to the kernel; it takes
    // the arenas' locks itself and may be called from any thread.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn release_free_memory() {}
