#ifndef EQUILAB_CFFTW_SHIM_H
#define EQUILAB_CFFTW_SHIM_H
#include <fftw3.h>
#endif
