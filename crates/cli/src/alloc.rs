//! The CLI's allocator: mimalloc, asked through its plain entry points.
//!
//! The `mimalloc` crate's allocator calls `mi_malloc_aligned` for every
//! block, whose alignment checks cost about as much again as the allocation
//! (about 0.2 M instructions of a 9 M check). A block whose alignment is
//! at most 16 and at most its size is aligned by `mi_malloc` itself, as
//! Rust's own system allocator assumes of `malloc`; only the rest go
//! through the aligned entry points. Included by path from the benchmarks
//! and the profiling example, so that they time what the CLI runs.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// Alignment every `mi_malloc` block of at least this size has (mimalloc's
/// `MI_MAX_ALIGN_SIZE` on the 64-bit targets the CLI is built for).
const PLAIN_ALIGN: usize = 16;

/// mimalloc, through `mi_malloc` where that already aligns the block.
pub struct Mimalloc;

fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: every block comes from mimalloc and goes back to it; a block is
// aligned as asked (by `mi_malloc` only where the alignment is one it
// guarantees, else by the aligned entry points), and `mi_free` and
// `mi_realloc` take a block from either.
unsafe impl GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = if plain(layout.align(), layout.size()) {
            unsafe { mi::mi_malloc(layout.size()) }
        } else {
            unsafe { mi::mi_malloc_aligned(layout.size(), layout.align()) }
        };
        p.cast()
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = if plain(layout.align(), layout.size()) {
            unsafe { mi::mi_zalloc(layout.size()) }
        } else {
            unsafe { mi::mi_zalloc_aligned(layout.size(), layout.align()) }
        };
        p.cast()
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = if plain(layout.align(), new_size) {
            unsafe { mi::mi_realloc(ptr.cast::<c_void>(), new_size) }
        } else {
            unsafe { mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()) }
        };
        p.cast()
    }
}
