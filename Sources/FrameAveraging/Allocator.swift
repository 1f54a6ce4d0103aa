/// glibc allocator tuning for the training loop's large, short-lived buffers.
///
/// Each step allocates and frees buffers of a few MB; by default glibc serves them with fresh `mmap`s (or trims
/// the heap after freeing them), so every step pays for about a million page faults per epoch. Raising the mmap
/// and trim thresholds keeps that memory in the heap for reuse. Process-wide and idempotent; Linux only.
enum Allocator {
    static func keepLargeBuffers() {
        #if os(Linux)
        _ = glibcMallopt(-3, 512 << 20)  // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
        #endif
    }
}

#if os(Linux)
/// `int mallopt(int param, int value)` from glibc's <malloc.h> (not part of the Glibc module map).
@_silgen_name("mallopt")
func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
