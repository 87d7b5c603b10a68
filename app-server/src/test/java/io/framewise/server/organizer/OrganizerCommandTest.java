package io.framewise.server.organizer;

import static io.framewise.server.organizer.OrganizerApi.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.organizer.sdk.testing.OrganizerTestKit;
import io.framewise.server.testing.ServerProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code framewise server --organizer "CMD ARGS"} as an operator runs it: the real command in its own
 * process starts the organizer, and an organizer whose server is killed outright stops too.
 */
class OrganizerCommandTest {

    @TempDir
    Path data;

    @Test
    void theServerCommandRunsOrganizersThatDieWithIt() throws Exception {
        String line = OrganizerTestKit.command(ContractOrganizer.class).stream()
                .map(word -> "'" + word + "'")
                .collect(Collectors.joining(" "));
        try (ServerProcess server =
                ServerProcess.start(data, data.resolve("server.log"), Map.of(), List.of("--organizer", line))) {
            HttpResponse<String> states = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.uri("api/admin/organizers"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, states.statusCode(), states.body());
            JsonNode contract = new ObjectMapper().readTree(states.body()).get(1);
            assertEquals("contract", contract.get("name").asText(), states.body());
            assertEquals("running", contract.get("state").asText());

            ProcessHandle organizer = ProcessHandle.of(server.pid())
                    .orElseThrow()
                    .children()
                    // The server's only child JVM: no media is being processed.
                    .filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no organizer process under the server"));
            assertTrue(organizer.isAlive());

            server.kill();
            await("the organizer to stop with its server", Duration.ofSeconds(30), organizer::isAlive, alive -> !alive);
        }
    }
}
