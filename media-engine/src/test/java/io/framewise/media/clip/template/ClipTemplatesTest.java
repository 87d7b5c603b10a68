package io.framewise.media.clip.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClipTemplatesTest {

    static final String FULL =
            """
            {"name":"Client review","steps":[
              {"type":"text","text":"{title} {timecode}","position":"top-right","size":0.05,"color":"#ffcc00","opacity":0.9,"box":true,"boxColor":"#000000"},
              {"type":"image","imageId":"logo1","position":"bottom-right","scale":0.2,"opacity":0.5},
              {"type":"subtitles","source":"sidecar","fileId":"subs1","size":0.04,"color":"#FFFFFF"},
              {"type":"drawings"},
              {"type":"slate","frames":24,"lines":["{project}","{title} {version}"],"background":"#101010"},
              {"type":"scale","maxHeight":720}
            ],"output":{"format":"webm","maxHeight":1080,"videoBitrateKbps":4000}}
            """;

    @Test
    void aFullTemplateReadsBackTheSameAfterWritingIt() {
        ClipTemplate t = ClipTemplates.parse(FULL);
        assertEquals("Client review", t.name());
        assertEquals(6, t.steps().size());
        assertEquals(24, t.slateFrames());
        assertEquals(720, t.maxHeight().getAsInt());
        assertEquals(Set.of("logo1"), t.imageIds());
        assertEquals(Set.of("subs1"), t.subtitleFileIds());
        assertTrue(t.burnsDrawings());
        ClipTemplate.Text text = (ClipTemplate.Text) t.steps().get(0);
        assertEquals(ClipTemplate.Position.TOP_RIGHT, text.position());
        assertEquals("#FFCC00", text.color());
        assertEquals(t, ClipTemplates.parse(ClipTemplates.toJson(t)));
    }

    @Test
    void defaultsAreFilledIn() {
        ClipTemplate t = ClipTemplates.parse(
                "{\"name\":\"n\",\"steps\":[{\"type\":\"text\"},{\"type\":\"slate\",\"frames\":3}],\"output\":{\"format\":\"mp4\"}}");
        ClipTemplate.Text text = (ClipTemplate.Text) t.steps().get(0);
        assertEquals("{title}", text.text());
        assertEquals(ClipTemplate.Position.BOTTOM_LEFT, text.position());
        assertEquals(1.0, text.opacity());
        assertFalse(text.box());
        ClipTemplate.Slate slate = (ClipTemplate.Slate) t.steps().get(1);
        assertTrue(slate.lines().contains("{timecode}"));
        assertEquals("#000000", slate.background());
    }

    @Test
    void everyProblemNamesItsJsonPath() {
        record Case(String json, String message) {}
        String out = ",\"output\":{\"format\":\"mp4\"}}";
        for (Case c : List.of(
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"drawings\"},{\"type\":\"drawings\"},"
                                + "{\"type\":\"text\",\"colour\":\"#FFFFFF\"}]" + out,
                        "steps[2].colour is not a known field"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"sparkles\"}]" + out,
                        "steps[0].type 'sparkles' is not a known step kind"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"text\",\"size\":\"big\"}]" + out,
                        "steps[0].size must be a number"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"text\",\"size\":0.9}]" + out,
                        "steps[0].size must be in (0.0, 0.5]"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"text\",\"size\":0}]" + out,
                        "steps[0].size must be in (0.0, 0.5]"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"text\",\"color\":\"red\"}]" + out,
                        "steps[0].color must be a colour"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"text\",\"position\":\"middle\"}]" + out,
                        "steps[0].position 'middle' is not a position"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"text\",\"text\":\"{client}\"}]" + out,
                        "steps[0].text has an unknown placeholder {client}"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"slate\",\"frames\":241}]" + out,
                        "steps[0].frames must be 1..240"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"slate\",\"frames\":2.5}]" + out,
                        "steps[0].frames must be an integer"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"slate\",\"frames\":2,\"lines\":[\"{x}\"]}]" + out,
                        "steps[0].lines[0] has an unknown placeholder {x}"),
                new Case("{\"name\":\"n\",\"steps\":[{\"type\":\"image\"}]" + out, "steps[0].imageId is missing"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"image\",\"imageId\":\"../x\"}]" + out,
                        "steps[0].imageId is not an id"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"embedded\",\"fileId\":\"a\"}]"
                                + out,
                        "steps[0].source must be \"sidecar\" or \"track\""),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"track\",\"fileId\":\"a\"}]"
                                + out,
                        "steps[0].fileId does not go with source \"track\""),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"track\":\"a\"}]"
                                + out,
                        "steps[0].track does not go with source \"sidecar\""),
                new Case(
                        "{\"name\":\"n\",\"steps\":[{\"type\":\"scale\",\"maxHeight\":8}]" + out,
                        "steps[0].maxHeight must be 16..4320"),
                new Case("{\"name\":\"n\",\"steps\":{}" + out, "steps must be an array"),
                new Case(
                        "{\"name\":\"n\",\"steps\":[],\"output\":{\"format\":\"avi\"}}",
                        "output.format must be \"mp4\" or \"webm\""),
                new Case(
                        "{\"name\":\"n\",\"steps\":[],\"output\":{\"format\":\"mp4\",\"fps\":25}}",
                        "output.fps is not a known field"),
                new Case("{\"name\":\"n\",\"steps\":[]}", "output is missing"),
                new Case("{\"steps\":[]" + out, "name is missing"),
                new Case("{\"name\":\"n\",\"steps\":[],\"extra\":1" + out, "extra is not a known field"),
                new Case("[1,2]", "a template is a JSON object"),
                new Case("{\"name\":", "is not JSON"))) {
            TemplateException e = assertThrows(TemplateException.class, () -> ClipTemplates.parse(c.json()), c.json());
            assertTrue(e.getMessage().startsWith(c.message()), e.getMessage() + " should start with " + c.message());
        }
    }

    @Test
    void theServersOwnTopLevelFieldsCanBeAllowed() {
        ClipTemplate t = ClipTemplates.parse(
                "{\"projectId\":null,\"name\":\"n\",\"steps\":[],\"output\":{\"format\":\"mp4\"}}",
                Set.of("projectId"));
        assertFalse(t.changesPictures());
    }
}
