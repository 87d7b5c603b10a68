package io.framewise.media.containers;

import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The containers and codecs editors receive, each made small by the bundled ffmpeg with its frame
 * index drawn into every picture ({@link FrameCode}). Sizes, lengths and GOPs are chosen so each file
 * takes well under a second to make; formats fixed at HD (DNxHD, XDCAM, AVC-Intra) get a few frames.
 */
enum SourceKind {
    AVI_MPEG4_BFRAMES("mpeg4-bframes.avi", 40, "320x240", 25, List.of("-c:v", "mpeg4", "-bf", "2", "-f", "avi")),
    AVI_MJPEG(
            "mjpeg.avi",
            30,
            "320x240",
            25,
            List.of("-vf", "format=yuvj422p", "-c:v", "mjpeg", "-q:v", "3", "-f", "avi")),
    AVI_DV("dv-pal.avi", 12, "720x576", 25, List.of("-c:v", "dvvideo", "-f", "avi")),
    MXF_OP1A_DNXHD(
            "dnxhd.mxf",
            4,
            "1920x1080",
            25,
            List.of("-vf", "format=yuv422p", "-c:v", "dnxhd", "-b:v", "120M", "-f", "mxf")),
    MXF_OP1A_DNXHR(
            "dnxhr.mxf",
            25,
            "640x360",
            25,
            List.of("-vf", "format=yuv422p", "-c:v", "dnxhd", "-profile:v", "dnxhr_lb", "-f", "mxf")),
    MXF_OPATOM_DNXHR(
            "dnxhr-opatom.mxf",
            25,
            "640x360",
            25,
            List.of("-vf", "format=yuv422p", "-c:v", "dnxhd", "-profile:v", "dnxhr_lb", "-f", "mxf_opatom")),
    /** XDCAM HD422: MPEG-2 4:2:2 long GOP with B-frames, interlaced top field first, in MXF OP1a. */
    MXF_XDCAM_HD422(
            "xdcam-hd422.mxf",
            8,
            "1920x1080",
            25,
            List.of(
                    "-vf",
                    "format=yuv422p,setfield=tff",
                    "-c:v",
                    "mpeg2video",
                    "-b:v",
                    "50M",
                    "-minrate",
                    "50M",
                    "-maxrate",
                    "50M",
                    "-bufsize",
                    "17M",
                    "-g",
                    "12",
                    "-bf",
                    "2",
                    "-flags",
                    "+ildct+ilme",
                    "-top",
                    "1",
                    "-f",
                    "mxf")),
    MXF_AVC_INTRA_100(
            "avc-intra-100.mxf",
            3,
            "1920x1080",
            25,
            List.of("-vf", "format=yuv422p10le", "-c:v", "libx264", "-avcintra-class", "100", "-f", "mxf")),
    MKV_ATTACHMENT_CHAPTERS("attachment-chapters.mkv", 50, "320x240", 25, List.of()),
    MOV_TWO_VIDEO_TRACKS("two-video-tracks.mov", 30, "320x240", 25, List.of()),
    FLV_SORENSON("sorenson.flv", 40, "320x240", 25, List.of("-c:v", "flv", "-f", "flv")),
    FLV_H264(
            "h264.flv", 40, "320x240", 25, List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-f", "flv")),
    WMV_ASF("wmv8.wmv", 40, "320x240", 25, List.of("-c:v", "wmv2", "-f", "asf")),
    GIF_ANIMATED("animated.gif", 20, "160x120", 10, List.of("-f", "gif")),
    APNG_ANIMATED("animated.apng", 20, "160x120", 10, List.of("-plays", "0", "-f", "apng")),
    MPEG2_TS("mpeg2.ts", 40, "320x240", 25, List.of("-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-f", "mpegts")),
    MPEG2_PS("mpeg2.mpg", 40, "320x240", 25, List.of("-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-f", "vob")),
    /** Broadcast SD: H.264 MBAFF, top field first, in MPEG-TS. */
    INTERLACED_H264_TFF(
            "interlaced-tff.ts",
            20,
            "720x576",
            25,
            List.of(
                    "-vf",
                    "setfield=tff",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "ultrafast",
                    "-flags",
                    "+ildct+ilme",
                    "-x264opts",
                    "tff=1",
                    "-f",
                    "mpegts")),
    /** DVD-style MPEG-2, bottom field first, in a program stream. */
    INTERLACED_MPEG2_BFF(
            "interlaced-bff.mpg",
            20,
            "720x576",
            25,
            List.of("-vf", "setfield=bff", "-c:v", "mpeg2video", "-flags", "+ildct+ilme", "-top", "0", "-f", "vob")),
    PRORES_4444_ALPHA(
            "prores-4444-alpha.mov",
            20,
            "320x240",
            25,
            List.of("-vf", "format=yuva444p10le", "-c:v", "prores_ks", "-profile:v", "4444", "-f", "mov")),
    PNG_IN_MOV_ALPHA("png-alpha.mov", 20, "320x240", 25, List.of("-vf", "format=rgba", "-c:v", "png", "-f", "mov")),
    /** HDR10: HEVC Main 10, BT.2020 primaries and matrix, PQ transfer, at HD so the proxy's HD rules apply. */
    HDR10_PQ(
            "hdr10-pq.mov",
            10,
            "1280x720",
            25,
            List.of(
                    "-vf",
                    "format=yuv420p10le,setparams=color_primaries=bt2020:color_trc=smpte2084:colorspace=bt2020nc:range=tv",
                    "-c:v",
                    "libx265",
                    "-preset",
                    "ultrafast",
                    "-x265-params",
                    "log-level=error",
                    "-tag:v",
                    "hvc1",
                    "-f",
                    "mov")),
    /** HLG, 12-bit 4:2:2 HEVC in Matroska. */
    HLG_12BIT_422(
            "hlg-12bit.mkv",
            10,
            "320x240",
            25,
            List.of(
                    "-vf",
                    "format=yuv422p12le,setparams=color_primaries=bt2020:color_trc=arib-std-b67:colorspace=bt2020nc:range=tv",
                    "-c:v",
                    "libx265",
                    "-preset",
                    "ultrafast",
                    "-x265-params",
                    "log-level=error",
                    "-f",
                    "matroska")),
    ODD_SIZE(
            "odd-321x241.mkv",
            20,
            "321x241",
            25,
            List.of("-vf", "format=yuv444p", "-c:v", "libx264", "-preset", "ultrafast", "-f", "matroska")),
    DCI_4K("dci-4k.mov", 3, "4096x2160", 24, List.of("-c:v", "libx264", "-preset", "ultrafast", "-f", "mov")),
    UHD_8K("uhd-8k.mkv", 2, "7680x4320", 24, List.of("-c:v", "libx264", "-preset", "ultrafast", "-f", "matroska")),
    SINGLE_FRAME("single-frame.mp4", 1, "320x240", 25, List.of("-c:v", "libx264", "-preset", "ultrafast", "-f", "mp4"));

    final String fileName;
    final int frames;
    final String size;
    final int rate;
    private final List<String> outputArgs;

    SourceKind(String fileName, int frames, String size, int rate, List<String> outputArgs) {
        this.fileName = fileName;
        this.frames = frames;
        this.size = size;
        this.rate = rate;
        this.outputArgs = outputArgs;
    }

    int width() {
        return Integer.parseInt(size.substring(0, size.indexOf('x')));
    }

    int height() {
        return Integer.parseInt(size.substring(size.indexOf('x') + 1));
    }

    /** Makes the file in {@code dir}. */
    Path make(Path dir) {
        Path out = dir.resolve(fileName);
        switch (this) {
            case MKV_ATTACHMENT_CHAPTERS -> makeWithAttachmentAndChapters(dir, out);
            case MOV_TWO_VIDEO_TRACKS -> TestMedia.run(
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            source(),
                            "-f",
                            "lavfi",
                            "-i",
                            "testsrc=size=640x480:rate=25,trim=end_frame=20"),
                    "-map",
                    "0:v",
                    "-map",
                    "1:v",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "ultrafast",
                    "-f",
                    "mov",
                    out.toString());
            default -> {
                List<String> args = new ArrayList<>(outputArgs);
                args.add(out.toString());
                TestMedia.run(List.of("-f", "lavfi", "-i", source()), args.toArray(String[]::new));
            }
        }
        return out;
    }

