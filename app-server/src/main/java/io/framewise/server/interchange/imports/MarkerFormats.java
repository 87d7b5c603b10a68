package io.framewise.server.interchange.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.interchange.Cmx3600;
import io.framewise.model.interchange.EdlDocument;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Json;
import java.util.Map;

/**
 * Tells the format of a marker file from its content (a client's file name or content type says
 * little: EDLs arrive as text/plain, octet-stream or nothing) and reads it: XML whose root is
 * {@code xmeml} (FCP7) or {@code fcpxml}, a JSON object (OpenTimelineIO), anything else as a
 * CMX3600 list. A body no reader can make anything of is refused as a whole (422).
 */
final class MarkerFormats {

    private static final ObjectMapper JSON = Json.newMapper();

    private MarkerFormats() {}

    static MarkerFile read(byte[] body, boolean events) {
        if (body.length == 0) {
            throw new ApiException.BadRequest(
                    "the body is empty: send the EDL, XML or OTIO file", Map.of("field", "body"), null);
        }
        int first = firstSignificant(body);
        if (first == '<') {
            XmlTree.Element root = XmlTree.parse(body);
            return switch (root.name()) {
                case "xmeml" -> Fcp7Markers.read(root);
                case "fcpxml" -> FcpxmlMarkers.read(root);
                default -> throw new ApiException.Invalid(
                        "an XML file with root <" + cut(root.name()) + "> is neither FCP7 XML (xmeml) nor FCPXML",
                        Map.of("root", cut(root.name())));
            };
        }
        if (first == '{') {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                throw new ApiException.Invalid(
                        "the JSON cannot be read at line " + line + ": " + e.getOriginalMessage(),
                        Map.of("line", line));
            } catch (java.io.IOException e) {
                throw new ApiException.Invalid("the JSON cannot be read: " + e.getMessage(), Map.of());
            }
            if (!json.path("OTIO_SCHEMA").isTextual()) {
                throw new ApiException.Invalid("a JSON file without OTIO_SCHEMA is not OpenTimelineIO", Map.of());
            }
            return OtioMarkers.read(json);
        }
        EdlDocument edl = Cmx3600.parse(body);
        if (edl.events().isEmpty()) {
            String why = edl.problems().isEmpty()
                    ? "it has no event lines"
                    : "line " + edl.problems().get(0).line() + ": "
                            + edl.problems().get(0).reason();
            throw new ApiException.Invalid(
                    "the file is not an EDL, FCP7 XML, FCPXML or OTIO file that can be read (" + why + ")",
                    Map.of("problems", edl.problems().size()));
        }
        return EdlMarkers.read(edl, events);
    }

    private static int firstSignificant(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < body.length; i++) {
            int b = body[i] & 0xFF;
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
