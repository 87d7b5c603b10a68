package io.framewise.desktop.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.clips.CutClipViewModel.State;
import io.framewise.desktop.clips.CutClipViewModel.TemplateChoice;
import io.framewise.desktop.review.ClipTiming;
import io.framewise.desktop.testing.HostileServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cut dialog against a hostile server: template lists and clip answers with control
 * characters, wrong types, holes and huge sizes. The dialog keeps working and says what went wrong;
 * nothing throws out of it.
 */
class CutClipAttackTest {

    private static final String TEMPLATES = "/api/templates";
    private static final String CLIPS = "/api/media/m1/clips";

    private final HostileServer server = new HostileServer();
    private final Asset asset = new Asset("a1", "p1", null, "Harbour", "2026-01-01T00:00:00Z", 1, List.of());
    private final MediaItem media = new MediaItem(
            "m1", "harbour.mov", "ready", 100L, "25", null, false, 64, 36, 4.0, false, null, List.of(), null);

    @AfterEach
    void stop() {
        server.close();
    }

    private CutClipViewModel opened() {
        CutClipViewModel vm = new CutClipViewModel(Runnable::run, Runnable::run);
        vm.open(server.api, asset, media, ClipTiming.of(media), 10, 20).join();
        return vm;
    }

    @Test
    void templateNamesWithControlCharactersAndHolesInTheListAreShownSafely() {
        // A name with a newline, an escape sequence, NUL and a right-to-left override; a null entry;
        // one without an id (it could not be asked for) and one without a name.
        server.answer(
                "GET",
                TEMPLATES,
                """
                {"items":[
                  {"id":"t1","name":"Client\\n\\n\\nreview\\u001b[31m\\u0000 \\u202Egnp.exe"},
                  null,
                  {"id":null,"name":"No id"},
                  {"name":"Missing id"},
                  {"id":"t2"}
                ]}""");
        CutClipViewModel vm = opened();
        assertEquals(3, vm.templates().size(), vm.templates().toString());
        assertEquals(TemplateChoice.NONE, vm.templates().get(0));
        String name = vm.templates().get(1).name();
        assertFalse(name.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x202E), name);
        assertTrue(name.startsWith("Client") && name.contains("review"), name);
        assertEquals(new TemplateChoice("t2", "t2"), vm.templates().get(2), "a template without a name shows its id");
        assertEquals("", vm.messageProperty().get());
    }

    @Test
    void aTemplateListThatIsNoListOrNothingLeavesNoTemplateToPick() {
        // items null, the whole answer null, items of the wrong type, and an answer that is no JSON.
        for (String answer : List.of("{\"items\":null}", "null", "{\"items\":\"all of them\"}", "<html>")) {
            server.answer("GET", TEMPLATES, answer);
            CutClipViewModel vm = opened();
            assertEquals(List.of(TemplateChoice.NONE), List.copyOf(vm.templates()), answer);
            assertEquals(State.EDITING, vm.stateProperty().get(), answer);
        }
        server.answer("GET", TEMPLATES, "<html>");
        assertTrue(opened().messageProperty().get().startsWith("Templates could not be loaded"));
    }

    @Test
    void aHugeTemplateListIsListed() {
        // 20,000 templates with 300-character names: every one offered, each name cut for the list.
        server.answer(
                "GET",
                TEMPLATES,
                HostileServer.items(20_000, i -> "{\"id\":\"t" + i + "\",\"name\":\"" + "x".repeat(300) + "\"}"));
        CutClipViewModel vm = opened();
        assertEquals(20_001, vm.templates().size());
        assertTrue(vm.templates().get(5).name().length() <= 201, "a name is cut to one line's length");
    }

    @Test
    void aClipAnswerWithoutAClipFailsTheCutInsteadOfFollowingNothing() {
        // 201 with an empty object, with null, and with the wrong types: nothing to follow.
        for (String answer : List.of("{}", "null", "{\"id\":{\"x\":1},\"jobId\":[1]}")) {
            server.answer("GET", TEMPLATES, "{\"items\":[]}").answer("POST", CLIPS, 201, answer);
            CutClipViewModel vm = opened();
            vm.cut().join();
            assertEquals(State.FAILED, vm.stateProperty().get(), answer);
            assertTrue(
                    vm.messageProperty().get().startsWith("The clip was not made"),
                    vm.messageProperty().get());
        }
    }

    @Test
    void hostileProgressEventsKeepTheBarBetweenNoneAndFull() {
        // The clip is queued, but the server's media answer is "null" and its events lie.
        server.answer("GET", TEMPLATES, "{\"items\":[]}")
                .answer("POST", CLIPS, 201, "{\"id\":\"c1\",\"assetId\":\"a2\",\"jobId\":\"j1\"}")
                .answer("GET", "/api/media/c1", "null");
        CutClipViewModel vm = opened();
        vm.cut().join();
        assertEquals(
                State.PROCESSING, vm.stateProperty().get(), vm.messageProperty().get());

        vm.onEvent(event("progress").put("progress", 7.5).put("stage", "clip\n\u001b[2Jowned"));
        assertEquals(1.0, vm.progressProperty().get(), "more than done is done");
        assertFalse(
                vm.messageProperty().get().contains("\n"), vm.messageProperty().get());
        vm.onEvent(event("progress").put("progress", Double.NaN));
        vm.onEvent(event("progress").put("progress", "lots"));
        vm.onEvent(event("progress").put("progress", -3));
        vm.onEvent(event("progress").set("progress", JsonNodeFactory.instance.objectNode()));
        assertEquals(1.0, vm.progressProperty().get(), "nothing took the bar back or out of range");

        vm.onEvent(event("failed")
                .set("reason", JsonNodeFactory.instance.arrayNode().add("x")));
        assertEquals(State.FAILED, vm.stateProperty().get());
        assertEquals("The clip failed: no reason given", vm.messageProperty().get());
        vm.close();
    }

    @Test
    void aFailureReasonIsShownOnOneLine() {
        server.answer("GET", TEMPLATES, "{\"items\":[]}")
                .answer("POST", CLIPS, 201, "{\"id\":\"c1\",\"assetId\":\"a2\",\"jobId\":\"j1\"}");
        CutClipViewModel vm = opened();
        vm.cut().join();
        vm.onEvent(event("failed").put("reason", "disk\r\nfull\u0007" + "!".repeat(10_000)));
        assertEquals(State.FAILED, vm.stateProperty().get());
        String m = vm.messageProperty().get();
        assertFalse(m.chars().anyMatch(Character::isISOControl), m);
        assertTrue(m.length() < 300, "a reason is cut to one line: " + m.length());
    }

    private static ObjectNode event(String kind) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("type", "library.event")
                .put("media", "c1")
                .put("kind", kind);
    }
}
