#ifndef TRAWL_CLIBXML2_SHIM_H
#define TRAWL_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its <unicode/*.h> types then clash with Foundation's copy
// ("'UErrorCode' has different definitions in different modules"). Trawl never uses the ICU
// converter fields, so hide them before any other libxml header sees the flag.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

/// Frees memory allocated by libxml2; `xmlFree` is a global function pointer that Swift 6 rejects.
static inline void clibxml2_free(void *pointer) {
    xmlFree(pointer);
}

#endif
