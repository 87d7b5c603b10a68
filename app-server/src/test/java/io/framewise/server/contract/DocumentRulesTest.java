package io.framewise.server.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.http.OpenApiFeature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules the document keeps so the contract check can hold the server to it: every error answer
 * (but tus's own) has the one error shape, and every object says whether it is closed.
 */
class DocumentRulesTest {

    private static final String ERROR = "#/components/schemas/Error";

    private final JsonNode doc = read();

    @Test
    void everyErrorAnswerHasTheErrorShape() {
        List<String> wrong = new ArrayList<>();
        doc.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    JsonNode responses = op.getValue().path("responses");
                    responses.fields().forEachRemaining(r -> {
                        // tus's own protocol answers (the library's) are not the server's error shape.
                        boolean tus = path.getKey().startsWith("/api/tus");
                        if (!tus && (r.getKey().startsWith("4") || r.getKey().startsWith("5"))) {
                            JsonNode answer = resolve(r.getValue());
                            String ref = answer.at("/content/application~1json/schema/$ref")
                                    .asText();
                            if (!ref.equals(ERROR)) {
                                wrong.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + r.getKey());
                            }
                        }
                    });
                }));
        assertEquals(List.of(), wrong, "error answers without the Error schema");
    }

    @Test
    void everyObjectWithPropertiesSaysWhetherItIsClosed() {
        List<String> open = new ArrayList<>();
        walk(doc.get("paths"), "paths", open);
        walk(doc.at("/components/schemas"), "components/schemas", open);
        assertEquals(List.of(), open, "objects without additionalProperties");
    }

    private static void walk(JsonNode node, String where, List<String> open) {
        if (node.isObject()) {
            if ("object".equals(node.path("type").asText())
                    && node.has("properties")
                    && !node.has("additionalProperties")) {
                open.add(where);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> child = it.next();
                walk(child.getValue(), where + "/" + child.getKey(), open);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "/" + i, open);
            }
        }
    }

    private JsonNode resolve(JsonNode answer) {
        String ref = answer.path("$ref").asText();
        return ref.isEmpty() ? answer : doc.at(ref.substring(1));
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(OpenApiFeature.load());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
