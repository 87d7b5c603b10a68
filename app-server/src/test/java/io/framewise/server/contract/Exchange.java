package io.framewise.server.contract;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request and its answer as the contract check sees them. Bodies are null when they were not
 * kept (binary, too large, or not read by the server); header names are matched without regard to
 * case.
 */
record Exchange(
        String method,
        String path,
        String query,
        Map<String, List<String>> requestHeaders,
        byte[] requestBody,
        int status,
        Map<String, List<String>> responseHeaders,
        byte[] responseBody) {

    Exchange {
        requestHeaders = caseless(requestHeaders);
        responseHeaders = caseless(responseHeaders);
    }

    String requestHeader(String name) {
        List<String> values = requestHeaders.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String responseHeader(String name) {
        List<String> values = responseHeaders.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** How a failure names this exchange: method, path and status. */
    String describe() {
        return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
    }

    static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/json") || type.contains("+json");
    }

    private static Map<String, List<String>> caseless(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }
}
