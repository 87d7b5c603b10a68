package io.framewise.desktop.shares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ShareModels.Share;
import io.framewise.desktop.client.ShareModels.ShareAnalytics;
import io.framewise.desktop.testing.ReviewServer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The share window's view models against a real server: make, list, change, revoke, analytics. */
class ShareLinksViewModelTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Zurich");
    private final ReviewServer s = ReviewServer.get();

    @Test
    void makesListsChangesAndRevokesALink() {
        ShareLinksViewModel links = new ShareLinksViewModel(Runnable::run, Runnable::run, ZONE);
        links.openAsset(s.api, s.api.asset(s.asset.id()), s.v2).join();
        assertEquals("asset", links.target().type());
        int before = links.links().size();

        ShareFormViewModel form = links.newLink();
        assertEquals(3, form.versions().size(), "latest, v1, v2");
        form.titleProperty().set("For the client");
        form.versionProperty().set(form.versions().get(2));
        form.passwordProperty().set("short");
        form.save().join();
        assertTrue(
                form.messageProperty().get().contains("at least 8"),
                form.messageProperty().get());
        assertEquals("", form.linkProperty().get(), "nothing was sent");

        form.passwordProperty().set("harbour-2026");
        form.maxViewsProperty().set("3");
        form.downloadProperty().set(true);
        form.watermarkProperty().set(true);
        LocalDate lastDay = LocalDate.now(ZONE).plusDays(7);
        form.expiresProperty().set(lastDay);
        form.save().join();
        String link = form.linkProperty().get();
        assertTrue(link.contains("/s/"), link + " " + form.messageProperty().get());
        assertTrue(form.messageProperty().get().contains("only this once"));

        links.refresh().join();
        assertEquals(before + 1, links.links().size(), links.messageProperty().get());
        Share made = links.links().stream()
                .filter(x -> "For the client".equals(x.title()))
                .findFirst()
                .orElseThrow();
        assertNull(made.url(), "the link is never told again");
        assertEquals(2, made.version());
        assertEquals(Set.of("view", "comment", "download"), Set.copyOf(made.rights()));
        assertTrue(made.hasPassword());
        assertEquals("Active · 0 of 3 views · until " + lastDay + " · password · v2", links.summary(made));

        ShareFormViewModel edit = links.edit(made);
        assertEquals(lastDay, edit.expiresProperty().get(), "the edit shows the day the link ends");
        assertEquals("3", edit.maxViewsProperty().get());
        assertTrue(edit.downloadProperty().get());
        edit.maxViewsProperty().set("");
        edit.clearPasswordProperty().set(true);
        edit.commentProperty().set(false);
        edit.save().join();
        assertTrue(edit.savedProperty().get(), edit.messageProperty().get());
        links.refresh().join();
        Share changed = links.links().stream()
                .filter(x -> x.id().equals(made.id()))
                .findFirst()
                .orElseThrow();
        assertNull(changed.maxViews());
        assertFalse(changed.hasPassword());
        assertEquals(Set.of("view", "download"), Set.copyOf(changed.rights()));

        links.showAnalytics(changed).join();
        ShareAnalytics a = links.analyticsProperty().get();
        assertEquals(0L, a.opens(), links.messageProperty().get());
        assertEquals(0, a.guests().size());

        links.revoke(changed).join();
        Share revoked = links.links().stream()
                .filter(x -> x.id().equals(made.id()))
                .findFirst()
                .orElseThrow();
        assertEquals("revoked", revoked.state());
        assertTrue(links.summary(revoked).startsWith("Revoked · 0 views"), links.summary(revoked));
    }

    @Test
    void aMaximumOfViewsIsAWholeNumber() {
        ShareLinksViewModel links = new ShareLinksViewModel(Runnable::run, Runnable::run, ZONE);
        links.openAsset(s.api, s.api.asset(s.asset.id()), s.v2).join();
        ShareFormViewModel form = links.newLink();
        form.maxViewsProperty().set("ten");
        form.save().join();
        assertTrue(
                form.messageProperty().get().startsWith("Maximum views"),
                form.messageProperty().get());
        assertEquals("1 h 02 min", ShareLinksViewModel.duration(3725.0));
        assertEquals("3 min 05 s", ShareLinksViewModel.duration(185.4));
    }
}