    /**
     * testsrc2 with the frame code. Large pictures are drawn small and scaled up by pixel repetition:
     * the code filter costs per pixel, and at 8K it would dominate the test.
     */
    private String source() {
        int w = width();
        int h = height();
        boolean large = (long) w * h > 2_500_000;
        // testsrc2 makes even sizes only: an odd size is cut from the next even one.
        boolean odd = w % 2 == 1 || h % 2 == 1;
        String drawn = large ? (w / 8) + "x" + (h / 8) : odd ? (w + w % 2) + "x" + (h + h % 2) : size;
        String graph = "testsrc2=size=" + drawn + ":rate=" + rate + ",trim=end_frame=" + frames + ",format=yuv420p,"
                + FrameCode.drawFilter();
        if (large) {
            return graph + ",scale=" + w + ":" + h + ":flags=neighbor";
        }
        return odd ? graph + ",format=yuv444p,crop=" + w + ":" + h + ":0:0" : graph;
    }

    private void makeWithAttachmentAndChapters(Path dir, Path out) {
        Path chapters = dir.resolve("chapters.txt");
        Path font = dir.resolve("notes.ttf");
        try {
            java.nio.file.Files.writeString(
                    chapters,
                    ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\n"
                            + "title=One\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\ntitle=Two\n");
            // Any bytes do: the demuxer hands attachments over as they are.
            java.nio.file.Files.write(font, new byte[] {0, 1, 0, 0, 0, 0});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        TestMedia.run(
                List.of("-f", "lavfi", "-i", source(), "-i", chapters.toString()),
                "-map",
                "0:v",
                "-map_chapters",
                "1",
                "-attach",
                font.toString(),
                "-metadata:s:t",
                "mimetype=application/x-truetype-font",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-f",
                "matroska",
                out.toString());
    }
}
