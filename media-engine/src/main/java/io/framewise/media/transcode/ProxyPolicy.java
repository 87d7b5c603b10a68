package io.framewise.media.transcode;

import io.framewise.model.media.AudioStreamInfo;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.VideoStreamInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether the browser can play a media file as it is, or needs a proxy.
 *
 * <p>What browsers play reliably (Chromium, Firefox, Safari): H.264 8-bit 4:2:0 with AAC or MP3 audio
 * (or none) in MP4, and VP9 8-bit 4:2:0 with Opus or Vorbis (or none) in WebM. Everything else gets a
 * proxy: other codecs and containers, more than 8 bits, 4:2:2 and 4:4:4 chroma, unusual pixel
 * formats, bit rates above {@value #MAX_BIT_RATE} bit/s (streaming them over a LAN stutters) and
 * pictures over {@value #MAX_DIMENSION} pixels (beyond common hardware decoders). Rotation and variable
 * frame rate are fine as they are. Interlaced video gets a proxy: browsers show both fields woven
 * together (combing on motion), and the proxy deinterlaces each frame into one picture.
 *
 * <p>Still images play when the browser shows the format (PNG, JPEG, GIF, WebP); audio-only media
 * when the codec plays in its container (AAC/MP3 in MP4, MP3, Opus/Vorbis/FLAC in Ogg, Opus/Vorbis in
 * WebM, FLAC, 16-bit WAV).
 */
public final class ProxyPolicy {

    /** Above this a browser on a LAN stutters. */
    public static final long MAX_BIT_RATE = 50_000_000L;

    /** The widest (or tallest) picture browsers decode everywhere. */
    public static final int MAX_DIMENSION = 4096;

    private static final Set<String> MP4_CONTAINERS = Set.of("mp4", "m4v", "m4a");
    private static final Set<String> WEBM_CONTAINERS = Set.of("webm");
    private static final Set<String> MP4_AUDIO = Set.of("aac", "mp3");
    private static final Set<String> WEBM_AUDIO = Set.of("opus", "vorbis");
    private static final Set<String> BROWSER_IMAGES = Set.of("png", "mjpeg", "jpeg", "gif", "webp", "apng");
    /** Audio-only files browsers play: container to the codecs they play in it. */
    private static final Map<String, Set<String>> AUDIO_ONLY = Map.of(
            "mp4", MP4_AUDIO,
            "m4a", MP4_AUDIO,
            "mp3", Set.of("mp3"),
            "ogg", Set.of("opus", "vorbis", "flac"),
            "webm", WEBM_AUDIO,
            "flac", Set.of("flac"),
            "wav", Set.of("pcm_s16le"));

    private static final Set<String> PLAYABLE_PIXEL_FORMATS = Set.of("yuv420p", "yuvj420p");

    private ProxyPolicy() {}

    public static ProxyDecision decide(MediaInfo info) {
        List<String> reasons = new ArrayList<>();
        String container = info.container().toLowerCase(Locale.ROOT);
        if (info.video().isPresent() && info.video().get().stillImage()) {
            String codec = info.video().get().codec();
            if (!BROWSER_IMAGES.contains(codec)) {
                reasons.add("image format " + codec + " is not shown by browsers");
            }
            return reasons.isEmpty() ? ProxyDecision.playable() : ProxyDecision.needed(reasons);
        }
        if (info.isAudioOnly()) {
            return decideAudioOnly(container, info.audio().get(0).codec());
        }
        boolean mp4 = MP4_CONTAINERS.contains(container);
        boolean webm = WEBM_CONTAINERS.contains(container);
        if (!mp4 && !webm) {
            reasons.add("container " + info.container() + " is not playable in browsers (needs mp4 or webm)");
        }
        info.video().ifPresent(video -> judgeVideo(video, mp4, webm, reasons));
        if (!info.audio().isEmpty()) {
            // Browsers play the first audio track; the others are not heard either way.
            judgeAudio(info.audio().get(0), mp4, webm, reasons);
        }
        long bitRate =
                info.video().map(VideoStreamInfo::bitRate).filter(b -> b > 0).orElse(info.bitRate());
        if (bitRate > MAX_BIT_RATE) {
            reasons.add(String.format(
                    Locale.ROOT, "bit rate %.1f Mbit/s is above %d Mbit/s", bitRate / 1e6, MAX_BIT_RATE / 1_000_000));
        }
        return reasons.isEmpty() ? ProxyDecision.playable() : ProxyDecision.needed(reasons);
    }

    private static void judgeVideo(VideoStreamInfo video, boolean mp4, boolean webm, List<String> reasons) {
        String codec = video.codec();
        switch (codec) {
            case "h264" -> {
                if (webm) {
                    reasons.add("video codec h264 is not playable in webm (needs mp4)");
                }
            }
            case "vp9" -> {
                if (mp4) {
                    reasons.add("video codec vp9 in mp4 is not playable in all browsers (needs webm)");
                }
            }
            default -> reasons.add("video codec " + codec + " is not playable in browsers");
        }
        if (video.bitDepth() > 8) {
            reasons.add(video.bitDepth() + "-bit video");
        }
        String pix = video.pixelFormat();
        String chroma = chromaOf(pix);
        if (chroma != null) {
            reasons.add(chroma + " chroma (" + pix + ")");
        } else if (!PLAYABLE_PIXEL_FORMATS.contains(pix) && video.bitDepth() <= 8) {
            reasons.add("pixel format " + pix + " is not playable in browsers");
        }
        if (video.interlaced()) {
            reasons.add("interlaced video (field order " + video.fieldOrder() + ")");
        }
        if (video.codedWidth() > MAX_DIMENSION || video.codedHeight() > MAX_DIMENSION) {
            reasons.add("picture " + video.codedWidth() + "x" + video.codedHeight() + " is larger than " + MAX_DIMENSION
                    + " pixels");
        }
    }

    /** "4:2:2" or "4:4:4" when the pixel format has that chroma, null otherwise. */
    private static String chromaOf(String pix) {
        if (pix.contains("422") || pix.startsWith("yuyv") || pix.startsWith("uyvy")) {
            return "4:2:2";
        }
        if (pix.contains("444")) {
            return "4:4:4";
        }
        return null;
    }

    private static ProxyDecision decideAudioOnly(String container, String codec) {
        Set<String> playable = AUDIO_ONLY.getOrDefault(container, Set.of());
        if (playable.contains(codec)) {
            return ProxyDecision.playable();
        }
        return ProxyDecision.needed(
                List.of("audio codec " + codec + " in " + container + " is not playable in browsers"));
    }

    private static void judgeAudio(AudioStreamInfo audio, boolean mp4, boolean webm, List<String> reasons) {
        String codec = audio.codec();
        if (mp4 && !MP4_AUDIO.contains(codec)) {
            reasons.add("audio codec " + codec + " is not playable in browsers in mp4 (needs aac or mp3)");
        } else if (webm && !WEBM_AUDIO.contains(codec)) {
            reasons.add("audio codec " + codec + " is not playable in browsers in webm (needs opus or vorbis)");
        } else if (!mp4 && !webm && !MP4_AUDIO.contains(codec) && !WEBM_AUDIO.contains(codec)) {
            reasons.add("audio codec " + codec + " is not playable in browsers");
        }
    }
}
