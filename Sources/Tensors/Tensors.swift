/// Dense Float/Double/Complex tensors, BLAS-backed linear algebra, FFT plans and a seeded RNG.
///
/// Only this module imports `CBLAS` and `CFFTW`; everything above it calls the wrappers here.
@_exported import ComplexModule
@_exported import RealModule
