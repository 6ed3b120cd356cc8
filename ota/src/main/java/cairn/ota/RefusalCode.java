package cairn.ota;

/** Why a device refused a bundle; the names are stable and travel in MQTT health and events. */
public enum RefusalCode {
    /** A bundle file is missing or cannot be read. */
    UNREADABLE_FILE,
    /** The signature file is not in the expected format. */
    MALFORMED_SIGNATURE,
    /** The bundle names a signing key other than the one this device trusts. */
    WRONG_KEY,
    /** The signature does not match the manifest under the trusted key. */
    BAD_SIGNATURE,
    /** The manifest is signed but not a valid manifest. */
    MALFORMED_MANIFEST,
    /** The bundle's version is not newer than the installed one. */
    DOWNGRADE,
    /** The installed version is older than the bundle's minimum-previous-version. */
    INSTALLED_TOO_OLD,
    /** The payload is shorter than the manifest says. */
    TRUNCATED_PAYLOAD,
    /** The payload is longer than the manifest says, or its SHA-256 differs. */
    TAMPERED_PAYLOAD
}
