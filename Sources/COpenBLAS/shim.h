#ifndef TRAWL_COPENBLAS_SHIM_H
#define TRAWL_COPENBLAS_SHIM_H
// OpenBLAS's CBLAS interface plus its thread-count controls (openblas_set_num_threads), which live in
// OpenBLAS's own cblas.h. The calls are plain functions, so Swift uses them directly: no wrappers needed.
// pkg-config "openblas" puts the OpenBLAS include folder first, so this is OpenBLAS's header, not another BLAS's.
#include <cblas.h>

#endif
