#ifndef TRAWL_RE2_H
#define TRAWL_RE2_H

// A C face for RE2, the linear-time regular-expression engine, so that Swift can match patterns that tenants write
// without C++ interop. Only what URL filtering needs: compile with a memory cap, search, free.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct trawl_re2 trawl_re2;

// Compiles `pattern` (UTF-8, `length` bytes, RE2 syntax) into a program of at most about `max_memory` bytes.
// Returns NULL when RE2 refuses it, with a NUL-terminated reason (truncated to fit) in `error`.
trawl_re2 *trawl_re2_compile(const char *pattern, size_t length, int64_t max_memory, char *error,
                             size_t error_capacity);

// 1 when the pattern matches anywhere in `text` (unanchored search), 0 otherwise. Safe from any thread.
int trawl_re2_search(const trawl_re2 *regex, const char *text, size_t length);

void trawl_re2_free(trawl_re2 *regex);

#ifdef __cplusplus
}
#endif

#endif
