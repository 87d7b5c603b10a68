package io.framewise.server.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.framewise.server.http.OpenApiFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Checks one {@link Exchange} against openapi.json with swagger-request-validator. Every answer is
 * checked (status, content type, required headers, and the JSON body against its schema, where an
 * object's undeclared field is an error); the request is checked too when the server accepted it
 * (2xx), since a request the server took must be one the document allows, while a refused request
 * is usually a test sending something wrong on purpose.
 */
final class ContractValidator {

    /** Message keys that say nothing about the document's truth in a test (see ADR 0029). */
    private static final Set<String> IGNORED = Set.of(
            // Credentials depend on the server's auth mode (none needs none); 401 answers cover it.
            "validation.request.security.missing", "validation.request.security.invalid");

    /** Javalin's status for a request whose client went away before the answer: nobody read it. */
    private static final int CLIENT_GONE = 499;

    private static volatile ContractValidator shared;

    private final OpenApiInteractionValidator validator;

    ContractValidator(String document) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        // Closed objects: a field missing from the document fails, even in a schema
                        // that forgot to say additionalProperties: false.
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        .build())
                .build();
    }

    /** The validator for the served document, built once per test JVM (parsing takes a moment). */
    static ContractValidator shared() {
        ContractValidator v = shared;
        if (v == null) {
            synchronized (ContractValidator.class) {
                v = shared;
                if (v == null) {
                    v = new ContractValidator(new String(OpenApiFeature.load(), StandardCharsets.UTF_8));
                    shared = v;
                }
            }
        }
        return v;
    }

    /** The document's objections to the exchange, one line each; empty when it holds. */
    List<String> check(Exchange e) {
        if (e.status() == CLIENT_GONE) {
            return List.of();
        }
        Request.Method method = Request.Method.valueOf(e.method().toUpperCase(Locale.ROOT));
        SimpleResponse response = response(e);
        boolean accepted = e.status() >= 200 && e.status() < 300;
        ValidationReport report = accepted
                ? validator.validate(request(e, method), response)
                : validator.validateResponse(e.path(), method, response);
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && !ignored(m.getKey(), e)) {
                problems.add(e.describe() + ": [" + m.getKey() + "] " + m.getMessage() + nested(m));
            }
        }
        return problems;
    }

    /** Why a composite schema (allOf, oneOf) failed, which its own message leaves out. */
    private static String nested(ValidationReport.Message m) {
        StringBuilder out = new StringBuilder();
        for (ValidationReport.Message n : m.getNestedMessages()) {
            out.append(" {").append(n.getMessage()).append(nested(n)).append('}');
        }
        return out.toString();
    }

    private static boolean ignored(String key, Exchange e) {
        if (IGNORED.contains(key)) {
            return true;
        }
        // A path the document lacks is a probe route a test registered for itself: OpenApiFeatureTest
        // fails when a route of the assembled server is missing from the document.
        if (key.equals("validation.request.path.missing")) {
            return true;
        }
        // A method the path does not have, answered "no such thing": the server agrees.
        if (key.equals("validation.request.operation.notAllowed") && (e.status() == 404 || e.status() == 405)) {
            return true;
        }
        // Bodies not kept (binary, HEAD, 304, too large) are checked by status and content type only.
        if (key.equals("validation.response.body.missing") && responseBody(e) == null) {
            return true;
        }
        // Only JSON request bodies are kept: files (uploads, tus chunks) are the server's to read.
        return key.equals("validation.request.body.missing")
                && (e.requestBody() == null || !Exchange.json(e.requestHeader("Content-Type")));
    }

    private static SimpleRequest request(Exchange e, Request.Method method) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(method, e.path());
        e.requestHeaders().forEach(b::withHeader);
        if (e.query() != null) {
            for (String pair : e.query().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                b.withQueryParam(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        if (e.requestBody() != null && e.requestBody().length > 0 && Exchange.json(e.requestHeader("Content-Type"))) {
            b.withBody(e.requestBody());
        }
        return b.build();
    }

    private static SimpleResponse response(Exchange e) {
        SimpleResponse.Builder b = new SimpleResponse.Builder(e.status());
        e.responseHeaders().forEach(b::withHeader);
        byte[] body = responseBody(e);
        if (body != null) {
            b.withBody(body);
        }
        return b.build();
    }

    /** The answer's JSON as text, or null when there is none to check. */
    private static byte[] responseBody(Exchange e) {
        byte[] body = e.responseBody();
        if (body == null || body.length == 0 || "HEAD".equalsIgnoreCase(e.method())) {
            return null;
        }
        String encoding = e.responseHeader("Content-Encoding");
        if (encoding == null || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (!encoding.equalsIgnoreCase("gzip")) {
            return null;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException("A gzip answer that does not unzip: " + e.describe(), ex);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
