#ifndef TRAWL_TAG_SCAN_H
#define TRAWL_TAG_SCAN_H

#include <stddef.h>
#include <stdint.h>

// Finds the first start tag that carries more than `limit` attributes, in one linear pass over `bytes`, and returns
// the offset of its '<'; returns `length` when there is none.
//
// libxml2 (2.9) checks each attribute of a tag against all earlier ones for duplicates, so one tag of 100,000
// distinct attributes costs 5e9 comparisons inside a single call, with no callback to stop it. This reads tags as
// the HTML parser would, closely enough for counting: it skips comments, the raw text of <script> and <style>, and
// quoted attribute values, so code and prose that merely contain '<' are not counted. It is C rather than Swift
// because it touches every byte of every page, and must stay cheap in unoptimised builds too.
size_t trawl_first_attribute_flood(const uint8_t *bytes, size_t length, size_t limit);

#endif
