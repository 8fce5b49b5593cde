#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H

#include <zlib.h>

// zlib's *Init2 entry points are macros (they pass the library version and
// struct size), which Swift cannot import; these wrappers make them callable.

/// deflateInit2 as a function; windowBits 15 + 16 selects a gzip wrapper (one gzip member).
static inline int czlib_deflate_init2(z_streamp strm, int level, int method,
                                      int windowBits, int memLevel, int strategy) {
    return deflateInit2(strm, level, method, windowBits, memLevel, strategy);
}

/// inflateInit2 as a function; windowBits: 8...15 zlib, -8...-15 raw deflate,
/// +16 gzip only, +32 zlib or gzip by header.
static inline int czlib_inflate_init2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}

#endif
