package io.framewise.server.contract;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A servlet filter in front of a test's server that checks every {@code /api/} exchange against
 * openapi.json once it is answered, and hands what the document objects to to a sink. The WebSocket
 * path is left alone: its handshake is not an HTTP exchange the document can describe.
 */
final class ContractCheck implements Filter {

    static final String WEBSOCKET_PATH = "/api/ws";

    private final ContractValidator validator;
    private final Consumer<String> violations;

    ContractCheck(ContractValidator validator, Consumer<String> violations) {
        this.validator = validator;
        this.violations = violations;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest http) || !(res instanceof HttpServletResponse httpRes)) {
            chain.doFilter(req, res);
            return;
        }
        String path = http.getRequestURI();
        if (!path.startsWith("/api/") || path.equals(WEBSOCKET_PATH) || path.startsWith(WEBSOCKET_PATH + "/")) {
            chain.doFilter(req, res);
            return;
        }
        CapturedRequest request = new CapturedRequest(http);
        CapturedResponse response = new CapturedResponse(httpRes);
        Map<String, List<String>> requestHeaders = headers(http);
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        check(http, requestHeaders, request, response);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {}

                    @Override
                    public void onError(AsyncEvent event) {}

                    @Override
                    public void onStartAsync(AsyncEvent event) {}
                });
            } else {
                check(http, requestHeaders, request, response);
            }
        }
    }

    private void check(
            HttpServletRequest http,
            Map<String, List<String>> requestHeaders,
            CapturedRequest request,
            CapturedResponse response) {
        Exchange exchange = new Exchange(
                http.getMethod(),
                http.getRequestURI(),
                http.getQueryString(),
                requestHeaders,
                request.body(),
                response.getStatus(),
                headers(response),
                response.body());
        try {
            validator.check(exchange).forEach(violations);
        } catch (RuntimeException e) {
            violations.accept(exchange.describe() + ": the check itself failed: " + e);
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        return headers;
    }

    private static Map<String, List<String>> headers(HttpServletResponse res) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : res.getHeaderNames()) {
            headers.put(name, List.copyOf(res.getHeaders(name)));
        }
        if (res.getContentType() != null) {
            headers.put("Content-Type", List.of(res.getContentType()));
        }
        return headers;
    }
}
