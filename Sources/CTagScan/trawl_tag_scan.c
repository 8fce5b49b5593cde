#include "trawl_tag_scan.h"

#include <string.h>

static int is_space(uint8_t byte) {
    return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\f' || byte == '\r';
}

static int is_letter(uint8_t byte) {
    uint8_t lower = byte | 0x20;
    return lower >= 'a' && lower <= 'z';
}

// ASCII case-insensitive for letters only: folding other bytes would let `\x0f` pass for `/`.
static int lower_equals(const uint8_t *bytes, const char *lower, size_t count) {
    for (size_t index = 0; index < count; index++) {
        uint8_t byte = bytes[index];
        if (is_letter(byte)) byte |= 0x20;
        if (byte != (uint8_t)lower[index]) return 0;
    }
    return 1;
}

// The offset of `needle` (lower case, ASCII) at or after `start`, ignoring ASCII case; `length` when absent.
static size_t find(const uint8_t *bytes, size_t length, size_t start, const char *needle) {
    size_t count = strlen(needle);
    for (size_t index = start; index + count <= length; index++) {
        if (bytes[index] == (uint8_t)needle[0] && lower_equals(bytes + index, needle, count)) return index;
    }
    return length;
}

// Past one `name`, `name=value`, `name="value"` or `name='value'`.
static size_t skip_attribute(const uint8_t *bytes, size_t length, size_t cursor) {
    while (cursor < length && !is_space(bytes[cursor]) && bytes[cursor] != '>' && bytes[cursor] != '=') cursor++;
    size_t after_name = cursor;
    while (after_name < length && is_space(bytes[after_name])) after_name++;
    if (after_name >= length || bytes[after_name] != '=') return cursor;
    cursor = after_name + 1;
    while (cursor < length && is_space(bytes[cursor])) cursor++;
    if (cursor >= length) return cursor;
    uint8_t quote = bytes[cursor];
    if (quote == '"' || quote == '\'') {
        const uint8_t *close = memchr(bytes + cursor + 1, quote, length - cursor - 1);
        return close ? (size_t)(close - bytes) + 1 : length;
    }
    while (cursor < length && !is_space(bytes[cursor]) && bytes[cursor] != '>') cursor++;
    return cursor;
}

size_t trawl_first_attribute_flood(const uint8_t *bytes, size_t length, size_t limit) {
    size_t index = 0;
    while (index < length) {
        const uint8_t *open = memchr(bytes + index, '<', length - index);
        if (open == NULL) return length;
        index = (size_t)(open - bytes);
        if (index + 4 <= length && memcmp(bytes + index, "<!--", 4) == 0) {
            // libxml2 2.9 ends a comment at `-->` or at `--!>`, whichever comes first.
            size_t close = find(bytes, length, index + 4, "-->");
            size_t bang = find(bytes, length, index + 4, "--!>");
            if (bang < close) {
                index = bang + 4;
            } else {
                index = close == length ? length : close + 3;
            }
            continue;
        }
        if (index + 1 < length && (bytes[index + 1] == '?' || bytes[index + 1] == '!' || bytes[index + 1] == '/')) {
            // Processing instructions, doctypes and end tags run to the next `>`, quotes or not, as libxml2 reads
            // them; a flood hidden in a "quoted value" after `<?` is then counted where libxml2 will parse it.
            const uint8_t *close = memchr(bytes + index + 1, '>', length - index - 1);
            index = close ? (size_t)(close - bytes) + 1 : length;
            continue;
        }
        if (index + 1 >= length || !is_letter(bytes[index + 1])) {
            index++;
            continue;
        }
        size_t start = index;
        size_t cursor = index + 1;
        while (cursor < length && !is_space(bytes[cursor]) && bytes[cursor] != '>' && bytes[cursor] != '/') cursor++;
        size_t name_length = cursor - start - 1;
        const char *raw_text_end = NULL;
        if (name_length == 6 && lower_equals(bytes + start + 1, "script", 6)) raw_text_end = "</script";
        if (name_length == 5 && lower_equals(bytes + start + 1, "style", 5)) raw_text_end = "</style";
        size_t attributes = 0;
        while (cursor < length && bytes[cursor] != '>') {
            if (is_space(bytes[cursor]) || bytes[cursor] == '/') {
                cursor++;
                continue;
            }
            if (++attributes > limit) return start;
            cursor = skip_attribute(bytes, length, cursor);
        }
        index = cursor + 1;
        // Script and style content is text to the parser: skip to its end tag.
        if (raw_text_end != NULL && index < length) index = find(bytes, length, index, raw_text_end);
    }
    return length;
}
