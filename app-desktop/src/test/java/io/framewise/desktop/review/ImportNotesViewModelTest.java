package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.testing.ReviewServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Import EDL..." against a real embedded server: dry run first, then the import, then nothing new. */
class ImportNotesViewModelTest {

    private final ReviewServer server = ReviewServer.get();

    @TempDir
    Path dir;

    private ClipTiming timing;
    private final AtomicInteger reloads = new AtomicInteger();

    @BeforeEach
    void clean() {
        for (Note n : server.api.notes(server.v1.id())) {
            if (n.parentId() == null) {
                server.api.deleteNote(n.id());
            }
        }
        timing = ClipTiming.of(server.api.media(server.v1.id()));
    }

    private ImportNotesViewModel viewModel() {
        return new ImportNotesViewModel(
                Runnable::run,
                Runnable::run,
                server.api,
                server.v1.id(),
                n -> timing.timecodeOf(n).toString(),
                reloads::incrementAndGet);
    }

    private Path edl(String name, long... frames) throws Exception {
        StringBuilder b = new StringBuilder("TITLE: desktop\nFCM: NON-DROP FRAME\n");
        b.append("001  AX       V     C        ")
                .append(timing.timecodeOf(0))
                .append(' ')
                .append(timing.timecodeOf(20))
                .append(' ')
                .append(timing.timecodeOf(0))
                .append(' ')
                .append(timing.timecodeOf(20))
                .append('\n');
        for (long f : frames) {
            b.append("* LOC: ")
                    .append(timing.timecodeOf(f))
                    .append(" YELLOW  Check frame ")
                    .append(f)
                    .append('\n');
        }
        b.append("not an edl line\n");
        Path p = dir.resolve(name);
        Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aChosenFileIsPreviewedThenImportedOnce() throws Exception {
        ImportNotesViewModel vm = viewModel();
        Path file = edl("notes.edl", 3, 7);

        vm.choose(file).join();
        assertEquals(
                ImportNotesViewModel.State.PREVIEWED,
                vm.stateProperty().get(),
                vm.errorProperty().get());
        assertEquals(
                "2 notes would be created · 1 skipped", vm.summaryProperty().get());
        assertEquals(
                List.of(
                        timing.timecodeOf(3) + " [yellow]  Check frame 3",
                        timing.timecodeOf(7) + " [yellow]  Check frame 7"),
                List.copyOf(vm.notes()));
        assertTrue(
                vm.skipped().get(0).startsWith("Line 6: not a CMX3600 line"),
                vm.skipped().toString());
        assertTrue(vm.canImportProperty().get());
        assertEquals(0, server.api.notes(server.v1.id()).size(), "a dry run stores nothing");

        vm.importNow().join();
        assertEquals(
                ImportNotesViewModel.State.DONE,
                vm.stateProperty().get(),
                vm.errorProperty().get());
        assertEquals("2 notes created · 1 skipped", vm.summaryProperty().get());
        assertEquals(1, reloads.get());
        List<Note> stored = server.api.notes(server.v1.id());
        assertEquals(List.of(3L, 7L), stored.stream().map(Note::frame).toList());
        assertEquals(
                List.of("yellow", "yellow"),
                stored.stream().map(Note::colour).toList(),
                "the locators' colour reaches the app's notes");
        NoteThread thread = new NoteThread(stored.get(0), List.of());
        assertEquals(NoteColours.hex("yellow"), NoteColours.tick(thread), "and its timeline tick");
        assertFalse(vm.canImportProperty().get());

        ImportNotesViewModel again = viewModel();
        again.choose(file).join();
        assertEquals(
                "0 notes would be created · 2 already imported · 1 skipped",
                again.summaryProperty().get());
        assertFalse(again.canImportProperty().get());
    }

    @Test
    void theOffsetAndRefusalsAreShownInWords() throws Exception {
        ImportNotesViewModel vm = viewModel();
        vm.choose(edl("shift.edl", 3)).join();
        vm.offsetProperty().set("2");
        vm.preview().join();
        assertEquals(List.of(timing.timecodeOf(5) + " [yellow]  Check frame 3"), List.copyOf(vm.notes()));

        vm.offsetProperty().set("two");
        vm.preview().join();
        assertEquals(ImportNotesViewModel.State.FAILED, vm.stateProperty().get());
        assertTrue(vm.errorProperty().get().contains("whole number of frames"));

        Path garbage = dir.resolve("garbage.edl");
        Files.write(garbage, new byte[] {0, 1, 2, 3, (byte) 0xff, 10, 65});
        vm.offsetProperty().set("0");
        vm.choose(garbage).join();
        assertEquals(ImportNotesViewModel.State.FAILED, vm.stateProperty().get());
        assertTrue(
                vm.errorProperty().get().contains("not an EDL"),
                vm.errorProperty().get());
        assertTrue(vm.notes().isEmpty());
        assertTrue(ImportNotesViewModel.importable(Path.of("Cut V3.EDL")));
        assertFalse(ImportNotesViewModel.importable(Path.of("movie.mov")));
    }
}
