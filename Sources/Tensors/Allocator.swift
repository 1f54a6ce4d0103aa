#if canImport(Glibc)
import Glibc
#endif

/// Process-wide memory-allocator settings for training loops.
public enum Allocator {
    /// Makes glibc keep freed tensor buffers for reuse instead of returning them to the kernel.
    ///
    /// A training step allocates and frees the same large buffers (activations, gradients) every step. With glibc's
    /// defaults, buffers above the mmap threshold are mapped and unmapped each time, and every step pays page
    /// faults and page zeroing for them. Raising the mmap threshold to its maximum (32 MiB) and the trim threshold
    /// to 1 GiB keeps that memory in the heap. Call once at process start (the workbench and Benchmarks do);
    /// a no-op where glibc is absent.
    public static func retainFreedMemory() {
        #if canImport(Glibc)
        // <malloc.h> is not part of the Glibc module: look `mallopt` up at run time (RTLD_DEFAULT is NULL).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 1 << 30)
        #endif
    }
}
