#ifndef TRAWL_CCURL_SHIM_H
#define TRAWL_CCURL_SHIM_H
// Typed, non-variadic wrappers for libcurl's variadic calls and union accessors, so that
// Swift never has to call a C variadic function (which it cannot) or read a C union by hand.
#include <curl/curl.h>
#include <arpa/inet.h>
#include <sys/socket.h>

static inline CURLcode trawl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode trawl_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode trawl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode trawl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode trawl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode trawl_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode trawl_easy_setopt_debug_callback(CURL *handle, curl_debug_callback value) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, value);
}
static inline CURLcode trawl_easy_setopt_prereq_callback(CURL *handle, curl_prereq_callback value) {
    return curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, value);
}
static inline CURLcode trawl_easy_setopt_opensocket_callback(CURL *handle, curl_opensocket_callback value) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, value);
}
// The numeric text of the address libcurl is about to connect to; 0 on success, -1 for other families.
// `struct curl_sockaddr.addr` really holds a full sockaddr_in/sockaddr_in6, which only C can read safely.
static inline int trawl_sockaddr_text(const struct curl_sockaddr *address, char *buffer, socklen_t size) {
    const void *raw;
    if (address->family == AF_INET) {
        raw = &((const struct sockaddr_in *)(const void *)&address->addr)->sin_addr;
    } else if (address->family == AF_INET6) {
        raw = &((const struct sockaddr_in6 *)(const void *)&address->addr)->sin6_addr;
    } else {
        return -1;
    }
    return inet_ntop(address->family, raw, buffer, size) ? 0 : -1;
}
// What libcurl does when no open-socket callback is set (plus close-on-exec).
static inline curl_socket_t trawl_open_socket(const struct curl_sockaddr *address) {
#ifdef SOCK_CLOEXEC
    return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
#else
    return socket(address->family, address->socktype, address->protocol);
#endif
}
static inline CURLcode trawl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode trawl_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode trawl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode trawl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLMcode trawl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}
static inline CURLMSG trawl_msg_kind(const CURLMsg *message) { return message->msg; }
static inline CURL *trawl_msg_easy(const CURLMsg *message) { return message->easy_handle; }
static inline CURLcode trawl_msg_result(const CURLMsg *message) { return message->data.result; }
static inline const curl_version_info_data *trawl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }
/// The pause macros are expressions Swift does not import.
static inline size_t trawl_writefunc_pause(void) { return CURL_WRITEFUNC_PAUSE; }
static inline CURLcode trawl_easy_unpause(CURL *handle) { return curl_easy_pause(handle, CURLPAUSE_CONT); }

#endif
