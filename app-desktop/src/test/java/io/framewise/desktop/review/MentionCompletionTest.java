package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiModels.Mentionable;
import io.framewise.desktop.testing.ReviewServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @name} completion in the desktop note editor, with the people the real server offers. */
class MentionCompletionTest {

    private final ReviewServer server = ReviewServer.get();

    @Test
    void offersWhoMaySeeTheMediaAndCompletesTheMention() {
        MentionCompletion mentions = new MentionCompletion(Runnable::run, Runnable::run);
        mentions.load(server.api, server.v1.id()).join();
        String me = server.api.me().get("name").asText();
        assertTrue(
                mentions.people().stream().anyMatch(p -> p.name().equals(me)),
                "the uploader may be mentioned: " + mentions.people());

        String text = "Look here @" + me.substring(0, 1);
        mentions.update(text, text.length());
        assertEquals(me, mentions.suggestions().get(0).name());
        MentionCompletion.Completed done = mentions.chooseActive(text, text.length());
        assertEquals("Look here @" + me + " ", done.text());
        assertEquals(done.text().length(), done.caret());
        assertTrue(mentions.suggestions().isEmpty(), "closed once chosen");

        mentions.update("write to ana@" + me, ("write to ana@" + me).length());
        assertTrue(mentions.suggestions().isEmpty(), "an e-mail address is not a mention");
        mentions.update("@zzz-nobody", 11);
        assertTrue(mentions.suggestions().isEmpty());
        assertNull(mentions.chooseActive("@zzz-nobody", 11));
    }

    @Test
    void keysMoveThroughSuggestionsAndTheRestOfTheTextStays() {
        MentionCompletion mentions = new MentionCompletion(Runnable::run, Runnable::run);
        mentions.people()
                .setAll(List.of(
                        new Mentionable("1", "rob", "Rob"),
                        new Mentionable("2", "rita", "Rita Reviewer"),
                        new Mentionable("3", "ed", "Ed")));
        mentions.update("cc @r please", 5);
        assertEquals(
                List.of("rita", "rob"),
                mentions.suggestions().stream().map(Mentionable::name).toList());
        mentions.move(1);
        assertEquals(1, mentions.activeProperty().get());
        mentions.move(1);
        assertEquals(0, mentions.activeProperty().get(), "wraps around");
        mentions.move(-1);
        MentionCompletion.Completed done = mentions.chooseActive("cc @r please", 5);
        assertEquals("cc @rob please", done.text());
        assertEquals(8, done.caret());
        assertEquals(-1, MentionCompletion.mentionStart("no mention", 10));
        assertEquals(0, MentionCompletion.mentionStart("@", 1));
    }

    @Test
    void requestReviewAsksWhoMaySeeTheAssetAndExplainsARefusal() {
        RequestReviewViewModel request =
                new RequestReviewViewModel(Runnable::run, Runnable::run, server.api, server.asset.id(), server.v1.id());
        request.load().join();
        assertTrue(request.send().join() == null, "nobody chosen yet");
        assertEquals("Choose at least one person.", request.statusProperty().get());
        request.people().get(0).chosenProperty().set(true);
        request.messageProperty().set("Before the mix");
        io.framewise.desktop.client.ApiModels.ReviewRequest made =
                request.send().join();
        assertEquals(request.dueProperty().get().toString(), made.due());
        assertEquals("Before the mix", made.message());
        assertTrue(
                request.statusProperty().get().startsWith("Asked 1 person to review by "),
                request.statusProperty().get());

        request.dueProperty().set(java.time.LocalDate.of(2000, 1, 1));
        assertNull(request.send().join());
        assertTrue(
                request.statusProperty().get().contains("due must be a day from today"),
                request.statusProperty().get());
    }
}
