package io.framewise.desktop.shares;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ShareModels.GuestActivity;
import io.framewise.desktop.client.ShareModels.Heat;
import io.framewise.desktop.client.ShareModels.Share;
import io.framewise.desktop.client.ShareModels.ShareAnalytics;
import io.framewise.desktop.client.ShareModels.ShareTarget;
import io.framewise.desktop.testing.HostileServer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The share window's view models against a hostile server: link lists, made links and analytics
 * with control characters, wrong types, holes and huge sizes. The windows keep working and say
 * what went wrong; nothing throws out of them.
 */
class ShareLinksAttackTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Zurich");
    private static final String LIST = "/api/shares";

    private final HostileServer server = new HostileServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private ShareLinksViewModel opened() {
        ShareLinksViewModel links = new ShareLinksViewModel(Runnable::run, Runnable::run, ZONE);
        links.openFolder(server.api, "f1", "Dailies").join();
        return links;
    }

    private static boolean oneLine(String s) {
        return s.chars().noneMatch(c -> Character.isISOControl(c) || c == 0x202E);
    }

    @Test
    void linksWithControlCharactersUnknownStatesAndUnreadableDatesAreListedSafely() {
        // A title with newlines, an escape and a right-to-left override; a state the client does not
        // know, with a bell; an expiry that is no instant; a null entry; a link with nothing at all.
        server.answer(
                "GET",
                LIST,
                """
                {"items":[
                  {"id":"s1","title":"Client\\n\\ncut\\u001b[2J\\u202Efdp.exe","state":"weird\\u0007",
                   "expiresAt":"next tuesday","createdAt":"2026-01-01T00:00:00Z","rights":["view",null]},
                  null,
                  {"id":"s2"}
                ]}""");
        ShareLinksViewModel links = opened();
        assertEquals(2, links.links().size(), links.messageProperty().get());
        Share hostile = links.links().get(0);
        String label = ShareLinksViewModel.label(hostile);
        assertTrue(oneLine(label) && label.startsWith("Client"), label);
        String summary = links.summary(hostile);
        assertTrue(oneLine(summary) && summary.startsWith("weird"), summary);
        assertFalse(summary.contains("until"), "an expiry that cannot be read is not shown: " + summary);
        assertFalse(hostile.allows("comment"));

        Share empty = links.links().get(1);
        assertEquals("link of ", ShareLinksViewModel.label(empty));
        assertEquals(" · 0 views · latest version", links.summary(empty));
    }

    @Test
    void editingALinkWhoseExpiryCannotBeReadKeepsTheExpiry() {
        server.answer("GET", LIST, "{\"items\":[{\"id\":\"s1\",\"expiresAt\":\"soon\",\"state\":\"active\"}]}");
        ShareLinksViewModel links = opened();
        ShareFormViewModel edit = links.edit(links.links().get(0));
        assertEquals(null, edit.expiresProperty().get());
        assertFalse(edit.changeBody().has("expiresAt"), "the unread expiry is not cleared by a save");
        edit.expiresProperty().set(LocalDate.now(ZONE).plusDays(3));
        assertTrue(edit.changeBody().path("expiresAt").isTextual(), "a day picked replaces it");
    }

    @Test
    void aListThatIsNoListOrOfWrongTypesSaysSoAndShowsNothing() {
        // No items, the answer null, views as words, items an object, and no JSON at all.
        for (String answer : List.of("{\"items\":null}", "null")) {
            server.answer("GET", LIST, answer);
            ShareLinksViewModel links = opened();
            assertEquals(0, links.links().size(), answer);
            assertEquals("", links.messageProperty().get(), answer);
        }
        for (String answer : List.of("{\"items\":[{\"id\":\"s1\",\"views\":\"many\"}]}", "{\"items\":{}}", "</>")) {
            server.answer("GET", LIST, answer);
            ShareLinksViewModel links = opened();
            assertEquals(0, links.links().size(), answer);
            assertTrue(
                    links.messageProperty().get().startsWith("The links could not be listed"),
                    links.messageProperty().get());
            assertFalse(links.busyProperty().get());
        }
    }

    @Test
    void aHugeListOfLinksIsListedAndEachSummarised() {
        // 20,000 links with the largest view counts and 1,000-character titles.
        server.answer(
                "GET",
                LIST,
                HostileServer.items(
                        20_000,
                        i -> "{\"id\":\"s" + i
                                + "\",\"state\":\"active\",\"views\":9223372036854775807,\"maxViews\":2147483647,"
                                + "\"title\":\"" + "y".repeat(1_000) + "\"}"));
        ShareLinksViewModel links = opened();
        assertEquals(20_000, links.links().size());
        for (Share s : links.links()) {
            assertTrue(links.summary(s).startsWith("Active · 9223372036854775807 of 2147483647 views"));
            assertTrue(ShareLinksViewModel.label(s).length() <= 201);
        }
    }

    @Test
    void aMadeLinkWithoutAnAddressIsNotShownAsOne() {
        // 201 with nothing, with null, with a token that is no token, with an address that is script.
        for (String answer : List.of(
                "{}",
                "null",
                "{\"id\":\"s1\",\"token\":\"../../api/me\"}",
                "{\"id\":\"s1\",\"url\":\"javascript:alert(1)\"}",
                "{\"id\":\"s1\",\"url\":\"https://evil.example/\\n/s/x\"}")) {
            server.answer("POST", LIST, 201, answer).answer("GET", LIST, "{\"items\":[]}");
            ShareFormViewModel form = opened().newLink();
            form.save().join();
            assertEquals("", form.linkProperty().get(), answer);
            assertTrue(
                    form.messageProperty().get().contains("did not carry it"),
                    form.messageProperty().get());
            assertFalse(form.busyProperty().get());
        }
        // A relative address and a bare token still make the link.
        server.answer("POST", LIST, 201, "{\"id\":\"s1\",\"url\":\"/s/fws_abcdefgh\"}");
        ShareFormViewModel relative = opened().newLink();
        relative.save().join();
        assertEquals(
                server.api.resolve("/s/fws_abcdefgh").toString(),
                relative.linkProperty().get());
        server.answer("POST", LIST, 201, "{\"id\":\"s1\",\"token\":\"fws_abcdefgh\"}");
        ShareFormViewModel token = opened().newLink();
        token.save().join();
        assertEquals(
                server.api.resolve("/s/fws_abcdefgh").toString(),
                token.linkProperty().get());
    }

    @Test
    void analyticsWithHolesAndHugeSizesAreShownWithinBounds() {
        // A guest with markup and newlines in the name; null guests and buckets; 5,000 guests; 100,000 buckets.
        List<GuestActivity> guests = new ArrayList<>();
        guests.add(new GuestActivity(
                "<b>Eve</b>\n\u001b[1m", "eve@evil.example\r\nBcc: all", null, null, null, null, null));
        guests.add(null);
        for (int i = 0; i < 5_000; i++) {
            guests.add(new GuestActivity("g" + i, null, null, null, 1.0, 0L, 0L));
        }
        List<String> lines = ShareLinksViewModel.guestLines(new ShareAnalytics(1L, 1L, 1.0, 0L, 0L, guests, null));
        assertEquals(ShareLinksViewModel.MAX_GUEST_LINES + 1, lines.size());
        assertTrue(lines.stream().allMatch(ShareLinksAttackTest::oneLine), lines.get(0));
        assertTrue(lines.get(0).startsWith("<b>Eve</b>"), "markup is text, shown as it is: " + lines.get(0));
        assertTrue(lines.get(lines.size() - 1).contains("4801 more guests"), lines.get(lines.size() - 1));
        assertEquals(
                List.of(),
                ShareLinksViewModel.guestLines(new ShareAnalytics(null, null, null, null, null, null, null)));

        assertArrayEquals(new double[0], ShareLinksViewModel.heatLevels(null));
        assertArrayEquals(new double[0], ShareLinksViewModel.heatLevels(new Heat("m1", 10L, null)));
        assertArrayEquals(
                new double[] {0, 0.5, 0, 1},
                ShareLinksViewModel.heatLevels(new Heat("m1", 10L, Arrays.asList(null, 2L, -7L, 4L))));
        assertArrayEquals(
                new double[0], ShareLinksViewModel.heatLevels(new Heat("m1", 10L, Arrays.asList(null, 0L, -1L))));
        List<Long> many = new ArrayList<>(Collections.nCopies(100_000, 1L));
        many.set(99_999, 5L);
        double[] levels = ShareLinksViewModel.heatLevels(new Heat("m1", 10L, many));
        assertEquals(ShareLinksViewModel.MAX_HEAT_COLUMNS, levels.length);
        assertEquals(1.0, levels[levels.length - 1]);
        assertEquals(0.2, levels[0], 1e-9);
    }

    @Test
    void analyticsOfTheWrongTypesSaySoInTheWindow() {
        server.answer("GET", LIST, "{\"items\":[{\"id\":\"s1\",\"state\":\"active\"}]}")
                .answer("GET", "/api/shares/s1/analytics", "{\"opens\":\"lots\",\"guests\":7}");
        ShareLinksViewModel links = opened();
        links.showAnalytics(links.links().get(0)).join();
        assertEquals(null, links.analyticsProperty().get());
        assertTrue(
                links.messageProperty().get().startsWith("The analytics could not be loaded"),
                links.messageProperty().get());
        assertEquals(new ShareTarget("folder", "f1", "Dailies"), links.target());
    }
}
