#include "trawl_re2.h"

#include <re2/re2.h>

#include <cstring>
#include <new>
#include <string>

struct trawl_re2 {
    re2::RE2 program;
    trawl_re2(re2::StringPiece pattern, const re2::RE2::Options &options) : program(pattern, options) {}
};

static void copy_error(const std::string &message, char *error, size_t capacity) {
    if (error == nullptr || capacity == 0) return;
    size_t count = message.size() < capacity - 1 ? message.size() : capacity - 1;
    std::memcpy(error, message.data(), count);
    error[count] = '\0';
}

extern "C" trawl_re2 *trawl_re2_compile(const char *pattern, size_t length, int64_t max_memory, char *error,
                                        size_t error_capacity) {
    re2::RE2::Options options;
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    options.set_log_errors(false);     // RE2 would otherwise write tenants' patterns to stderr
    options.set_never_capture(true);   // only "does it match" is asked; no submatch bookkeeping
    options.set_max_mem(max_memory);
    trawl_re2 *regex = nullptr;
    try {
        regex = new trawl_re2(re2::StringPiece(pattern, length), options);
    } catch (...) {
        // An exception must not cross into C (and Swift): std::terminate would end the process.
        copy_error("out of memory", error, error_capacity);
        return nullptr;
    }
    if (!regex->program.ok()) {
        copy_error(regex->program.error(), error, error_capacity);
        delete regex;
        return nullptr;
    }
    return regex;
}

extern "C" int trawl_re2_search(const trawl_re2 *regex, const char *text, size_t length) {
    try {
        return re2::RE2::PartialMatch(re2::StringPiece(text, length), regex->program) ? 1 : 0;
    } catch (...) {
        return 0;  // out of memory while matching: treat as no match rather than end the process
    }
}

extern "C" void trawl_re2_free(trawl_re2 *regex) { delete regex; }
