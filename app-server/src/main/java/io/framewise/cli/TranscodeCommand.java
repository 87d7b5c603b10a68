package io.framewise.cli;

import io.framewise.media.probe.MediaProbe;
import io.framewise.media.transcode.ProxyDecision;
import io.framewise.media.transcode.ProxyPolicy;
import io.framewise.media.transcode.ProxyResult;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.ProxyTranscoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise transcode FILE -o OUT.mp4}: the browser proxy, frame for frame. */
@Command(
        name = "transcode",
        description = "Make the browser proxy (H.264 High + AAC in MP4, faststart, short GOP) that keeps every"
                + " frame of the original in order, so frame N of the proxy is frame N of the original.")
final class TranscodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The original media file.")
    Path file;

    @Option(names = "-o", required = true, paramLabel = "OUT.mp4", description = "Where to write the proxy.")
    Path output;

    @Option(
            names = "--max-height",
            paramLabel = "PX",
            defaultValue = "1080",
            description = "Scale down to this height at most (never up).")
    int maxHeight;

    @Option(names = "--crf", defaultValue = "23", description = "x264 quality, 0-51 (lower is better).")
    int crf;

    @Option(names = "--preset", defaultValue = "veryfast", description = "x264 speed preset.")
    String preset;

    @Option(names = "--check", description = "Only say whether the file needs a proxy, and why; write nothing.")
    boolean checkOnly;

    @Override
    public Integer call() throws Exception {
        if (!output.getFileName().toString().toLowerCase().endsWith(".mp4") && !checkOnly) {
            throw new IllegalArgumentException("the proxy is an MP4: -o must end in .mp4, was " + output);
        }
        ProxyDecision decision = ProxyPolicy.decide(MediaProbe.probe(file));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("needsProxy", decision.needed());
        json.put("reasons", decision.reasons());
        if (!checkOnly) {
            ProxySettings settings =
                    ProxySettings.DEFAULT.withMaxHeight(maxHeight).withCrf(crf).withPreset(preset);
            TerminalProgress bar = new TerminalProgress(spec.commandLine().getErr(), "transcode");
            ProxyResult result;
            try (Interruptible interrupt = new Interruptible()) {
                result = new ProxyTranscoder().transcode(file, output, settings, bar, interrupt.cancellation());
            } finally {
                bar.finish();
            }
            json.put("output", output.toString());
            json.put("frameCount", result.frameCount());
            json.put("width", result.width());
            json.put("height", result.height());
            json.put("audio", result.audio());
            if (result.repeatedFrames() > 0) {
                json.put("repeatedFrames", result.repeatedFrames());
            }
        }
        spec.commandLine().getOut().println(ProbeCommand.JSON.writeValueAsString(json));
        return 0;
    }
}
