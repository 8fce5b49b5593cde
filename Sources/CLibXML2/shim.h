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

#include <libxml/xpathInternals.h>
#include <time.h>

/// A time budget for one XPath evaluation, reached through the context's `userData`. libxml2's `opLimit` counts
/// steps, and one step such as `string(/)` or `translate(…)` builds a string as large as the document: evaluated for
/// each of 40,000 elements, a 700 KB page kept a core busy for minutes. Every core function is wrapped to check the
/// deadline first, so an evaluation ends at most one call past it.
typedef struct {
    long long deadline_ns;
    int exceeded;
} clibxml2_xpath_budget;

static inline long long clibxml2_monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

/// True (and the evaluation failed with XPATH_OP_LIMIT_EXCEEDED) once the evaluation's budget is spent.
static inline int clibxml2_xpath_over_budget(xmlXPathParserContextPtr ctxt) {
    clibxml2_xpath_budget *budget = (clibxml2_xpath_budget *)ctxt->context->userData;
    if (budget == NULL) return 0;
    if (!budget->exceeded && clibxml2_monotonic_ns() <= budget->deadline_ns) return 0;
    budget->exceeded = 1;
    xmlXPathErr(ctxt, XPATH_OP_LIMIT_EXCEEDED);
    return 1;
}

#define CLIBXML2_TIMED(name)                                                               \
    static void clibxml2_timed_##name(xmlXPathParserContextPtr ctxt, int nargs) {          \
        if (clibxml2_xpath_over_budget(ctxt)) return;                                      \
        xmlXPath##name##Function(ctxt, nargs);                                             \
    }
CLIBXML2_TIMED(Last) CLIBXML2_TIMED(Position) CLIBXML2_TIMED(Count) CLIBXML2_TIMED(Id) CLIBXML2_TIMED(LocalName)
CLIBXML2_TIMED(NamespaceURI) CLIBXML2_TIMED(String) CLIBXML2_TIMED(StringLength) CLIBXML2_TIMED(Concat)
CLIBXML2_TIMED(Contains) CLIBXML2_TIMED(StartsWith) CLIBXML2_TIMED(Substring) CLIBXML2_TIMED(SubstringBefore)
CLIBXML2_TIMED(SubstringAfter) CLIBXML2_TIMED(Normalize) CLIBXML2_TIMED(Translate) CLIBXML2_TIMED(Not)
CLIBXML2_TIMED(True) CLIBXML2_TIMED(False) CLIBXML2_TIMED(Lang) CLIBXML2_TIMED(Number) CLIBXML2_TIMED(Sum)
CLIBXML2_TIMED(Floor) CLIBXML2_TIMED(Ceiling) CLIBXML2_TIMED(Round) CLIBXML2_TIMED(Boolean)
#undef CLIBXML2_TIMED

/// Replaces `context`'s XPath 1.0 core functions with the budget-checking ones above (libxml2 2.9 looks functions up
/// in the context's table at evaluation time). Returns 0 when every one was replaced.
static inline int clibxml2_time_xpath_functions(xmlXPathContextPtr context) {
    static const struct {
        const char *name;
        xmlXPathFunction function;
    } table[] = {
        {"last", clibxml2_timed_Last}, {"position", clibxml2_timed_Position}, {"count", clibxml2_timed_Count},
        {"id", clibxml2_timed_Id}, {"local-name", clibxml2_timed_LocalName},
        {"namespace-uri", clibxml2_timed_NamespaceURI}, {"string", clibxml2_timed_String},
        {"string-length", clibxml2_timed_StringLength}, {"concat", clibxml2_timed_Concat},
        {"contains", clibxml2_timed_Contains}, {"starts-with", clibxml2_timed_StartsWith},
        {"substring", clibxml2_timed_Substring}, {"substring-before", clibxml2_timed_SubstringBefore},
        {"substring-after", clibxml2_timed_SubstringAfter}, {"normalize-space", clibxml2_timed_Normalize},
        {"translate", clibxml2_timed_Translate}, {"not", clibxml2_timed_Not}, {"true", clibxml2_timed_True},
        {"false", clibxml2_timed_False}, {"lang", clibxml2_timed_Lang}, {"number", clibxml2_timed_Number},
        {"sum", clibxml2_timed_Sum}, {"floor", clibxml2_timed_Floor}, {"ceiling", clibxml2_timed_Ceiling},
        {"round", clibxml2_timed_Round}, {"boolean", clibxml2_timed_Boolean},
    };
    for (size_t index = 0; index < sizeof(table) / sizeof(table[0]); index++) {
        const xmlChar *name = (const xmlChar *)table[index].name;
        // Registering NULL removes the built-in entry, which a second registration could not overwrite.
        if (xmlXPathRegisterFunc(context, name, NULL) != 0) return -1;
        if (xmlXPathRegisterFunc(context, name, table[index].function) != 0) return -1;
    }
    return 0;
}

/// Frees memory allocated by libxml2; `xmlFree` is a global function pointer that Swift 6 rejects.
static inline void clibxml2_free(void *pointer) {
    xmlFree(pointer);
}

#endif
