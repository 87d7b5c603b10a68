package io.framewise.server.interchange.markers;

/**
 * The part of Apple's FCPXML 1.10 DTD that the marker export uses, written out so the validity
 * check runs offline (Apple's file is not shipped with the product or fetched by tests).
 *
 * <p>Every declaration keeps the shape Apple gives the element: the same attributes with the same
 * types and defaults, and content models that are Apple's with the alternatives the export never
 * writes left out. Leaving out an optional alternative only makes the model stricter, so a document
 * valid here is valid against Apple's full DTD; and a document that breaks a rule kept here (a
 * missing required attribute, an element where Apple allows none) is refused as Final Cut would.
 */
final class FcpxmlDtd {

    private FcpxmlDtd() {}

    static final String TEXT =
            """
            <!ENTITY % time "CDATA">

            <!-- Apple: (import-options?, resources?, (library | event* | (%event_item;)*)) -->
            <!ELEMENT fcpxml (resources?, library)>
            <!ATTLIST fcpxml version CDATA #FIXED "1.10">

            <!-- Apple: (event | smart-collection)* -->
            <!ELEMENT library (event)*>
            <!ATTLIST library location CDATA #IMPLIED>
            <!ATTLIST library colorProcessing (standard | wide | wide-hdr) #IMPLIED>

            <!-- Apple: (%event_item;)* -->
            <!ELEMENT event (project)*>
            <!ATTLIST event name CDATA #IMPLIED>
            <!ATTLIST event uid CDATA #IMPLIED>

            <!ELEMENT project (sequence)>
            <!ATTLIST project name CDATA #IMPLIED>
            <!ATTLIST project uid CDATA #IMPLIED>
            <!ATTLIST project id ID #IMPLIED>
            <!ATTLIST project modDate CDATA #IMPLIED>

            <!-- Apple: (asset | effect | format | media | locator)* -->
            <!ELEMENT resources (asset | format)*>

            <!ELEMENT format EMPTY>
            <!ATTLIST format id ID #REQUIRED>
            <!ATTLIST format name CDATA #IMPLIED>
            <!ATTLIST format frameDuration %time; #IMPLIED>
            <!ATTLIST format fieldOrder CDATA #IMPLIED>
            <!ATTLIST format width CDATA #IMPLIED>
            <!ATTLIST format height CDATA #IMPLIED>
            <!ATTLIST format paspH CDATA #IMPLIED>
            <!ATTLIST format paspV CDATA #IMPLIED>
            <!ATTLIST format colorSpace CDATA #IMPLIED>
            <!ATTLIST format projection CDATA #IMPLIED>
            <!ATTLIST format stereoscopic CDATA #IMPLIED>

            <!-- Apple: (media-rep+, metadata?) -->
            <!ELEMENT asset (media-rep+)>
            <!ATTLIST asset id ID #REQUIRED>
            <!ATTLIST asset name CDATA #IMPLIED>
            <!ATTLIST asset uid CDATA #IMPLIED>
            <!ATTLIST asset start %time; #IMPLIED>
            <!ATTLIST asset duration %time; #IMPLIED>
            <!ATTLIST asset hasVideo CDATA #IMPLIED>
            <!ATTLIST asset format IDREF #IMPLIED>
            <!ATTLIST asset hasAudio CDATA #IMPLIED>
            <!ATTLIST asset videoSources CDATA #IMPLIED>
            <!ATTLIST asset audioSources CDATA #IMPLIED>
            <!ATTLIST asset audioChannels CDATA #IMPLIED>
            <!ATTLIST asset audioRate CDATA #IMPLIED>

            <!-- Apple: (bookmark?) -->
            <!ELEMENT media-rep EMPTY>
            <!ATTLIST media-rep kind (original-media | proxy-media) "original-media">
            <!ATTLIST media-rep sig CDATA #IMPLIED>
            <!ATTLIST media-rep src CDATA #REQUIRED>
            <!ATTLIST media-rep suggestedFilename CDATA #IMPLIED>

            <!-- Apple: (note?, spine, metadata?) -->
            <!ELEMENT sequence (spine)>
            <!ATTLIST sequence format IDREF #REQUIRED>
            <!ATTLIST sequence duration %time; #IMPLIED>
            <!ATTLIST sequence tcStart %time; #IMPLIED>
            <!ATTLIST sequence tcFormat (DF | NDF) #IMPLIED>
            <!ATTLIST sequence audioLayout (mono | stereo | surround) #IMPLIED>
            <!ATTLIST sequence audioRate (32k | 44.1k | 48k | 88.2k | 96k | 176.4k | 192k) #IMPLIED>
            <!ATTLIST sequence renderFormat CDATA #IMPLIED>
            <!ATTLIST sequence keywords CDATA #IMPLIED>

            <!-- Apple: (%clip_item; | transition)* -->
            <!ELEMENT spine (asset-clip)*>
            <!ATTLIST spine lane CDATA #IMPLIED>
            <!ATTLIST spine offset %time; #IMPLIED>
            <!ATTLIST spine name CDATA #IMPLIED>
            <!ATTLIST spine format IDREF #IMPLIED>

            <!-- Apple: (note?, %timing-params;, %intrinsic-params;, (%anchor_item;)*, (%marker_item;)*,
                 audio-channel-source*, (%video_filter_item;)*, filter-audio*, metadata?) -->
            <!ELEMENT asset-clip (marker | chapter-marker)*>
            <!ATTLIST asset-clip ref IDREF #REQUIRED>
            <!ATTLIST asset-clip lane CDATA #IMPLIED>
            <!ATTLIST asset-clip offset %time; #IMPLIED>
            <!ATTLIST asset-clip name CDATA #IMPLIED>
            <!ATTLIST asset-clip start %time; #IMPLIED>
            <!ATTLIST asset-clip duration %time; #IMPLIED>
            <!ATTLIST asset-clip enabled (0 | 1) '1'>
            <!ATTLIST asset-clip srcEnable (all | audio | video) "all">
            <!ATTLIST asset-clip audioStart %time; #IMPLIED>
            <!ATTLIST asset-clip audioDuration %time; #IMPLIED>
            <!ATTLIST asset-clip format IDREF #IMPLIED>
            <!ATTLIST asset-clip tcStart %time; #IMPLIED>
            <!ATTLIST asset-clip tcFormat (DF | NDF) #IMPLIED>
            <!ATTLIST asset-clip modDate CDATA #IMPLIED>
            <!ATTLIST asset-clip audioRole CDATA #IMPLIED>
            <!ATTLIST asset-clip videoRole CDATA #IMPLIED>

            <!ELEMENT marker EMPTY>
            <!ATTLIST marker start %time; #REQUIRED>
            <!ATTLIST marker duration %time; #IMPLIED>
            <!ATTLIST marker value CDATA #REQUIRED>
            <!ATTLIST marker completed CDATA #IMPLIED>
            <!ATTLIST marker note CDATA #IMPLIED>

            <!ELEMENT chapter-marker EMPTY>
            <!ATTLIST chapter-marker start %time; #REQUIRED>
            <!ATTLIST chapter-marker duration %time; #IMPLIED>
            <!ATTLIST chapter-marker value CDATA #REQUIRED>
            <!ATTLIST chapter-marker note CDATA #IMPLIED>
            <!ATTLIST chapter-marker posterOffset %time; #IMPLIED>
            """;
}
