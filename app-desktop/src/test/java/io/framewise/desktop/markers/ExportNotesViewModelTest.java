package io.framewise.desktop.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.testing.ReviewServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Export notes" view model against a real server, without a screen: the filters make the
 * query the server reads, and the saved file holds the kept notes on their frames of the real
 * 29.97 drop-frame media (start 01:00:00;00).
 */
class ExportNotesViewModelTest {

    private final ReviewServer s = ReviewServer.get();

    private Note note(String text, long frame, Long frameOut) {
        ObjectNode fields =
                JsonNodeFactory.instance.objectNode().put("text", text).put("frame", frame);
        if (frameOut != null) {
            fields.put("frameOut", frameOut);
        }
        return s.api.createNote(s.v1.id(), fields);
    }

    /** Record-in timecodes of a Resolve marker EDL, read by CMX3600's fixed columns, with their note lines. */
    private static List<String> events(String edl) {
        List<String> out = new ArrayList<>();
        String[] lines = edl.split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("\\d{3}  .*")) {
                out.add(lines[i].substring(53, 64) + " " + lines[i + 1]);
            }
        }
        return out;
    }

    @Test
    void savesTheFilteredNotesAsTheChosenMarkerFile(@TempDir Path dir) throws Exception {
        Note dust = note("Desk dust " + System.nanoTime(), 31, null);
        Note dark = note("Desk dark " + System.nanoTime(), 62, 75L);
        Note resolved = s.api.updateNote(
                dark.id(), JsonNodeFactory.instance.objectNode().put("resolved", true));
        List<NoteThread> threads = List.of(new NoteThread(dust, List.of()), new NoteThread(resolved, List.of()));

        ExportNotesViewModel vm = new ExportNotesViewModel(Runnable::run, Runnable::run);
        vm.open(s.api, s.v1.id(), s.v1.name(), threads, 60, 80);
        assertEquals(2, vm.keptProperty().get());
        assertEquals(1, vm.authors().size(), "one author started the threads");
        assertEquals("h264-2997-df_resolve_markers.edl", vm.suggestedFileName());

        // Resolve markers of the resolved notes only, in the marked range.
        vm.statusProperty().set(ExportNotesViewModel.Status.RESOLVED);
        vm.useMarks();
        assertEquals("60", vm.fromProperty().get());
        assertEquals(1, vm.keptProperty().get());
        assertEquals("format=resolve-edl&status=resolved&from=60&to=80", vm.query());
        Path edl = dir.resolve(vm.suggestedFileName());
        vm.save(edl).join();
        assertEquals(
                ExportNotesViewModel.State.SAVED,
                vm.stateProperty().get(),
                vm.messageProperty().get());
        List<String> events = events(Files.readString(edl, StandardCharsets.UTF_8));
        // Frame 62 of 29.97 DF from 01:00:00;00 is 01:00:02;02; the range is 13 frames.
        assertEquals(1, events.size(), events.toString());
        assertTrue(
                events.get(0).startsWith("01:00:02;02 [resolved] " + dark.text() + " |C:ResolveColorBlue |M:"),
                events.get(0));
        assertTrue(events.get(0).endsWith("|D:13"), events.get(0));

        // Avid's marker list of the open ones, everywhere.
        vm.formatProperty().set(MarkerExportFormat.AVID);
        vm.statusProperty().set(ExportNotesViewModel.Status.OPEN);
        vm.fromProperty().set("");
        vm.toProperty().set("");
        Path avid = dir.resolve(vm.suggestedFileName());
        vm.save(avid).join();
        String list = Files.readString(avid, StandardCharsets.UTF_8);
        assertTrue(list.contains("\t01:00:01;01\tV1\tred\t" + dust.text() + "\t1\n"), list);
        assertFalse(list.contains(dark.text()), "resolved notes are left out");
    }

    @Test
    void aBadRangeIsNamedAndNothingIsSent(@TempDir Path dir) {
        ExportNotesViewModel vm = new ExportNotesViewModel(Runnable::run, Runnable::run);
        vm.open(s.api, s.v1.id(), s.v1.name(), List.of(), -1, -1);
        assertFalse(vm.hasMarks());
        vm.fromProperty().set("40");
        vm.toProperty().set("10");
        assertEquals(
                "The range must not end before it starts.", vm.problemProperty().get());
        vm.toProperty().set("x");
        assertEquals(
                "Frames are whole numbers, 0 or more.", vm.problemProperty().get());
        Path target = dir.resolve("never.edl");
        vm.save(target).join();
        assertEquals(ExportNotesViewModel.State.EDITING, vm.stateProperty().get());
        assertFalse(Files.exists(target));
        vm.toProperty().set("");
        assertEquals("", vm.problemProperty().get());
    }
}
