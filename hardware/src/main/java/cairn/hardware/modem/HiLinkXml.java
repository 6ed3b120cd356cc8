package cairn.hardware.modem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The two documents a HiLink router answers with: {@code <response>} with one element per field, or {@code
 * <error><code>125002</code><message></message></error>}. DOCTYPEs are refused (no entity tricks from a device on
 * the LAN) and the JDK parser's habit of printing errors to stderr is silenced.
 */
final class HiLinkXml {
    /** What one GET gave: fields, an error code, or HTTP 404. */
    sealed interface Reply permits Fields, Error, Missing {}

    /** Direct children of {@code <response>}, by element name, text trimmed; empty elements map to "". */
    record Fields(Map<String, String> values) implements Reply {
        String get(String name) {
            return values.get(name);
        }
    }

    record Error(int code, String message) implements Reply {}

    record Missing() implements Reply {}

    /** 125001 wrong token, 125002 wrong session, 125003 wrong session token: a new handshake fixes these. */
    static boolean isSessionError(int code) {
        return code == 125001 || code == 125002 || code == 125003;
    }

    static final int NO_SUPPORT = 100002;
    static final int NO_RIGHTS = 100003;
    static final int SYSTEM_BUSY = 100004;

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private HiLinkXml() {}

    /** @throws ReadFailure GARBAGE when the body is not one of the two documents */
    static Reply parse(byte[] body, String what) throws ReadFailure {
        if (body.length == 0) {
            throw new ReadFailure(ModemFailure.Reason.GARBAGE, what + " answered with an empty body");
        }
        Document document;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            document = builder.parse(new InputSource(new ByteArrayInputStream(body)));
        } catch (SAXException | IOException e) {
            String problem = String.valueOf(e.getMessage()).contains("DOCTYPE") ? "a DOCTYPE, which is refused"
                    : Printable.of(e.getMessage(), 120);
            throw new ReadFailure(ModemFailure.Reason.GARBAGE, what + " did not answer with XML (" + problem
                    + "); it begins: " + preview(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
        Element root = document.getDocumentElement();
        switch (root.getTagName()) {
            case "response":
                return new Fields(children(root));
            case "error": {
                Map<String, String> fields = children(root);
                OptionalInt code = Numbers.parseInt(fields.get("code"));
                if (code.isEmpty()) {
                    throw new ReadFailure(ModemFailure.Reason.GARBAGE,
                            what + " answered <error> without a numeric <code>");
                }
                return new Error(code.getAsInt(), fields.getOrDefault("message", ""));
            }
            default:
                throw new ReadFailure(ModemFailure.Reason.GARBAGE, what + " answered <"
                        + Printable.of(root.getTagName(), 40) + "> where <response> or <error> was expected");
        }
    }

    private static Map<String, String> children(Element root) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                values.putIfAbsent(child.getNodeName(), child.getTextContent().strip());
            }
        }
        return values;
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    private static String preview(byte[] body) {
        return '"' + Printable.of(new String(body, 0, Math.min(body.length, 60),
                StandardCharsets.ISO_8859_1), 60) + '"';
    }
}
