#ifndef EQUILAB_CZLIB_SHIM_H
#define EQUILAB_CZLIB_SHIM_H
#include <zlib.h>
#endif
