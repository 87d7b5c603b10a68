package io.framewise.desktop.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.review.ClipTiming;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.media.testing.FrameCode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cut dialog's view model against a real server: the range, the request, the clip's progress. */
class CutClipViewModelTest {

    private final ReviewServer s = ReviewServer.get();

    @Test
    void cutsTheMarkedRangeAndFollowsTheClipUntilItIsReady() {
        CutClipViewModel vm = new CutClipViewModel(Runnable::run, Runnable::run);
        vm.open(s.api, s.asset, s.v2, ClipTiming.of(s.v2), 40, 65).join();
        assertEquals(
                "00:00:01:15 – 00:00:02:14  (25 frames)", vm.rangeProperty().get());
        assertEquals("No template", vm.templates().get(0).toString(), "no template is always offered");
        vm.modeProperty().set(ClipMode.SMART);
        vm.titleProperty().set("Harbour pull-out");

        vm.cut().join();
        assertNotNull(vm.clipProperty().get(), vm.messageProperty().get());
        String clipId = vm.clipProperty().get().id();
        Await.until(
                "the clip to be ready (" + vm.messageProperty().get() + ")",
                Duration.ofMinutes(2),
                () -> vm.stateProperty().get() == CutClipViewModel.State.READY
                        || vm.stateProperty().get() == CutClipViewModel.State.FAILED);
        assertEquals(
                CutClipViewModel.State.READY,
                vm.stateProperty().get(),
                vm.messageProperty().get());
        assertEquals(1.0, vm.progressProperty().get());

        MediaItem clip = s.api.media(clipId);
        assertEquals(25L, clip.frameCount());
        assertEquals(s.v2.id(), clip.clipOf().mediaId());
        assertEquals(40L, clip.clipOf().in());
        assertEquals(65L, clip.clipOf().out());
        // The engine may fall back from smart to a full re-encode; both are frame-exact.
        assertTrue(
                List.of("smart", "reencode").contains(clip.clipOf().mode()),
                clip.clipOf().mode());
        assertEquals(40, FrameCode.read(s.api.still(clipId, 0, 0)), "the clip's first frame is source frame 40");
        assertEquals(
                "Harbour pull-out",
                s.api.asset(vm.clipProperty().get().assetId()).title());
        vm.close();
    }

    @Test
    void aTemplatePickedFromTheProjectsListBrandsTheClip() throws Exception {
        String name = "Slate first " + System.nanoTime();
        String body = "{\"projectId\":\"" + s.asset.projectId() + "\",\"name\":\"" + name
                + "\",\"steps\":[{\"type\":\"slate\",\"frames\":5}],\"output\":{\"format\":\"mp4\"}}";
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(s.api.resolve("/api/templates"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());

        CutClipViewModel vm = new CutClipViewModel(Runnable::run, Runnable::run);
        vm.open(s.api, s.asset, s.v2, ClipTiming.of(s.v2), 40, 50).join();
        CutClipViewModel.TemplateChoice choice = vm.templates().stream()
                .filter(t -> name.equals(t.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the project's template is offered: " + vm.templates()));
        vm.templateProperty().set(choice);
        vm.modeProperty().set(ClipMode.REENCODE);
        vm.cut().join();
        assertNotNull(vm.clipProperty().get(), vm.messageProperty().get());
        String clipId = vm.clipProperty().get().id();
        Await.until(
                "the branded clip to be ready (" + vm.messageProperty().get() + ")",
                Duration.ofMinutes(2),
                () -> vm.stateProperty().get() == CutClipViewModel.State.READY
                        || vm.stateProperty().get() == CutClipViewModel.State.FAILED);
        assertEquals(
                CutClipViewModel.State.READY,
                vm.stateProperty().get(),
                vm.messageProperty().get());

        MediaItem clip = s.api.media(clipId);
        assertEquals(15L, clip.frameCount(), "5 slate frames, then the 10 frames cut");
        assertEquals(40, FrameCode.read(s.api.still(clipId, 5, 0)), "after the slate comes source frame 40");
        assertEquals(49, FrameCode.read(s.api.still(clipId, 14, 0)), "and the last is source frame 49");
        vm.close();
    }

    @Test
    void anEmptyRangeOrATemplateOnACopyIsRefusedBeforeSending() {
        CutClipViewModel vm = new CutClipViewModel(Runnable::run, Runnable::run);
        vm.open(s.api, s.asset, s.v2, ClipTiming.of(s.v2), 30, 30).join();
        vm.cut().join();
        assertEquals(CutClipViewModel.State.EDITING, vm.stateProperty().get());
        assertTrue(
                vm.messageProperty().get().contains("range is empty"),
                vm.messageProperty().get());

        vm.open(s.api, s.asset, s.v2, ClipTiming.of(s.v2), 0, 10).join();
        vm.modeProperty().set(ClipMode.COPY);
        vm.templateProperty().set(new CutClipViewModel.TemplateChoice("t1", "Client review"));
        assertTrue(
                vm.messageProperty().get().contains("choose Smart or Re-encode"),
                vm.messageProperty().get());
        vm.modeProperty().set(ClipMode.REENCODE);
        assertEquals("", vm.messageProperty().get());
        assertEquals("t1", vm.body().path("templateId").asText());
        assertEquals("reencode", vm.body().path("mode").asText());
        assertTrue(vm.body().path("title").isMissingNode(), "no title: the server names the clip");
        vm.asNewVersionProperty().set(true);
        assertEquals(s.asset.id(), vm.body().path("asVersionOf").asText());
    }
}
