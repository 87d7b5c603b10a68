package io.framewise.server.interchange.imports;

import io.framewise.server.http.ApiException;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree of an XML file, read with the JDK's StAX parser with DTDs and external
 * entities off: a file that declares its own entities (XXE, "billion laughs") is refused, not
 * expanded. Each element keeps the line it starts on, so skipped markers can name it.
 */
final class XmlTree {

    /** The deepest nesting accepted; interchange files stay far below it. */
    static final int MAX_DEPTH = 256;

    /** One element: its name, attributes, child elements, its own text and its line. */
    record Element(String name, Map<String, String> attributes, List<Element> children, StringBuilder text, int line) {

        String attr(String key) {
            return attributes.get(key);
        }

        Optional<Element> child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst();
        }

        List<Element> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        /** The text of the named child, trimmed, or {@code ""}. */
        String childText(String childName) {
            return child(childName).map(c -> c.text.toString().strip()).orElse("");
        }
    }

    private XmlTree() {}

    static Element parse(byte[] body) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            Deque<Element> open = new ArrayDeque<>();
            Element root = null;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> refuseEntities(r.getText());
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new ApiException.Invalid(
                            "the XML refers to an entity '" + r.getLocalName() + "' (line "
                                    + r.getLocation().getLineNumber() + "); entities are not expanded",
                            Map.of("line", r.getLocation().getLineNumber()));
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() >= MAX_DEPTH) {
                            throw new ApiException.Invalid(
                                    "the XML is nested deeper than " + MAX_DEPTH + " elements",
                                    Map.of("line", r.getLocation().getLineNumber()));
                        }
                        Map<String, String> attrs = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        Element e = new Element(
                                r.getLocalName(),
                                attrs,
                                new ArrayList<>(),
                                new StringBuilder(),
                                r.getLocation().getLineNumber());
                        if (open.isEmpty()) {
                            root = e;
                        } else {
                            open.peek().children().add(e);
                        }
                        open.push(e);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty() && open.peek().text().length() < 1 << 16) {
                            open.peek().text().append(r.getText());
                        }
                    }
                    default -> {
                        // Comments, processing instructions, white space: nothing a marker needs.
                    }
                }
            }
            if (root == null) {
                throw new ApiException.Invalid("the XML has no root element", Map.of());
            }
            return root;
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            String why = e.getMessage() == null
                    ? "unreadable"
                    : e.getMessage().replaceFirst("(?s)^ParseError.*?Message: ", "");
            throw new ApiException.Invalid("the XML cannot be read at line " + line + ": " + why, Map.of("line", line));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // Nothing is left to release that matters: the input is a byte array.
                }
            }
        }
    }

    /** A document type that declares entities is refused as a whole: no interchange format needs them. */
    private static void refuseEntities(String dtd) {
        if (dtd != null && dtd.contains("<!ENTITY")) {
            throw new ApiException.Invalid(
                    "the XML declares entities in its document type; such files are refused", Map.of());
        }
    }
}
