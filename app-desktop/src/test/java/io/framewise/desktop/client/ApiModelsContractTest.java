package io.framewise.desktop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The desktop's client records against the API's one description, the server's {@code openapi.json}:
 * every record component is a property of the schema the server answers with, of a compatible type,
 * and every primitive component (which Jackson would silently default when absent) is a required
 * property. Records are found by the operation that answers them (not by schema name, which the
 * document may change), and nested records by the property that holds them; every record in
 * {@link ApiModels}, {@link ClipModels} and {@link ShareModels} must be reached.
 */
class ApiModelsContractTest {

    private static final String DOCUMENT = "/io/framewise/server/http/openapi.json";

    /** Each top-level record and the response that carries it: "METHOD path status". */
    private static final Map<Class<? extends Record>, String> ANSWERED_BY = new LinkedHashMap<>();

    static {
        ANSWERED_BY.put(ApiModels.MediaItem.class, "get /api/media/{id} 200");
        ANSWERED_BY.put(ApiModels.MediaPage.class, "get /api/media 200");
        ANSWERED_BY.put(ApiModels.FrameMapInfo.class, "get /api/media/{id}/framemap 200");
        ANSWERED_BY.put(ApiModels.NotePage.class, "get /api/media/{id}/comments 200");
        ANSWERED_BY.put(ApiModels.Note.class, "patch /api/comments/{id} 200");
        ANSWERED_BY.put(ApiModels.Project.class, "post /api/projects 201");
        ANSWERED_BY.put(ApiModels.Asset.class, "get /api/assets/{id} 200");
        ANSWERED_BY.put(ApiModels.Version.class, "post /api/assets/{id}/versions 201");
        ANSWERED_BY.put(ApiModels.LoginAnswer.class, "post /api/auth/login 200");
        ANSWERED_BY.put(ApiModels.IssuedToken.class, "post /api/tokens 201");
        ANSWERED_BY.put(ApiModels.AuthConfig.class, "get /api/auth/config 200");
        ANSWERED_BY.put(ApiModels.FolderPage.class, "get /api/folders 200");
        ANSWERED_BY.put(ApiModels.ActionResult.class, "post /api/actions 200");
        ANSWERED_BY.put(ClipModels.ClipQueued.class, "post /api/media/{id}/clips 202");
        ANSWERED_BY.put(ClipModels.TemplatePage.class, "get /api/templates 200");
        ANSWERED_BY.put(ShareModels.IssuedShare.class, "post /api/shares 201");
        ANSWERED_BY.put(ShareModels.SharePage.class, "get /api/shares 200");
        ANSWERED_BY.put(ShareModels.Share.class, "patch /api/shares/{id} 200");
        ANSWERED_BY.put(ShareModels.ShareAnalytics.class, "get /api/shares/{id}/analytics 200");
        // A list answer is checked item by item against the record.
        ANSWERED_BY.put(ApiModels.Mentionable.class, "get /api/media/{id}/mentionable 200");
        ANSWERED_BY.put(ApiModels.ReviewRequest.class, "post /api/assets/{id}/review-requests 201");
        ANSWERED_BY.put(ApiModels.Home.class, "get /api/home 200");
    }

    /**
     * Where the document is known to fall short of what the server answers (issue 12 corrects the
     * document). Each entry is "Record.component" or "Record" (its response); an entry the document
     * no longer falls short on fails the test, so this list only shrinks.
     */
    /**
     * Places where the document and the desktop's records are known to differ, each with its reason.
     * Empty since openapi.json is checked against every answer of the server's tests; an entry that
     * the document comes to cover fails the test, so the list cannot go stale.
     */
    private static final Set<String> KNOWN_GAPS = Set.of();

    private final JsonNode document = read();
    private final List<String> problems = new ArrayList<>();

    @Test
    void everyRecordMatchesTheSchemaTheServerAnswersWith() {
        ANSWERED_BY.forEach((record, response) -> {
            JsonNode schema = responseSchema(response);
            if (schema == null) {
                problems.add(record.getSimpleName() + ": the document has no JSON answer for " + response);
            } else {
                check(record, schema);
            }
        });
        Set<String> gaps = new LinkedHashSet<>();
        List<String> unexpected = new ArrayList<>();
        for (String p : problems) {
            String key = p.substring(0, p.indexOf(':'));
            if (KNOWN_GAPS.contains(key)) {
                gaps.add(key);
            } else {
                unexpected.add(p);
            }
        }
        assertEquals(List.of(), unexpected, "the desktop's records and openapi.json disagree");
        Set<String> closed = new LinkedHashSet<>(KNOWN_GAPS);
        closed.removeAll(gaps);
        assertEquals(Set.of(), closed, "openapi.json now covers these: remove them from KNOWN_GAPS");

        Set<Class<?>> reached = new LinkedHashSet<>();
        ANSWERED_BY.keySet().forEach(r -> reach(r, reached));
        Set<Class<?>> all = new LinkedHashSet<>(Stream.of(ApiModels.class, ClipModels.class, ShareModels.class)
                .flatMap(holder -> Arrays.stream(holder.getDeclaredClasses()))
                .filter(Class::isRecord)
                .toList());
        all.removeAll(reached);
        assertEquals(Set.of(), all, "records no response reaches: map them in ANSWERED_BY");
    }

