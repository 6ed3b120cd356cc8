package cairn.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One command as CONTRACTS.md defines it, read but not yet checked against the box:
 * {@code {"id": "…", "action": "…", "args": {…}, "expires": "ISO-8601", "sig": "hex"}}.
 * {@code expires} is kept as written, because the signature covers the text.
 */
public record Command(String id, String action, ObjectNode args, Optional<String> expires, Optional<String> sig) {}