    /** The check itself catches drift: a record with a field the schema lacks, or a loose primitive. */
    @Test
    void aDriftedRecordIsReported() {
        record Drifted(String id, boolean archived, int count) {}
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("id").put("type", "string");
        properties.putObject("count").put("type", "string");
        check(Drifted.class, schema);
        assertEquals(
                List.of(
                        "Drifted.archived: no such property in the schema",
                        "Drifted.count: int but the schema says string",
                        "Drifted.count: a primitive that the schema does not require"),
                problems);
    }

    /** The JSON name of a component: its {@code @JsonProperty} name where it has one (a Java keyword). */
    private static String wireName(Class<?> record, RecordComponent c) {
        try {
            com.fasterxml.jackson.annotation.JsonProperty named = record.getDeclaredField(c.getName())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return named != null && !named.value().isEmpty() ? named.value() : c.getName();
        } catch (NoSuchFieldException e) {
            return c.getName();
        }
    }

    private void check(Class<?> record, JsonNode schema) {
        JsonNode object = resolve(schema);
        JsonNode properties = properties(object);
        Set<String> required = required(object);
        for (RecordComponent c : record.getRecordComponents()) {
            String where = record.getSimpleName() + "." + c.getName();
            String wire = wireName(record, c);
            JsonNode property = properties.get(wire);
            if (property == null) {
                problems.add(where + ": no such property in the schema");
                continue;
            }
            checkType(where, c.getGenericType(), resolve(property));
            if (c.getType().isPrimitive() && !required.contains(wire)) {
                problems.add(where + ": a primitive that the schema does not require");
            }
        }
    }

    /** {@code type} and the records its components hold, directly or in lists and arrays. */
    private static void reach(Type type, Set<Class<?>> reached) {
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                reach(argument, reached);
            }
        } else if (type instanceof Class<?> c && c.isArray()) {
            reach(c.getComponentType(), reached);
        } else if (type instanceof Class<?> c && c.isRecord() && reached.add(c)) {
            for (RecordComponent component : c.getRecordComponents()) {
                reach(component.getGenericType(), reached);
            }
        }
    }

    private void checkType(String where, Type type, JsonNode schema) {
        String actual = typeOf(schema);
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            if (expect(where, type, "array", actual)) {
                checkType(where + "[]", p.getActualTypeArguments()[0], resolve(schema.path("items")));
            }
            return;
        }
        Class<?> c = (Class<?>) type;
        if (c == JsonNode.class) {
            return;
        }
        if (c.isArray()) {
            if (expect(where, type, "array", actual)) {
                checkType(where + "[]", c.getComponentType(), resolve(schema.path("items")));
            }
        } else if (c.isRecord()) {
            if (expect(where, type, "object", actual)) {
                check(c, schema);
            }
        } else if (c == String.class) {
            expect(where, type, "string", actual);
        } else if (c == boolean.class || c == Boolean.class) {
            expect(where, type, "boolean", actual);
        } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            expect(where, type, "integer", actual);
        } else if (c == double.class || c == Double.class) {
            if (!"integer".equals(actual)) {
                expect(where, type, "number", actual);
            }
        } else {
            problems.add(where + ": the test does not know how " + c.getSimpleName() + " maps to JSON");
        }
    }

    private boolean expect(String where, Type java, String wanted, String actual) {
        if (!wanted.equals(actual)) {
            String name = java instanceof Class<?> c ? c.getSimpleName() : java.getTypeName();
            problems.add(where + ": " + name + " but the schema says " + actual);
            return false;
        }
        return true;
    }

    /** The schema of a JSON answer, "method path status"; null when the document has none. */
    private JsonNode responseSchema(String response) {
        String[] p = response.split(" ");
        JsonNode schema = document.path("paths")
                .path(p[1])
                .path(p[0])
                .path("responses")
                .path(p[2])
                .path("content")
                .path("application/json")
                .path("schema");
        if (schema.path("type").asText().equals("array")) {
            schema = schema.path("items");
        }
        return schema.isMissingNode() ? null : schema;
    }

    /** Follows {@code $ref}s and merges {@code allOf} parts into one schema. */
    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            assertTrue(ref.startsWith("#/"), ref);
            JsonNode target = document.at(ref.substring(1));
            assertNotNull(target, ref);
            return resolve(target);
        }
        if (schema.has("allOf")) {
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            ObjectNode properties = merged.putObject("properties");
            var required = merged.putArray("required");
            for (JsonNode part : schema.get("allOf")) {
                JsonNode r = resolve(part);
                if (r.has("type")) {
                    merged.set("type", r.get("type"));
                }
                if (r.has("items")) {
                    merged.set("items", r.get("items"));
                }
                properties.setAll((ObjectNode) properties(r));
                r.path("required").forEach(required::add);
            }
            return merged;
        }
        return schema;
    }

    private static JsonNode properties(JsonNode object) {
        JsonNode p = object.path("properties");
        return p.isObject() ? p : JsonNodeFactory.instance.objectNode();
    }

    private static Set<String> required(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** The JSON type a schema gives (OpenAPI 3.1 type lists: the one that is not "null"). */
    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "unspecified";
    }

    private static JsonNode read() {
        try (InputStream in = ApiModelsContractTest.class.getResourceAsStream(DOCUMENT)) {
            assertNotNull(in, DOCUMENT + " on the class path (from app-server)");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + DOCUMENT, e);
        }
    }
}
